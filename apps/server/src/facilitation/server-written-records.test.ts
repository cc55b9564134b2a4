import { createFact, createVoteResult } from '@koers/board';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../sync/close-codes';
import { refuseForgedResults } from './server-written-records';

describe('refuseForgedResults', () => {
  const result = (doc: Y.Doc, factId: string) =>
    createVoteResult(doc, {
      stepId: 's9',
      voteId: 'v1',
      question: 'Welke oorzaken nemen we mee?',
      dotsPerPerson: 3,
      voters: 2,
      tallies: [{ recordId: factId, dots: 4 }],
    });

  it('lets a reloaded laptop send the board back with the server’s own result in it', () => {
    // The room wrote the result; the laptop got it, stored it on the device and, after a reload, sends
    // its whole copy (y-indexeddb's updates are local to the provider) before or after syncing.
    const room = new Y.Doc();
    result(room, createFact(room, { stepId: 's9', text: 'Weinig leestijd' }));
    const laptop = new Y.Doc();
    Y.applyUpdate(laptop, Y.encodeStateAsUpdate(room));
    createFact(laptop, { stepId: 's9', text: 'Een nieuwe kaart van haar' });
    expect(refuseForgedResults(Y.encodeStateAsUpdate(laptop), room)).toBeUndefined();
  });

  it('still refuses a result the room does not have, also inside an update with known items', () => {
    const room = new Y.Doc();
    const factId = createFact(room, { stepId: 's9', text: 'Weinig leestijd' });
    const laptop = new Y.Doc();
    Y.applyUpdate(laptop, Y.encodeStateAsUpdate(room));
    result(laptop, factId);
    expect(refuseForgedResults(Y.encodeStateAsUpdate(laptop), room)?.code).toBe(CloseCode.UPDATE_REFUSED);
    expect(refuseForgedResults(Y.encodeStateAsUpdate(laptop))?.code).toBe(CloseCode.UPDATE_REFUSED);
  });
});
