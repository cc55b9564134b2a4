import * as Y from 'yjs';
import type { StepId } from './stappenplan';

/**
 * The one definition of the board's Y.Doc layout. Everything else reads and writes the document through the
 * accessors here. Root-level types only: two clients that create the same nested type concurrently would
 * overwrite each other's content, while root types with a fixed name always merge.
 *
 * | root name          | type           | holds                                          |
 * | ------------------ | -------------- | ---------------------------------------------- |
 * | `meta`             | Y.Map          | schemaVersion, title, createdAt                |
 * | `stepDone`         | Y.Map<boolean> | the "afgerond" mark per step id                |
 * | `text:<stepId>`    | Y.XmlFragment  | the step's shared rich text (ProseMirror tree) |
 */

export const META = 'meta';
export const STEP_DONE = 'stepDone';
const TEXT_PREFIX = 'text:';

export interface BoardMeta {
  schemaVersion: number;
  title: string;
  createdAt: string;
}

export function metaMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(META);
}

export function stepDoneMap(doc: Y.Doc): Y.Map<boolean> {
  return doc.getMap<boolean>(STEP_DONE);
}

/** The shared rich text of a step, bound to the editor with y-prosemirror. */
export function stepText(doc: Y.Doc, stepId: StepId): Y.XmlFragment {
  return doc.getXmlFragment(TEXT_PREFIX + stepId);
}

/** The schema version stored in the document; 0 for a document written before versions existed. */
export function readSchemaVersion(doc: Y.Doc): number {
  const version = metaMap(doc).get('schemaVersion');
  return typeof version === 'number' ? version : 0;
}

export function readMeta(doc: Y.Doc): BoardMeta {
  const meta = metaMap(doc);
  const title = meta.get('title');
  const createdAt = meta.get('createdAt');
  return {
    schemaVersion: readSchemaVersion(doc),
    title: typeof title === 'string' ? title : '',
    createdAt: typeof createdAt === 'string' ? createdAt : '',
  };
}

export function setTitle(doc: Y.Doc, title: string): void {
  metaMap(doc).set('title', title);
}

export function isStepDone(doc: Y.Doc, stepId: StepId): boolean {
  return stepDoneMap(doc).get(stepId) === true;
}

export function setStepDone(doc: Y.Doc, stepId: StepId, done: boolean): void {
  stepDoneMap(doc).set(stepId, done);
}
