import * as Y from 'yjs';
import { ANALYSIS, CHECKS, GRID_CELLS, META, RECORDS, STEP_DONE, stepText } from './layout';
import { STEP_IDS } from './stappenplan';

/**
 * Restoring a named version: make the live board's content equal to the version's, as ONE new edit on top
 * of everything (not a rewind of history), so every connected client receives it like any other change and
 * later work can be brought back by restoring a version taken before. Only changed keys are written: a
 * record that did not change since the version is not touched, so its author and its concurrent edits stay.
 * `meta.schemaVersion` and `meta.createdAt` stay the live board's.
 */

const PLAIN_MAP_ROOTS = [STEP_DONE, GRID_CELLS, CHECKS, ANALYSIS] as const;
const KEEP_META = new Set(['schemaVersion', 'createdAt']);

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Sets `target`'s plain entries to `source`'s (nested maps handled by `nested`), deleting the rest. */
function syncMap(
  target: Y.Map<unknown>,
  source: Y.Map<unknown>,
  options: { keep?: ReadonlySet<string>; nested?: boolean } = {},
): void {
  for (const key of [...target.keys()]) {
    if (options.keep?.has(key)) continue;
    if (!source.has(key)) target.delete(key);
  }
  for (const [key, value] of source.entries()) {
    if (options.keep?.has(key)) continue;
    const current = target.get(key);
    if (value instanceof Y.Map) {
      if (options.nested && current instanceof Y.Map) syncMap(current, value);
      else target.set(key, copyMap(value));
    } else if (current instanceof Y.AbstractType || !same(current, value)) {
      target.set(key, value);
    }
  }
}

/** A new Y.Map with the same entries (nested maps copied too), for another document. */
function copyMap(source: Y.Map<unknown>): Y.Map<unknown> {
  const copy = new Y.Map<unknown>();
  for (const [key, value] of source.entries()) copy.set(key, value instanceof Y.Map ? copyMap(value) : value);
  return copy;
}

function syncRecords(target: Y.Doc, source: Y.Doc): void {
  const live = target.getMap<unknown>(RECORDS);
  const version = source.getMap<unknown>(RECORDS);
  for (const id of [...live.keys()]) if (!version.has(id)) live.delete(id);
  for (const [id, record] of version.entries()) {
    if (!(record instanceof Y.Map)) continue;
    const current = live.get(id);
    // Same record, same type: field by field. Otherwise (deleted since, or replaced) a fresh copy.
    if (current instanceof Y.Map && current.get('type') === record.get('type')) {
      syncMap(current, record, { nested: true });
    } else {
      live.set(id, copyMap(record));
    }
  }
}

function syncText(target: Y.XmlFragment, source: Y.XmlFragment): void {
  const targetText = JSON.stringify(target.toJSON());
  if (targetText === JSON.stringify(source.toJSON())) return;
  if (target.length > 0) target.delete(0, target.length);
  const children = source
    .toArray()
    .filter(
      (node): node is Y.XmlElement | Y.XmlText => node instanceof Y.XmlElement || node instanceof Y.XmlText,
    )
    .map((node) => node.clone());
  if (children.length > 0) target.insert(0, children);
}

/** Makes `target`'s board content equal to `source`'s in one transaction with `origin`. */
export function replaceBoardContent(target: Y.Doc, source: Y.Doc, origin?: unknown): void {
  target.transact(() => {
    syncMap(target.getMap(META), source.getMap(META), { keep: KEEP_META });
    for (const root of PLAIN_MAP_ROOTS) syncMap(target.getMap(root), source.getMap(root));
    syncRecords(target, source);
    for (const stepId of STEP_IDS) syncText(stepText(target, stepId), stepText(source, stepId));
  }, origin);
}
