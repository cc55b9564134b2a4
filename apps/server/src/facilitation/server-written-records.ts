import * as Y from 'yjs';
import { CLOSE_REASON, CloseCode } from '../sync/close-codes';
import type { Refusal } from '../sync/hooks';

/**
 * Records only the server writes: a blind vote's result (`voteResult`) is counted from dots no client has
 * seen, so a client creating one, or rewriting its counts, is forging it. The fields below are the
 * voteResult's own (no other record type or root uses these keys).
 */
const SERVER_ONLY_TYPE = 'voteResult';
const SERVER_ONLY_FIELDS = new Set(['voteId', 'dotsPerPerson', 'voters', 'tallies']);
const encoder = new TextEncoder();
const NEEDLES = [SERVER_ONLY_TYPE, ...SERVER_ONLY_FIELDS].map((word) => encoder.encode(word));

/**
 * A `beforeApply` check: refuses a client update that creates a voteResult record or writes one of its
 * counts. Updates that do not even contain those words (nearly all) pass after a byte scan, undecoded.
 * Items the room already has are skipped (Yjs skips them too): a laptop that reloads from its device copy
 * sends the board back, the server's own results included, and that is no forgery.
 */
export function refuseForgedResults(update: Uint8Array, doc?: Y.Doc): Refusal | undefined {
  if (!NEEDLES.some((needle) => contains(update, needle))) return undefined;
  const { structs } = Y.decodeUpdate(update);
  for (const struct of structs) {
    if (!(struct instanceof Y.Item) || struct.parentSub === null) continue;
    if (doc && struct.id.clock + struct.length <= Y.getState(doc.store, struct.id.client)) continue;
    const forgedType =
      struct.parentSub === 'type' &&
      struct.content instanceof Y.ContentAny &&
      struct.content.arr.includes(SERVER_ONLY_TYPE);
    if (forgedType || SERVER_ONLY_FIELDS.has(struct.parentSub)) {
      return {
        code: CloseCode.UPDATE_REFUSED,
        reason: CLOSE_REASON.UPDATE_REFUSED,
        detail: `a client wrote "${struct.parentSub}" of a vote result (server-only)`,
      };
    }
  }
  return undefined;
}

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  const first = needle[0];
  outer: for (
    let i = haystack.indexOf(first!);
    i !== -1 && i <= haystack.length - needle.length;
    i = haystack.indexOf(first!, i + 1)
  ) {
    for (let j = 1; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}
