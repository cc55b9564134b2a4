/**
 * The download name of an export: the board title and the date, e.g. `studiedag-groep-8-2026-12-01.pdf`.
 * `filename` is plain ASCII for every client; `filename*` (RFC 5987/6266) keeps the title as typed
 * ("Studiedag één – groep 8") for those that read it.
 */

/** "Studiedag één – groep 8" → "studiedag-een-groep-8"; never empty. */
export function asciiSlug(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return slug || 'bord';
}

/** RFC 5987 value-chars: percent-encode everything else (encodeURIComponent leaves ' ( ) * ! alone). */
const encodeRfc5987 = (value: string): string =>
  encodeURIComponent(value).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export function exportFileName(title: string, date: string, extension: string): string {
  return `${asciiSlug(title)}-${date}.${extension}`;
}

export function contentDisposition(title: string, date: string, extension: string): string {
  // The readable name: the title without characters no file system takes, then the date.
  const readable = `${
    title
      .replace(/[\\/:*?"<>|\p{Cc}]+/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim() || 'bord'
  } ${date}.${extension}`;
  return `attachment; filename="${exportFileName(title, date, extension)}"; filename*=UTF-8''${encodeRfc5987(readable)}`;
}
