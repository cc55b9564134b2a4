import * as Y from 'yjs';
import type { z } from 'zod';
import { RECORDS } from '../layout';
import type { StepId } from '../stappenplan';
import { newRecordId } from './record-id';
import { compareOrder, orderAtEnd } from './order';
import {
  RecordValidationError,
  describeIssue,
  recordCommonSchema,
  type BoardRecord,
  type RecordDefinition,
} from './record-type';

/**
 * The `records` root: record id → the record's own Y.Map of plain-JSON fields. Generic create / read /
 * update / list over a {@link RecordDefinition}; each record type's file wraps these in typed accessors.
 */

export function recordsMap(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap<Y.Map<unknown>>(RECORDS);
}

/** The Y.Map of a record, or undefined when it is missing (deleted) or not a map. */
export function recordMap(doc: Y.Doc, id: string): Y.Map<unknown> | undefined {
  const map = recordsMap(doc).get(id);
  return map instanceof Y.Map ? map : undefined;
}

/** The stored type of a record, without validating the rest. */
export function recordType(doc: Y.Doc, id: string): string | undefined {
  const type = recordMap(doc, id)?.get('type');
  return typeof type === 'string' ? type : undefined;
}

export function recordExists(doc: Y.Doc, id: string): boolean {
  return recordMap(doc, id) !== undefined;
}

/**
 * The Yjs client id that created the record's map: the author. A client cannot forge it (it is the id of the
 * item that inserted the map), and the server keeps a ledger client id → account.
 */
export function recordClientId(doc: Y.Doc, id: string): number | undefined {
  return recordMap(doc, id)?._item?.id.client;
}

export type ParseOutcome<R> = { ok: true; record: R } | { ok: false; message: string; field?: string };

/** Applies the type's pending migrations to stored fields (pure; `v` is raised with each step). */
export function migrateFields(def: RecordDefinition, raw: Record<string, unknown>): Record<string, unknown> {
  const from = typeof raw.v === 'number' ? raw.v : 1;
  let fields = raw;
  for (const migration of def.migrations) {
    if (migration.version > from && migration.version <= def.version) {
      fields = { ...migration.up(fields), v: migration.version };
    }
  }
  return fields;
}

/** Validates a record's stored fields (after migration) against the common and the type's schemas. */
export function parseRecordFields<T extends string, S extends z.ZodObject>(
  def: RecordDefinition<T, S>,
  raw: Record<string, unknown>,
): ParseOutcome<Omit<BoardRecord<T, z.output<S>>, 'id' | 'clientId'>> {
  if (raw.type !== def.type) return { ok: false, message: `${def.label}: verkeerd type.`, field: 'type' };
  if (typeof raw.v === 'number' && raw.v > def.version) {
    return { ok: false, message: `${def.label}: geschreven door een nieuwere versie.`, field: 'v' };
  }
  const migrated = migrateFields(def, raw);
  const common = recordCommonSchema.safeParse(migrated);
  if (!common.success) return { ok: false, ...describeIssue(def.label, common.error) };
  const fields = def.fields.safeParse(migrated);
  if (!fields.success) return { ok: false, ...describeIssue(def.label, fields.error) };
  const problem = def.check?.(fields.data);
  if (problem) return { ok: false, message: `${def.label}: ${problem}` };
  return {
    ok: true,
    record: { ...common.data, ...fields.data, type: def.type } as Omit<
      BoardRecord<T, z.output<S>>,
      'id' | 'clientId'
    >,
  };
}

function parseMap<T extends string, S extends z.ZodObject>(
  def: RecordDefinition<T, S>,
  id: string,
  map: Y.Map<unknown>,
): BoardRecord<T, z.output<S>> | undefined {
  const parsed = parseRecordFields(def, map.toJSON() as Record<string, unknown>);
  if (!parsed.ok) return undefined;
  return { ...parsed.record, id, clientId: map._item?.id.client } as BoardRecord<T, z.output<S>>;
}

/** A record of this type, or undefined when it is missing, of another type or invalid. Never throws. */
export function readRecord<T extends string, S extends z.ZodObject>(
  doc: Y.Doc,
  def: RecordDefinition<T, S>,
  id: string,
): BoardRecord<T, z.output<S>> | undefined {
  const map = recordMap(doc, id);
  return map ? parseMap(def, id, map) : undefined;
}

