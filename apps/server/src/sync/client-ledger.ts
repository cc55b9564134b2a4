import * as Y from 'yjs';
import { errorFields, type Logger } from '../log';
import type { ClientLedgerStore } from '../storage/client-ledger-store';
import { CLOSE_REASON, CloseCode } from './close-codes';
import type { Refusal, SyncExtension } from './hooks';

/**
 * Authorship you can trust. A record's author is the Yjs client id of the item that created it
 * (`recordClientId` in packages/board); a client picks that id itself, so on its own it proves nothing. The
 * ledger makes it mean an account: the first account that writes structs with a client id on a board owns
 * that id there (persisted, `board_client_ids`). An update with NEW structs (beyond what the board has) under
 * a client id another account owns is refused before it is applied (CLIENT_ID_TAKEN, 4409), so nobody can
 * write in someone else's name. Only structs count: deleting others' content is normal editing. The same
 * account reconnecting with the same client id (an offline copy in IndexedDB, the shared school laptop) is
 * fine. Sockets without an account (the embedded mode without auth) are not ledgered; read-only sockets never
 * reach `beforeApply`.
 *
 * Keep this extension after the update guard (it trusts the update to be well-formed) and last among the
 * `beforeApply` hooks: it records its claims when it lets an update through.
 */
export function clientLedger(store: ClientLedgerStore, log: Logger): SyncExtension {
  // Per loaded room (its doc): client id → account id. Loaded once per room, dropped with the room's doc.
  const owners = new WeakMap<Y.Doc, Map<number, string>>();
  const ownersOf = (doc: Y.Doc, boardId: string): Map<number, string> => {
    let map = owners.get(doc);
    if (!map) {
      map = store.owners(boardId);
      owners.set(doc, map);
    }
    return map;
  };
  return {
    name: 'client-ledger',
    beforeApply({ boardId, doc, connection, update }): Refusal | undefined {
      const userId = connection.user?.id;
      if (userId === undefined) return undefined;
      const { to } = Y.parseUpdateMeta(update);
      const known = ownersOf(doc, boardId);
      const unclaimed: number[] = [];
      for (const [client, end] of to) {
        if (end <= Y.getState(doc.store, client)) continue; // nothing new of this client: Yjs skips it
        const owner = known.get(client);
        if (owner === undefined) unclaimed.push(client);
        else if (owner !== userId) {
          return {
            code: CloseCode.CLIENT_ID_TAKEN,
            reason: CLOSE_REASON.CLIENT_ID_TAKEN,
            detail: `client id ${client} belongs to another account`,
          };
        }
      }
      if (unclaimed.length === 0) return undefined;
      try {
        const after = store.claim(boardId, unclaimed, userId);
        owners.set(doc, after);
        // Another process (the admin CLI) may have claimed one meanwhile: first writer wins there too.
        if (unclaimed.some((client) => after.get(client) !== userId)) {
          return {
            code: CloseCode.CLIENT_ID_TAKEN,
            reason: CLOSE_REASON.CLIENT_ID_TAKEN,
            detail: 'client id claimed concurrently by another account',
          };
        }
      } catch (error) {
        log.error('recording client ids failed', { boardId, ...errorFields(error) });
        return { code: CloseCode.STORAGE_FAILURE, reason: CLOSE_REASON.STORAGE_FAILURE };
      }
      return undefined;
    },
  };
}
