import { describe, expect, it } from 'vitest';
import { detectDelimiter, readCsv, readCsvAsync } from './csv';

function rows(text: string): { delimiter: string; rows: [number, string[]][] } {
  const out: [number, string[]][] = [];
  const r = readCsv(text, (c, n) => out.push([n, c]));
  return { delimiter: r.delimiter, rows: out };
}

describe('readCsv', () => {
  it('detects the delimiter also in a tiny file that ends with a newline or has empty lines', () => {
    // papaparse's own guess falls back to "," here: the empty last line lowers the average field count.
    expect(rows('a;b\n1;2\n')).toEqual({
      delimiter: ';',
      rows: [
        [1, ['a', 'b']],
        [2, ['1', '2']],
        [3, ['']],
      ],
    });
    expect(rows('a\tb\n\n1\t2\n\n').delimiter).toBe('\t');
    expect(rows('a;b;c\n1;2,5;3\n').rows[1]).toEqual([2, ['1', '2,5', '3']]);
    expect(detectDelimiter('a,b\n1,2')).toBe(',');
  });

  it('keeps quoted line breaks inside one record (CRLF file)', () => {
    expect(rows('a;b\r\n1;"x\r\ny"\r\n2;z').rows).toEqual([
      [1, ['a', 'b']],
      [2, ['1', 'x\r\ny']],
      [3, ['2', 'z']],
    ]);
  });

  it('gives the same records asynchronously', async () => {
    const text = Array.from({ length: 500 }, (_, i) => `${i};"v\n${i}";x`).join('\n');
    const sync = rows(text).rows;
    const out: [number, string[]][] = [];
    await readCsvAsync(text, (c, n) => out.push([n, c]), { chunkSize: 1000 });
    expect(out).toEqual(sync);
  });
});
