import { describe, expect, it } from 'vitest';
import { ReportExport, fileNameOf, type ExportFormat } from './report-export.svelte';

const describeError = (format: ExportFormat, message: string | null) =>
  `Exporteren als ${format} is niet gelukt: ${message ?? 'geen verbinding'}`;

describe('fileNameOf', () => {
  it('prefers the UTF-8 name, then the ASCII name, then the fallback', () => {
    expect(
      fileNameOf(
        `attachment; filename="studiedag-een-2026-12-01.pdf"; filename*=UTF-8''Studiedag%20%C3%A9%C3%A9n%202026-12-01.pdf`,
        'x.pdf',
      ),
    ).toBe('Studiedag één 2026-12-01.pdf');
    expect(fileNameOf('attachment; filename="studiedag-2026-12-01.md"', 'x.md')).toBe(
      'studiedag-2026-12-01.md',
    );
    expect(fileNameOf(`attachment; filename="a.md"; filename*=UTF-8''%E0%A4%A.md`, 'x.md')).toBe('a.md');
    expect(fileNameOf(null, 'rapport.md')).toBe('rapport.md');
  });
});

describe('ReportExport', () => {
  it('saves the answer under the server’s file name and asks for the chosen format', async () => {
    const asked: string[] = [];
    const saved: { name: string; text: string }[] = [];
    const exporter = new ReportExport({
      request: async (format) => {
        asked.push(format);
        return new Response('# Rapport', {
          headers: { 'content-disposition': 'attachment; filename="studiedag-2026-12-01.md"' },
        });
      },
      save: (blob, name) => void blob.text().then((text) => saved.push({ name, text })),
      describe: describeError,
    });
    expect(await exporter.download('md')).toBe(true);
    await new Promise((r) => setTimeout(r, 0));
    expect(asked).toEqual(['md']);
    expect(saved).toEqual([{ name: 'studiedag-2026-12-01.md', text: '# Rapport' }]);
    expect(exporter.saved).toBe('studiedag-2026-12-01.md');
    expect(exporter.busy).toBeNull();
    expect(exporter.error).toBe('');
  });

  it('shows the server’s Dutch refusal and saves nothing', async () => {
    let saves = 0;
    const exporter = new ReportExport({
      request: async () => Response.json({ error: 'Geen toegang.' }, { status: 403 }),
      save: () => saves++,
      describe: describeError,
    });
    expect(await exporter.download('pdf')).toBe(false);
    expect(exporter.error).toBe('Exporteren als pdf is niet gelukt: Geen toegang.');
    expect(saves).toBe(0);
  });

  it('says there is no connection when the server cannot be reached, and a non-JSON failure by its status', async () => {
    const offline = new ReportExport({
      request: async () => {
        throw new TypeError('Failed to fetch');
      },
      save: () => {},
      describe: describeError,
    });
    expect(await offline.download('docx')).toBe(false);
    expect(offline.error).toBe('Exporteren als docx is niet gelukt: geen verbinding');
    expect(offline.busy).toBeNull();

    const broken = new ReportExport({
      request: async () => new Response('boom', { status: 500 }),
      save: () => {},
      describe: describeError,
    });
    await broken.download('html');
    expect(broken.error).toBe('Exporteren als html is niet gelukt: HTTP 500');
  });
});
