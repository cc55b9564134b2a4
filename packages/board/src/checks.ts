import type * as Y from 'yjs';
import { z } from 'zod';
import {
  CHECKLISTS,
  CHECK_STATUSES,
  isChecklistId,
  isChecklistItem,
  type ChecklistId,
  type CheckStatus,
} from './checklists';
import { CHECKS } from './layout';
import { RecordValidationError, prefixed, textField } from './records/record-type';

/**
 * Checklist answers: root `checks`, keys `${checklist}:${itemKey}:status` ('ja' | 'twijfel' | 'nee') and
 * `${checklist}:${itemKey}:note`. Deterministic keys from the catalogue: nothing to seed, and the status and
 * the note of one item are separate keys, so two people answering at once never lose each other's part.
 */

export const checkStatusSchema = z.enum(CHECK_STATUSES, { error: 'Kies ja, twijfel of nee.' });
export const checkNoteSchema = textField(1000);

type CheckPart = 'status' | 'note';

export function checksMap(doc: Y.Doc): Y.Map<string> {
  return doc.getMap<string>(CHECKS);
}

export function checkKey(checklist: ChecklistId, itemKey: string, part: CheckPart): string {
  return `${checklist}:${itemKey}:${part}`;
}

function assertItem(checklist: ChecklistId, itemKey: string): void {
  if (!isChecklistId(checklist) || !isChecklistItem(checklist, itemKey)) {
    throw new RecordValidationError('Checklist: onbekend punt.');
  }
}

/** Sets an item's answer, or clears it with null. */
export function setCheckStatus(
  doc: Y.Doc,
  checklist: ChecklistId,
  itemKey: string,
  status: CheckStatus | null,
): void {
  assertItem(checklist, itemKey);
  const key = checkKey(checklist, itemKey, 'status');
  const map = checksMap(doc);
  if (status === null) {
    if (map.has(key)) map.delete(key);
    return;
  }
  const parsed = checkStatusSchema.safeParse(status);
  if (!parsed.success)
    throw new RecordValidationError(prefixed('Checklist', parsed.error.issues[0]?.message));
  if (map.get(key) !== parsed.data) map.set(key, parsed.data);
}

/** Sets an item's note; an empty note removes the key. */
export function setCheckNote(doc: Y.Doc, checklist: ChecklistId, itemKey: string, note: string): void {
  assertItem(checklist, itemKey);
  const parsed = checkNoteSchema.safeParse(note);
  if (!parsed.success)
    throw new RecordValidationError(prefixed('Checklist', parsed.error.issues[0]?.message));
  const key = checkKey(checklist, itemKey, 'note');
  const map = checksMap(doc);
  if (parsed.data === '') {
    if (map.has(key)) map.delete(key);
  } else if (map.get(key) !== parsed.data) {
    map.set(key, parsed.data);
  }
}

export interface CheckItemState {
  key: string;
  label: string;
  status: CheckStatus | null;
  note: string;
}

/** Every item of a checklist with its answer (null and '' when unanswered; invalid values read as unanswered). */
export function readChecklist(doc: Y.Doc, checklist: ChecklistId): CheckItemState[] {
  const map = checksMap(doc);
  return CHECKLISTS[checklist].items.map((item) => {
    const status = checkStatusSchema.safeParse(map.get(checkKey(checklist, item.key, 'status')));
    const note = checkNoteSchema.safeParse(map.get(checkKey(checklist, item.key, 'note')));
    return {
      key: item.key,
      label: item.label,
      status: status.success ? status.data : null,
      note: note.success ? note.data : '',
    };
  });
}

/** For the server guard and validateBoard: a Dutch problem with one `checks` entry, or undefined when fine. */
export function checkEntryProblem(key: string, value: unknown): string | undefined {
  const [checklist, itemKey, part, ...rest] = key.split(':');
  if (rest.length > 0 || !isChecklistId(checklist) || !itemKey || !isChecklistItem(checklist, itemKey)) {
    return 'Checklist: onbekend punt.';
  }
  if (value === undefined) return undefined;
  const schema = part === 'status' ? checkStatusSchema : part === 'note' ? checkNoteSchema : undefined;
  if (!schema) return 'Checklist: onbekend veld.';
  const parsed = schema.safeParse(value);
  return parsed.success ? undefined : prefixed('Checklist', parsed.error.issues[0]?.message);
}
