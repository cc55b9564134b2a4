import type * as Y from 'yjs';
import { STEP_IDS, isStepId, type StepId } from './stappenplan';

/**
 * The one definition of the board's Y.Doc layout. Everything else reads and writes the document through the
 * accessors here. Root-level types only: two clients that create the same nested type concurrently would
 * overwrite each other's content, while root types with a fixed name always merge.
 *
 * | root name          | type           | holds                                          |
 * | ------------------ | -------------- | ---------------------------------------------- |
 * | `meta`             | Y.Map          | schemaVersion, title, createdAt, sourceBoard*  |
 * | `stepDone`         | Y.Map<boolean> | the "afgerond" mark per step id                |
 * | `text:<stepId>`    | Y.XmlFragment  | the step's shared rich text (ProseMirror tree) |
 * | `records`          | Y.Map<Y.Map>   | the canvas's typed things, one nested map each |
 * | `gridCells`        | Y.Map<string>  | the +/–/? factor grid, `factorId|columnId`     |
 * | `checks`           | Y.Map<string>  | checklist answers, `checklist:item:status|note` |
 * | `analysis`         | Y.Map          | step 1's question and the chosen data context  |
 *
 * A record's nested map is created once, by the client that adds the record, under a fresh random key: no
 * two clients ever create the same nested type, so the root-only rule above still holds in spirit.
 */

export const META = 'meta';
export const STEP_DONE = 'stepDone';
export const RECORDS = 'records';
export const GRID_CELLS = 'gridCells';
export const CHECKS = 'checks';
export const ANALYSIS = 'analysis';
const TEXT_PREFIX = 'text:';

/** The Yjs type of a root, as a guard that inspects an update would name it. */
export type BoardRootKind = 'map' | 'xmlFragment';

export interface BoardRoot {
  name: string;
  kind: BoardRootKind;
}

/**
 * Every root the layout uses, with its Yjs type. The server refuses updates that write any other root (a
 * client cannot grow the document sideways), so a new root must be added here before anyone writes it.
 */
export const BOARD_ROOTS: readonly BoardRoot[] = [
  { name: META, kind: 'map' },
  { name: STEP_DONE, kind: 'map' },
  ...STEP_IDS.map((id): BoardRoot => ({ name: TEXT_PREFIX + id, kind: 'xmlFragment' })),
  { name: RECORDS, kind: 'map' },
  { name: GRID_CELLS, kind: 'map' },
  { name: CHECKS, kind: 'map' },
  { name: ANALYSIS, kind: 'map' },
];

const ROOT_KINDS: ReadonlyMap<string, BoardRootKind> = new Map(BOARD_ROOTS.map((r) => [r.name, r.kind]));

/** True when `name` is a root of the layout; with `kind`, only when it also has that Yjs type. */
export function isKnownRoot(name: string, kind?: BoardRootKind): boolean {
  const known = ROOT_KINDS.get(name);
  return known !== undefined && (kind === undefined || known === kind);
}

/** The longest board title, in the REST routes and inside the document (`meta.title`). */
export const TITLE_MAX_LENGTH = 120;

/** Longest `meta.sourceBoardId` (board ids are 16 characters). */
const SOURCE_ID_MAX_LENGTH = 64;

/** Longest `meta.createdAt` (an ISO 8601 timestamp is 24 characters; some slack for other offsets). */
const CREATED_AT_MAX_LENGTH = 40;

/**
 * The kind of a root name in the layout, or undefined for a name the board does not use. The sync server
 * refuses updates that write any other root (see apps/server/src/sync/update-guard.ts).
 */
export function isValidMapEntry(root: string, key: string, value: unknown): boolean {
  if (root === META) {
    switch (key) {
      case 'schemaVersion':
        return typeof value === 'number' && Number.isInteger(value) && value >= 0;
      case 'title':
        return typeof value === 'string' && value.length <= TITLE_MAX_LENGTH;
      case 'createdAt':
        return typeof value === 'string' && value.length <= CREATED_AT_MAX_LENGTH;
      // The board this one continues ("Vervolg op …"), written by the server when it creates the board.
      case 'sourceBoardId':
        return typeof value === 'string' && value.length >= 1 && value.length <= SOURCE_ID_MAX_LENGTH;
      case 'sourceBoardTitle':
        return typeof value === 'string' && value.length <= TITLE_MAX_LENGTH;
      default:
        return false;
    }
  }
  if (root === STEP_DONE) return isStepId(key) && typeof value === 'boolean';
  return false;
}

/**
 * The kind of a root name in the layout, or undefined for a name the board does not use. The sync server
 * refuses updates that write any other root (see apps/server/src/sync/update-guard.ts).
 */
export function rootKindOf(name: string): BoardRootKind | undefined {
  return ROOT_KINDS.get(name);
}

/** The board a next-cycle board was made from, kept with its title (the source may be deleted later). */
export interface SourceBoard {
  boardId: string;
  title: string;
}

export interface BoardMeta {
  schemaVersion: number;
  title: string;
  createdAt: string;
  /** Set on a board made with "Nieuw bord vanuit dit bord". */
  source: SourceBoard | null;
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
  const sourceId = meta.get('sourceBoardId');
  const sourceTitle = meta.get('sourceBoardTitle');
  return {
    schemaVersion: readSchemaVersion(doc),
    title: typeof title === 'string' ? title : '',
    createdAt: typeof createdAt === 'string' ? createdAt : '',
    source:
      typeof sourceId === 'string' && sourceId !== ''
        ? { boardId: sourceId, title: typeof sourceTitle === 'string' ? sourceTitle : '' }
        : null,
  };
}

/** Marks the board as the next cycle of `source` (the server does this once, when it creates the board). */
export function setSourceBoard(doc: Y.Doc, source: SourceBoard): void {
  const meta = metaMap(doc);
  meta.set('sourceBoardId', source.boardId);
  meta.set('sourceBoardTitle', source.title.slice(0, TITLE_MAX_LENGTH));
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
