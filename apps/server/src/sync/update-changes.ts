import * as Y from 'yjs';

/**
 * Whether applying `update` would change `doc`: it holds a struct the doc does not have yet, or deletes
 * something the doc has not deleted. A stock client's SyncStep2 carries its whole delete set and whatever
 * the server lacks, so "sent an update" is not "wrote something": a client that only reads sends updates too.
 * Decodes the whole update; meant for the rare socket that may not write (not the hot path).
 */
export function updateChangesDoc(doc: Y.Doc, update: Uint8Array): boolean {
  const { structs, ds } = Y.decodeUpdate(update);
  for (const struct of structs) {
    if (struct instanceof Y.Skip) continue;
    if (struct.id.clock + struct.length > Y.getState(doc.store, struct.id.client)) return true;
  }
  if (ds.clients.size === 0) return false;
  const deleted = Y.createDeleteSetFromStructStore(doc.store);
  for (const [client, ranges] of ds.clients) {
    const known = deleted.clients.get(client) ?? [];
    for (const range of ranges) {
      const covered = known.some((k) => k.clock <= range.clock && range.clock + range.len <= k.clock + k.len);
      if (!covered) return true;
    }
  }
  return false;
}
