import { appendParagraphs, initBoard, stepText } from '@koers/board';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { forgeUpdate, poisonDeleteSetUpdate } from '../testing/forged-updates';
import { checkUpdate } from './update-guard';

/**
 * The guard on its own, against a real Y.Doc: the classes the fuzz found (each also proven to break Yjs
 * without the guard), and honest updates that must pass. The socket-level proofs are in
 * update-refusal.test.ts and update-fuzz.test.ts.
 */

function boardDoc(clientID = 1): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  initBoard(doc, { title: 'Studiedag', createdAt: new Date('2026-02-02T08:00:00Z') });
  return doc;
}

function copyOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

/** Applying `update` to a copy of `doc` throws or leaves pending data: what the guard must prevent. */
function breaksYjs(doc: Y.Doc, update: Uint8Array): boolean {
  const copy = copyOf(doc);
  copy.on('update', () => undefined); // like a room: the update event encodes what was applied
  try {
    Y.applyUpdate(copy, update);
  } catch {
    return true;
  }
  return copy.store.pendingStructs !== null || copy.store.pendingDs !== null;
}

describe('the update guard', () => {
  it('refuses a struct that continues data the doc has already collected (Yjs would crash halfway)', () => {
    const writer = boardDoc(7);
    appendParagraphs(stepText(writer, 's5'), ['wxyz']); // 7:3 paragraph, 7:4 text, 7:5–8 (after 3 meta items)
    const fragment = stepText(writer, 's4');
    appendParagraphs(fragment, ['abcd']); // 7:9 paragraph, 7:10 text, 7:11–14 "abcd"
    fragment.delete(0, 1); // the paragraph goes, and with gc its content becomes GC structs 7:10–14
    const server = copyOf(writer);
    // 7:13–16 in s5's (live) text: Yjs would integrate the tail after the GC struct at 7:14.
    const forged = forgeUpdate([
      { client: 7, clock: 13, items: [{ parentId: [7, 4], content: { string: 'cdef' } }] },
    ]);
    expect(breaksYjs(server, forged)).toBe(true);
    expect(checkUpdate(server, forged)).toMatch(/continues collected data/);
  });

  it('refuses a struct that overlaps known data in another parent than the data it claims to continue', () => {
    const writer = boardDoc(7);
    appendParagraphs(stepText(writer, 's4'), ['abcd']);
    appendParagraphs(stepText(writer, 's5'), ['wxyz']);
    const server = copyOf(writer);
    // 7:11–14 is "wxyz" in s5's text (7:10); this claims 7:13–16 lives in s4's text (7:4).
    const forged = forgeUpdate([
      { client: 7, clock: 13, items: [{ parentId: [7, 4], content: { string: 'yzab' } }] },
    ]);
    expect(checkUpdate(server, forged)).toMatch(/overlaps known data/);
  });

  it('refuses an empty delete range (re-encoding it throws inside the transaction)', () => {
    const server = boardDoc();
    const forged = forgeUpdate([], [[12_345, 0, 0]]);
    expect(breaksYjs(server, forged)).toBe(true);
    expect(checkUpdate(server, forged)).toMatch(/empty delete range/);
  });

  it('throws (malformed) on JSON content that does not parse, which Yjs would only find while applying', () => {
    const server = boardDoc();
    const forged = forgeUpdate([
      { client: 9, clock: 0, items: [{ parentKey: 'text:s4', content: { json: ['n}ll'] } }] },
    ]);
    expect(breaksYjs(server, forged)).toBe(true);
    expect(() => checkUpdate(server, forged)).toThrow(SyntaxError);
  });

  it('refuses the 28-byte delete-set poison, which Yjs keeps as pending', () => {
    const server = boardDoc();
    expect(breaksYjs(server, poisonDeleteSetUpdate())).toBe(true);
    expect(checkUpdate(server, poisonDeleteSetUpdate())).toMatch(/beyond the known clock/);
  });

  it('passes honest updates: typing, marks, deletions, a re-sent overlapping run, a two-client SyncStep2', () => {
    const server = boardDoc(1);
    const anja = copyOf(server);
    anja.clientID = 2;
    const bram = copyOf(server);
    bram.clientID = 3;
    const updates: Uint8Array[] = [];
    anja.on('update', (update: Uint8Array) => updates.push(update));
    const fragment = stepText(anja, 's4');
    appendParagraphs(fragment, ['Groep 6: 68% op I–III']);
    const text = (fragment.get(0) as Y.XmlElement).get(0) as Y.XmlText;
    text.insert(text.length, ', gedaald');
    text.format(0, 7, { bold: true });
    text.delete(0, 6);
    anja.getMap('stepDone').set('s4', true);
    anja.getMap('meta').set('title', 'Studiedag februari');
    for (const update of updates) {
      expect(checkUpdate(server, update)).toBeUndefined();
      Y.applyUpdate(server, update);
    }
    // The whole of Anja's state again (as a reconnecting client's SyncStep2 may re-send it): all known.
    expect(checkUpdate(server, Y.encodeStateAsUpdate(anja))).toBeUndefined();
    // Bram, offline, learned Anja's edits from a third party and typed on top: one SyncStep2 with both
    // clients, Bram's items pointing at Anja's, which the server has only partly.
    const serverBefore = Y.encodeStateVector(server);
    Y.applyUpdate(bram, Y.encodeStateAsUpdate(anja));
    const bramText = (stepText(bram, 's4').get(0) as Y.XmlElement).get(0) as Y.XmlText;
    text.insert(text.length, ' en meer');
    Y.applyUpdate(bram, Y.encodeStateAsUpdate(anja));
    bramText.insert(bramText.length, ' (bram)');
    const step2 = Y.encodeStateAsUpdate(bram, serverBefore);
    expect(checkUpdate(server, step2)).toBeUndefined();
    Y.applyUpdate(server, step2);
    expect(server.store.pendingStructs).toBeNull();
    expect(((stepText(server, 's4').get(0) as Y.XmlElement).get(0) as Y.XmlText).toString()).toContain(
      '(bram)',
    );
  });
});
