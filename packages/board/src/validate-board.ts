import * as Y from 'yjs';
import { analysisEntryProblem, analysisMap } from './analysis-context';
import { checkEntryProblem, checksMap } from './checks';
import { BOARD_ROOTS, isKnownRoot } from './layout';
import { isFactorRow } from './records/factor';
import { cellValueSchema, gridCellsMap, parseCellKey } from './records/grid-cell';
import { GRID_COLUMN } from './records/grid-column';
import { parseRecordFields, recordExists, recordType, recordsMap } from './records/record-store';
import { isRecordType, recordDefinition } from './records/registry';

/** Something in the document that readers skip. `message` is Dutch; `code` is for the program. */
export interface BoardProblem {
  root: string;
  key: string;
  code: 'unknown-root' | 'not-a-map' | 'unknown-type' | 'invalid' | 'dangling-link' | 'orphan-cell';
  message: string;
}

/**
 * Everything in the board that readers skip, and why: records that fail their schema, links whose endpoint
 * is gone (a concurrent delete), grid cells of a deleted row or column, malformed checks and analysis fields,
 * unknown roots. Never throws; an empty list means every reader shows everything stored.
 */
export function validateBoard(doc: Y.Doc): BoardProblem[] {
  const problems: BoardProblem[] = [];
  for (const [name, type] of doc.share) {
    const kind = type instanceof Y.XmlFragment ? 'xmlFragment' : type instanceof Y.Map ? 'map' : undefined;
    // A root only named by a reader (doc.get without a kind) is an AbstractType with no content yet.
    if (kind === undefined && type._start === null && type._map.size === 0) continue;
    if (!isKnownRoot(name, kind) && !(kind === undefined && BOARD_ROOTS.some((r) => r.name === name))) {
      problems.push({
        root: name,
        key: '',
        code: 'unknown-root',
        message: 'Onbekend onderdeel van het bord.',
      });
    }
  }

  for (const [id, map] of recordsMap(doc).entries()) {
    if (!(map instanceof Y.Map)) {
      problems.push({ root: 'records', key: id, code: 'not-a-map', message: 'Kaart zonder velden.' });
      continue;
    }
    const type = map.get('type');
    if (!isRecordType(type)) {
      problems.push({ root: 'records', key: id, code: 'unknown-type', message: 'Onbekend soort kaart.' });
      continue;
    }
    const parsed = parseRecordFields(recordDefinition(type), map.toJSON() as Record<string, unknown>);
    if (!parsed.ok) {
      problems.push({ root: 'records', key: id, code: 'invalid', message: parsed.message });
      continue;
    }
    if (type === 'link') {
      const { from, to } = parsed.record as unknown as { from: string; to: string };
      if (!recordExists(doc, from) || !recordExists(doc, to)) {
        problems.push({
          root: 'records',
          key: id,
          code: 'dangling-link',
          message: 'Koppeling naar een verwijderde kaart.',
        });
      }
    }
  }

  for (const [key, value] of gridCellsMap(doc).entries()) {
    const at = parseCellKey(key);
    if (!at || !cellValueSchema.safeParse(value).success) {
      problems.push({ root: 'gridCells', key, code: 'invalid', message: 'Procesinformatie: ongeldige cel.' });
    } else if (!isFactorRow(doc, at.factorId) || recordType(doc, at.columnId) !== GRID_COLUMN.type) {
      problems.push({
        root: 'gridCells',
        key,
        code: 'orphan-cell',
        message: 'Procesinformatie: cel van een verwijderde factor of kolom.',
      });
    }
  }

  for (const [key, value] of checksMap(doc).entries()) {
    const problem = checkEntryProblem(key, value);
    if (problem) problems.push({ root: 'checks', key, code: 'invalid', message: problem });
  }

  for (const [key, value] of analysisMap(doc).entries()) {
    const problem = analysisEntryProblem(key, value);
    if (problem) problems.push({ root: 'analysis', key, code: 'invalid', message: problem });
  }
  return problems;
}