/** The valid records of this type (of one step, if given), in display order. Invalid ones are skipped. */
export function listRecords<T extends string, S extends z.ZodObject>(
  doc: Y.Doc,
  def: RecordDefinition<T, S>,
  stepId?: StepId,
): BoardRecord<T, z.output<S>>[] {
  const out: BoardRecord<T, z.output<S>>[] = [];
  for (const [id, map] of recordsMap(doc).entries()) {
    if (!(map instanceof Y.Map) || map.get('type') !== def.type) continue;
    if (stepId !== undefined && map.get('stepId') !== stepId) continue;
    const record = parseMap(def, id, map);
    if (record) out.push(record);
  }
  return out.sort(compareOrder);
}

/** Order keys of the records of one type on one step: the siblings a new card is placed among. */
export function siblingOrders(doc: Y.Doc, type: string, stepId: StepId): string[] {
  const keys: string[] = [];
  for (const map of recordsMap(doc).values()) {
    if (!(map instanceof Y.Map) || map.get('type') !== type || map.get('stepId') !== stepId) continue;
    const order = map.get('order');
    if (typeof order === 'string') keys.push(order);
  }
  return keys;
}

export interface NewRecordPlace {
  stepId: StepId;
  /** Order key; defaults to the end of the type's list on the step. */
  order?: string;
  /** Defaults to now. */
  createdAt?: Date;
}

/**
 * Validates and adds a record in one transaction; returns its new id. `init` runs inside the same
 * transaction on the new map, for nested types that must be created together with the record.
 *
 * @throws RecordValidationError (Dutch message) when a field is refused; nothing is written then.
 */
export function createRecord<T extends string, S extends z.ZodObject>(
  doc: Y.Doc,
  def: RecordDefinition<T, S>,
  place: NewRecordPlace,
  fields: z.input<S>,
  init?: (map: Y.Map<unknown>) => void,
): string {
  const stored: Record<string, unknown> = {
    ...(fields as Record<string, unknown>),
    type: def.type,
    v: def.version,
    stepId: place.stepId,
    order: place.order ?? orderAtEnd(siblingOrders(doc, def.type, place.stepId)),
    createdAt: (place.createdAt ?? new Date()).toISOString(),
  };
  const parsed = parseRecordFields(def, stored);
  if (!parsed.ok) throw new RecordValidationError(parsed.message, parsed.field);
  const id = newRecordId();
  doc.transact(() => {
    const map = new Y.Map<unknown>();
    recordsMap(doc).set(id, map);
    for (const [key, value] of Object.entries(parsed.record)) if (value !== undefined) map.set(key, value);
    init?.(map);
  });
  return id;
}

/**
 * Changes some fields of a record. Only fields whose value changes are written, so two people editing
 * different fields of one card never touch each other's keys. `undefined` removes an optional field.
 * Returns false when the record is gone (deleted by someone else meanwhile).
 *
 * @throws RecordValidationError (Dutch message) when the changed record would be invalid; nothing is written.
 */
export function updateRecord<T extends string, S extends z.ZodObject>(
  doc: Y.Doc,
  def: RecordDefinition<T, S>,
  id: string,
  patch: Partial<z.input<S>>,
): boolean {
  const map = recordMap(doc, id);
  if (!map || map.get('type') !== def.type) return false;
  const current = migrateFields(def, map.toJSON() as Record<string, unknown>);
  const next = { ...current, ...(patch as Record<string, unknown>) };
  const parsed = parseRecordFields(def, next);
  if (!parsed.ok) throw new RecordValidationError(parsed.message, parsed.field);
  doc.transact(() => {
    // A record an older client wrote is lifted in the same transaction as the edit.
    for (const key of [...map.keys()]) if (!(key in current)) map.delete(key);
    for (const [key, value] of Object.entries(current)) {
      if (key in patch || JSON.stringify(map.get(key)) === JSON.stringify(value)) continue;
      if (value === undefined) map.delete(key);
      else map.set(key, value);
    }
    for (const key of Object.keys(patch)) {
      const value = (parsed.record as Record<string, unknown>)[key];
      if (value === undefined) {
        if (map.has(key)) map.delete(key);
      } else if (JSON.stringify(map.get(key)) !== JSON.stringify(value)) {
        map.set(key, value);
      }
    }
  });
  return true;
}

/** Moves a record to another place in its list (and optionally to another step). */
export function moveRecord(doc: Y.Doc, id: string, order: string, stepId?: StepId): boolean {
  const map = recordMap(doc, id);
  if (!map) return false;
  const common = recordCommonSchema.pick({ order: true, stepId: true }).safeParse({
    order,
    stepId: stepId ?? map.get('stepId'),
  });
  if (!common.success) throw new RecordValidationError(describeIssue('Kaart', common.error).message, 'order');
  doc.transact(() => {
    map.set('order', order);
    if (stepId !== undefined && map.get('stepId') !== stepId) map.set('stepId', stepId);
  });
  return true;
}
