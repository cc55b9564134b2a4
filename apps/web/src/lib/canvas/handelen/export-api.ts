import { api } from '$lib/api';
import type { ExportFormat } from './report-export.svelte';

/**
 * `GET /api/boards/:id/export?format=…`, the one place the app asks for step 11's report as a file. The raw
 * answer: the caller reads the file (or the server's Dutch `{ error }`) from it.
 */
export async function requestExport(boardId: string, format: ExportFormat): Promise<Response> {
  const response = await api.boards[':id'].export.$get({ param: { id: boardId }, query: { format } });
  return response as unknown as Response;
}

/** Hands a file to the browser as a download (a temporary link with `download`). */
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The click has started the download; the URL is not needed after this turn.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
