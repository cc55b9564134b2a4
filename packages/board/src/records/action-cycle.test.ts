import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { migrateBoard } from '../migrations';
import { isValidRecordField } from '../entry-validation';
import { ACTION, createAction, isOpenAction, readAction, updateAction } from './action';
import { liftRecords } from './lift-records';
import { recordsMap } from './record-store';

/** Version 2 of the action record: focus, "afgerond", origin and "effect vastgesteld?". */
describe('action records, version 2 (the next cycle)', () => {
  it('a version-1 action (written before the cycle fields) reads with them empty and is lifted once', () => {
    const doc = new Y.Doc();
    const id = createAction(doc, {
      what: 'Inoefenen na elke instructiestap',
      successCriterion: '80% haalt blok 4',
    });
    const map = recordsMap(doc).get(id)!;
    // What an older client stored: v 1 without the new keys.
    for (const key of ['focusGrade', 'focusSubject', 'done', 'carriedFrom', 'effect', 'effectNote'])
      map.delete(key);
    map.set('v', 1);
    expect(readAction(doc, id)).toMatchObject({
      v: 2,
      done: false,
      effect: null,
      effectNote: '',
      carriedFrom: null,
      focusGrade: null,
      focusSubject: null,
      successCriterion: '80% haalt blok 4',
    });
    expect(liftRecords(doc)).toBe(1);
    expect(map.toJSON()).toMatchObject({ v: 2, done: false, effect: null, effectNote: '' });
    expect(liftRecords(doc)).toBe(0);
  });

  it('migrateBoard lifts the actions of a version-2 board and raises it to version 3', () => {
    const doc = new Y.Doc();
    doc.getMap('meta').set('schemaVersion', 2);
    const id = createAction(doc, { what: 'Lesbezoeken' });
    recordsMap(doc).get(id)!.delete('done');
    recordsMap(doc).get(id)!.set('v', 1);
    expect(migrateBoard(doc)).toMatchObject({
      kind: 'migrated',
      from: 2,
      to: 3,
      applied: ['add-next-cycle'],
    });
    expect(recordsMap(doc).get(id)!.get('done')).toBe(false);
    expect(recordsMap(doc).get(id)!.get('v')).toBe(ACTION.version);
  });

  it('an action is open until it is marked afgerond or its effect is established (ja)', () => {
    expect(isOpenAction({ done: false, effect: null })).toBe(true);
    expect(isOpenAction({ done: false, effect: 'deels' })).toBe(true);
    expect(isOpenAction({ done: false, effect: 'nee' })).toBe(true);
    expect(isOpenAction({ done: false, effect: 'nog-niet' })).toBe(true);
    expect(isOpenAction({ done: false, effect: 'ja' })).toBe(false);
    expect(isOpenAction({ done: true, effect: null })).toBe(false);
  });

  it('refuses a bad effect, focus or origin with a Dutch message, and the guard agrees', () => {
    const doc = new Y.Doc();
    const id = createAction(doc, { what: 'Lesbezoeken' });
    expect(() => updateAction(doc, id, { effect: 'misschien' as never })).toThrow(/kies ja, deels, nee/);
    expect(() => updateAction(doc, id, { focusGrade: 9 })).toThrow(/groep van 1 tot en met 8/);
    expect(() => updateAction(doc, id, { carriedFrom: { boardId: '', recordId: 'x' } })).toThrow();
    expect(isValidRecordField('action', 'effect', 'deels')).toBe(true);
    expect(isValidRecordField('action', 'effect', 'misschien')).toBe(false);
    expect(isValidRecordField('action', 'carriedFrom', { boardId: 'b', recordId: 'r' })).toBe(true);
    expect(isValidRecordField('action', 'carriedFrom', { boardId: 'b' })).toBe(false);
    updateAction(doc, id, { effect: 'deels', effectNote: 'Groep 6 steeg van 46% naar 58%.' });
    expect(readAction(doc, id)).toMatchObject({
      effect: 'deels',
      effectNote: 'Groep 6 steeg van 46% naar 58%.',
    });
  });
});
