import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  BOARD_SCHEMA_VERSION,
  STAPPENPLAN,
  TITLE_MAX_LENGTH,
  appendBulletList,
  appendParagraphs,
  boardToJSON,
  colorForName,
  initBoard,
  isKnownRoot,
  isValidMapEntry,
  metaMap,
  migrateBoard,
  readMeta,
  rootKindOf,
  setStepDone,
  stepText,
} from './index';

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
}

describe('the step catalogue', () => {
  it('holds Stappenplan 1–11 (with 10a/b/c) and Handelen 1–4 in order, each with guiding questions', () => {
    expect(STAPPENPLAN.map((s) => s.id)).toEqual([
      's1',
      's2',
      's3',
      's4',
      's5',
      's6',
      's7',
      's8',
      's9',
      's10a',
      's10b',
      's10c',
      's11',
      'h1',
      'h2',
      'h3',
      'h4',
    ]);
    for (const step of STAPPENPLAN) expect(step.questions.length).toBeGreaterThan(0);
    expect(STAPPENPLAN[0]?.title).toBe('Wat willen we weten en waarom?');
    expect(STAPPENPLAN.find((s) => s.id === 's4')?.notes).toContain('Feiten, geen interpretatie.');
  });
});

describe('the board document', () => {
  it('starts with the current schema version, the title and no text', () => {
    const doc = new Y.Doc();
    initBoard(doc, { title: 'Studiedag februari', createdAt: new Date('2026-02-10T08:30:00Z') });
    const json = boardToJSON(doc);
    expect(json.schemaVersion).toBe(BOARD_SCHEMA_VERSION);
    expect(json.title).toBe('Studiedag februari');
    expect(json.createdAt).toBe('2026-02-10T08:30:00.000Z');
    expect(json.steps).toHaveLength(17);
    expect(json.steps.every((s) => s.text === '' && !s.done)).toBe(true);
  });

  it('reads step text as plain lines, lists as "- item"', () => {
    const doc = new Y.Doc();
    appendParagraphs(stepText(doc, 's1'), [
      'Hoe staat rekenen ervoor in groep 6?',
      'Voor de keuze van een methode.',
    ]);
    appendBulletList(stepText(doc, 's1'), ['cohort 2024', 'cohort 2025']);
    setStepDone(doc, 's1', true);
    const step = boardToJSON(doc).steps[0];
    expect(step?.text).toBe(
      'Hoe staat rekenen ervoor in groep 6?\nVoor de keuze van een methode.\n- cohort 2024\n- cohort 2025',
    );
    expect(step?.done).toBe(true);
  });

  it('merges concurrent writes to the same step from two replicas', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    appendParagraphs(stepText(a, 's9'), ['Instructietijd was kort']);
    appendParagraphs(stepText(b, 's9'), ['Veel invallers in groep 5']);
    sync(a, b);
    const textA = boardToJSON(a).steps.find((s) => s.id === 's9')?.text;
    expect(textA).toContain('Instructietijd was kort');
    expect(textA).toContain('Veel invallers in groep 5');
    expect(textA).toBe(boardToJSON(b).steps.find((s) => s.id === 's9')?.text);
  });
});

describe('migrations', () => {
  it('lifts a version-0 document to the current version and keeps its content', () => {
    const doc = new Y.Doc();
    metaMap(doc).set('title', 'Oud bord');
    appendParagraphs(stepText(doc, 's2'), ['Norm: 75% op I–III']);
    const result = migrateBoard(doc);
    expect(result).toEqual({
      kind: 'migrated',
      from: 0,
      to: BOARD_SCHEMA_VERSION,
      applied: ['add-schema-version', 'add-canvas', 'add-next-cycle'],
    });
    expect(readMeta(doc)).toMatchObject({ schemaVersion: BOARD_SCHEMA_VERSION, title: 'Oud bord' });
    expect(boardToJSON(doc).steps[1]?.text).toBe('Norm: 75% op I–III');
    expect(migrateBoard(doc)).toEqual({ kind: 'current', version: BOARD_SCHEMA_VERSION });
  });

  it('leaves a document from a newer app version untouched', () => {
    const doc = new Y.Doc();
    metaMap(doc).set('schemaVersion', BOARD_SCHEMA_VERSION + 1);
    const before = Y.encodeStateVector(doc);
    expect(migrateBoard(doc)).toEqual({ kind: 'newer', version: BOARD_SCHEMA_VERSION + 1 });
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });
});

describe('presence colours', () => {
  it('gives a name the same colour every time', () => {
    expect(colorForName('Juf Anja')).toBe(colorForName('Juf Anja'));
    expect(colorForName('Juf Anja')).toMatch(/^#[0-9a-f]{6}$/);
  });
});

describe('the layout the sync server enforces', () => {
  it('knows every root a board writes, and nothing else', () => {
    const doc = new Y.Doc();
    initBoard(doc, { title: 'Studiedag', createdAt: new Date() });
    setStepDone(doc, 's4', true);
    for (const step of STAPPENPLAN) appendParagraphs(stepText(doc, step.id), ['tekst']);
    for (const name of doc.share.keys()) expect(isKnownRoot(name)).toBe(true);
    expect(rootKindOf('meta')).toBe('map');
    expect(rootKindOf('stepDone')).toBe('map');
    expect(rootKindOf('text:s4')).toBe('xmlFragment');
    expect(rootKindOf('text:s99')).toBeUndefined();
    expect(rootKindOf('leerlingen')).toBeUndefined();
  });

  it('accepts the meta and stepDone values a board writes, and refuses other types and long titles', () => {
    expect(isValidMapEntry('meta', 'title', 'T'.repeat(TITLE_MAX_LENGTH))).toBe(true);
    expect(isValidMapEntry('meta', 'title', 'T'.repeat(TITLE_MAX_LENGTH + 1))).toBe(false);
    expect(isValidMapEntry('meta', 'schemaVersion', BOARD_SCHEMA_VERSION)).toBe(true);
    expect(isValidMapEntry('meta', 'schemaVersion', '1')).toBe(false);
    expect(isValidMapEntry('meta', 'createdAt', new Date().toISOString())).toBe(true);
    expect(isValidMapEntry('meta', 'leerlingen', 'Sanne')).toBe(false);
    expect(isValidMapEntry('stepDone', 's4', true)).toBe(true);
    expect(isValidMapEntry('stepDone', 's4', 'ja')).toBe(false);
    expect(isValidMapEntry('stepDone', 's99', true)).toBe(false);
  });
});
