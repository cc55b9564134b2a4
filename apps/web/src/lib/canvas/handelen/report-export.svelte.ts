/** Step 11's export formats, in the order the buttons show them. */
export const EXPORT_FORMATS = ['pdf', 'docx', 'html', 'md'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ReportExportOptions {
  /** Asks the server for the export (`GET /api/boards/:id/export?format=…`). Rejects when unreachable. */
  request: (format: ExportFormat) => Promise<Response>;
  /** Hands the file to the browser as a download. */
  save: (blob: Blob, fileName: string) => void;
  /** The Dutch message for a refused export (the server's `{ error }`), or for no connection (null). */
  describe: (format: ExportFormat, serverMessage: string | null) => string;
}

/**
 * The file name of a download from its Content-Disposition: the UTF-8 `filename*` (the board title as
 * written, "Studiedag één 2026-12-01.pdf") when present, else the ASCII `filename`, else `fallback`.
 */
export function fileNameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      // A malformed escape: fall through to the ASCII name.
    }
  }
  const plain = /filename="([^"]+)"/i.exec(disposition);
  return plain?.[1] ?? fallback;
}

/**
 * Downloads step 11's report in one format: one at a time, `busy` naming the format in progress, `error`
 * saying in Dutch why the last one failed (nothing is saved then).
 */
export class ReportExport {
  busy = $state<ExportFormat | null>(null);
  error = $state('');
  /** The file name of the last successful download, for the status line. */
  saved = $state('');
  #options: ReportExportOptions;

  constructor(options: ReportExportOptions) {
    this.#options = options;
  }

  async download(format: ExportFormat): Promise<boolean> {
    if (this.busy) return false;
    this.busy = format;
    this.error = '';
    this.saved = '';
    try {
      let response: Response;
      try {
        response = await this.#options.request(format);
      } catch {
        this.error = this.#options.describe(format, null);
        return false;
      }
      if (!response.ok) {
        let message: string | null = null;
        try {
          const body = (await response.json()) as { error?: unknown };
          if (typeof body.error === 'string') message = body.error;
        } catch {
          // Not JSON: the describe function words the failure itself.
        }
        this.error = this.#options.describe(format, message ?? `HTTP ${response.status}`);
        return false;
      }
      const blob = await response.blob();
      const name = fileNameOf(response.headers.get('content-disposition'), `rapport.${format}`);
      this.#options.save(blob, name);
      this.saved = name;
      return true;
    } finally {
      this.busy = null;
    }
  }
}
