import * as Y from 'yjs';

/** Two replicas with fixed client ids (a deterministic tie-break order in tests). */
export function twoReplicas(): [Y.Doc, Y.Doc] {
  const a = new Y.Doc();
  a.clientID = 1;
  const b = new Y.Doc();
  b.clientID = 2;
  return [a, b];
}

/**
 * Merges two replicas that edited independently: each receives the other's edits since `base` (what both
 * had before). Returns the two one-way updates so tests can apply them in either order elsewhere.
 */
export function exchange(a: Y.Doc, b: Y.Doc): void {
  const fromA = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
  const fromB = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
  Y.applyUpdate(b, fromA, 'remote');
  Y.applyUpdate(a, fromB, 'remote');
}

/** A copy of `doc` (same content, its own client id). */
export function fork(doc: Y.Doc, clientID: number): Y.Doc {
  const copy = new Y.Doc();
  copy.clientID = clientID;
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc), 'remote');
  return copy;
}

/**
 * Applies the edits of two forks to fresh copies of the base in both orders (A then B, B then A) and returns
 * both results, so a test can show the merge does not depend on arrival order.
 */
export function mergeBothOrders(base: Y.Doc, a: Y.Doc, b: Y.Doc): [Y.Doc, Y.Doc] {
  const baseVector = Y.encodeStateVector(base);
  const updateA = Y.encodeStateAsUpdate(a, baseVector);
  const updateB = Y.encodeStateAsUpdate(b, baseVector);
  const ab = fork(base, 101);
  Y.applyUpdate(ab, updateA, 'remote');
  Y.applyUpdate(ab, updateB, 'remote');
  const ba = fork(base, 102);
  Y.applyUpdate(ba, updateB, 'remote');
  Y.applyUpdate(ba, updateA, 'remote');
  return [ab, ba];
}
