/**
 * CSV/formula injection (OWASP "CSV Injection"): Excel and LibreOffice run a cell that starts with = + - @
 * (and, after trimming, TAB or CR) as a formula, so a pupil named `=HYPERLINK("http://…")` or `=cmd|…`
 * would run when a leider opens Koers's export. Every CSV or XLSX Koers writes passes its text cells
 * through {@link spreadsheetSafe}; the import undoes it ({@link unneutralise}), so an export reads back
 * as it was.
 */

const TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);
const PLAIN_NUMBER = /^[+-]?\d+(?:[.,]\d+)?(?:[eE][+-]?\d+)?$/;

/**
 * The text as a spreadsheet shows it without running it: a leading apostrophe (Excel's "this is text"
 * mark, not shown in the cell) when it starts with a formula character. A plain number such as "-3" or
 * "+4,5" is left alone: it is a value, not a formula.
 *
 * @example spreadsheetSafe('=1+1') // "'=1+1"
 * @example spreadsheetSafe('-3') // "-3"
 */
export function spreadsheetSafe(text: string): string {
  if (text === '' || !TRIGGERS.has(text[0]!)) return text;
  if (PLAIN_NUMBER.test(text)) return text;
  return `'${text}`;
}

/** Removes the apostrophe {@link spreadsheetSafe} added, so Koers reads its own export back unchanged. */
export function unneutralise(text: string): string {
  return text.length > 1 && text[0] === "'" && TRIGGERS.has(text[1]!) && !PLAIN_NUMBER.test(text.slice(1))
    ? text.slice(1)
    : text;
}
