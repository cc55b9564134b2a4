import * as Y from 'yjs';
import type { StoredBoardState } from '../storage/board-store';
import { hasPendingData } from './room';
import { checkUpdate } from './update-guard';

/**
 * Rebuild a board from its stored snapshot and log into a fresh doc, entry by entry, keeping only what
 * applies cleanly. The engine behind `pnpm koers board repair`; it never writes (the command does).
 *
 * Per entry: the update guard decides first (what it refuses is skipped). An entry the guard passes but that
 * throws or leaves pending data in Yjs is skipped too, and the doc is rebuilt from the entries kept so far.
 * An entry that would leave pending data is salvaged where possible: the part Yjs can integrate is kept,
 * the pending rest dropped. That is what saves a snapshot written by the old compaction, which holds the
 * whole board plus the poisoned data.
 */

export interface RepairEntry {
  /** `snapshot`, or the log entry's sequence number. */
  seq: number | 'snapshot';
  outcome: 'applied' | 'salvaged' | 'skipped';
  /** Why it was skipped or salvaged. */
  reason?: string;
}

export interface RepairResult {
  doc: Y.Doc;
  entries: RepairEntry[];
  /** The repaired board as one update: what `--write` stores as the new snapshot. */
  snapshot: Uint8Array;
}

export function repairBoardState(state: StoredBoardState): RepairResult {
  const stored: { seq: RepairEntry['seq']; update: Uint8Array }[] = [];
  if (state.snapshot) stored.push({ seq: 'snapshot', update: state.snapshot });
  const firstSeq = state.lastSeq - state.updates.length + 1;
  state.updates.forEach((update, i) => stored.push({ seq: state.seqs?.[i] ?? firstSeq + i, update }));

  const kept: Uint8Array[] = [];
  let doc = new Y.Doc();
  const entries: RepairEntry[] = [];
  for (const { seq, update } of stored) {
    const refused = guard(doc, update);
    if (refused === undefined) {
      const failure = tryApply(doc, update);
      if (failure === undefined) {
        kept.push(update);
        entries.push({ seq, outcome: 'applied' });
        continue;
      }
      doc = rebuild(kept);
      entries.push({ seq, outcome: 'skipped', reason: failure });
      continue;
    }
    const salvaged = salvage(kept, doc, update);
    if (salvaged) {
      kept.push(salvaged);
      Y.applyUpdate(doc, salvaged);
      entries.push({ seq, outcome: 'salvaged', reason: refused });
    } else {
      entries.push({ seq, outcome: 'skipped', reason: refused });
    }
  }
  return { doc, entries, snapshot: Y.encodeStateAsUpdate(doc) };
}

function guard(doc: Y.Doc, update: Uint8Array): string | undefined {
  try {
    return checkUpdate(doc, update);
  } catch (error) {
    return `undecodable: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** Undefined when `update` applied cleanly; else why not (the doc is then unusable: rebuild it). */
function tryApply(doc: Y.Doc, update: Uint8Array): string | undefined {
  try {
    Y.applyUpdate(doc, update);
  } catch (error) {
    return `Yjs threw: ${error instanceof Error ? error.message : String(error)}`;
  }
  return hasPendingData(doc) ? 'left pending data' : undefined;
}

function rebuild(kept: readonly Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  for (const update of kept) Y.applyUpdate(doc, update);
  return doc;
}

/**
 * The part of `update` that integrates cleanly on top of `doc`, as an update that passes the guard; or
 * undefined when there is none (or it still fails the guard, e.g. a value of the wrong type).
 */
function salvage(kept: readonly Uint8Array[], doc: Y.Doc, update: Uint8Array): Uint8Array | undefined {
  const scratch = rebuild(kept);
  try {
    Y.applyUpdate(scratch, update);
  } catch {
    return undefined;
  }
  // Drop what Yjs could not place; what remains in the store is exactly the integrated part.
  scratch.store.pendingStructs = null;
  scratch.store.pendingDs = null;
  const part = Y.encodeStateAsUpdate(scratch, Y.encodeStateVector(doc));
  const before = Y.encodeStateAsUpdate(doc, Y.encodeStateVector(doc));
  // Nothing new (same structs and deletions as the doc already has): nothing to salvage.
  if (part.byteLength === before.byteLength && part.every((byte, i) => byte === before[i])) return undefined;
  if (guard(doc, part) !== undefined) return undefined;
  const trial = rebuild(kept);
  return tryApply(trial, part) === undefined ? part : undefined;
}
