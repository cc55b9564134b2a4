import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { z } from 'zod';
import { liftRecords } from './lift-records';
import { createRecord, readRecord, recordsMap } from './record-store';
import type { RecordDefinition } from './record-type';
import { fork, mergeBothOrders } from './test-helpers';

/**
 * The per-type migration mechanism, on a type made for the test (the real types are all at version 1): a
 * "note" whose v1 stored `body`, renamed to `text` with a new `pinned` flag in v2.
 */
const noteV1 = {
  type: 'note',
  label: 'Notitie',
  version: 1,
  fields: z.object({ body: z.string() }),
  migrations: [],
} satisfies RecordDefinition<'note'>;

const noteV2 = {
  type: 'note',
  label: 'Notitie',
  version: 2,
  fields: z.object({ text: z.string(), pinned: z.boolean() }),
  migrations: [
    {
      version: 2,
      name: 'rename-body-to-text',
      up: ({ body, ...rest }) => ({ ...rest, text: typeof body === 'string' ? body : '', pinned: false }),
    },
  ],
} satisfies RecordDefinition<'note'>;

const defs = { note: noteV2 as unknown as RecordDefinition };

describe('per-type record migrations', () => {
  it('readers lift a record an older client wrote, before validating it', () => {
    const doc = new Y.Doc();
    const id = createRecord(doc, noteV1, { stepId: 's9' }, { body: 'oud' });
    expect(readRecord(doc, noteV2, id)).toMatchObject({ text: 'oud', pinned: false, v: 2 });
    expect(recordsMap(doc).get(id)?.get('body')).toBe('oud'); // reading never writes
  });

  it('liftRecords writes the migrated fields back once; a second run writes nothing', () => {
    const doc = new Y.Doc();
    const id = createRecord(doc, noteV1, { stepId: 's9' }, { body: 'oud' });
    expect(liftRecords(doc, defs)).toBe(1);
    expect(recordsMap(doc).get(id)?.toJSON()).toMatchObject({ text: 'oud', pinned: false, v: 2 });
    expect(recordsMap(doc).get(id)?.has('body')).toBe(false);
    const before = Y.encodeStateVector(doc);
    expect(liftRecords(doc, defs)).toBe(0);
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });

  it('two replicas lifting the same record at once merge to the same record', () => {
    const base = new Y.Doc();
    const id = createRecord(base, noteV1, { stepId: 's9' }, { body: 'oud' });
    const a = fork(base, 1);
    const b = fork(base, 2);
    liftRecords(a, defs);
    liftRecords(b, defs);
    const [ab, ba] = mergeBothOrders(base, a, b);
    expect(recordsMap(ab).get(id)?.toJSON()).toEqual(recordsMap(ba).get(id)?.toJSON());
    expect(readRecord(ab, noteV2, id)).toMatchObject({ text: 'oud', pinned: false });
  });
});
