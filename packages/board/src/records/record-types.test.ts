import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BOARD_SCHEMA_VERSION, migrateBoard } from '../migrations';
import { initBoard } from '../create-board';
import { validateBoard } from '../validate-board';
import { createCause } from './cause';
import { createChartView } from './chart-view';
import { createConclusion } from './conclusion';
import { createFact } from './fact';
import { createFactor } from './factor';
import { createGridColumn } from './grid-column';
import { createLink } from './link';
import { readRecord, recordsMap } from './record-store';
import {
  RECORD_DEFINITIONS,
  RECORD_TYPES,
  recordSchema,
  validateRecordValue,
  type RecordTypeName,
} from './registry';
import { createSource } from './source';
import { createVoteResult } from './vote-result';
import { createAction } from './action';
import { createBorging } from './borging';
import { createGroupPlan } from './group-plan';
import { createTeamLearning } from './team-learning';

/** Per type: a way to create a valid record, and field values its schema must refuse (with the Dutch reason). */
const CASES: Record<
  RecordTypeName,
  { create: (doc: Y.Doc) => string; bad: Array<[string, unknown, string]> }
> = {
  fact: {
    create: (doc) => createFact(doc, { stepId: 's4', text: 'Groep 6 haalt de minimumnorm niet' }),
    bad: [
      ['text', 'x'.repeat(2001), 'Feit: de tekst is te lang (maximaal 2000 tekens).'],
      [
        'dataPoint',
        { viewId: 'kort', key: 'k', label: 'l', value: 1, n: 3, unit: '%' },
        'Feit: onbekende grafiek.',
      ],
    ],
  },
  source: {
    create: (doc) => createSource(doc, { sourceKind: 'observaties', shows: 'Weinig inoefening' }),
    bad: [
      ['sourceKind', 'roddel', 'Bron: kies een soort bron.'],
      ['sameStory', 'misschien', 'Bron: kies ja, deels of nee.'],
    ],
  },
  factor: {
    create: (doc) => createFactor(doc, { label: 'Veel invallers' }),
    bad: [['label', 'x'.repeat(201), 'Factor: de tekst is te lang (maximaal 200 tekens).']],
  },
  gridColumn: {
    create: (doc) => createGridColumn(doc, { label: 'Groep 6', groupKey: '6A' }),
    bad: [['label', 7, 'Kolom: dit moet tekst zijn.']],
  },
  cause: {
    create: (doc) => createCause(doc, { text: 'Te weinig inoefening', polarity: 'negatief' }),
    bad: [
      ['polarity', 'neutraal', 'Oorzaak: kies positief of negatief.'],
      ['knowledge', 'gokken', 'Oorzaak: kies denken of weten.'],
      ['core', 'ja', 'Oorzaak: kies ja of nee.'],
    ],
  },
  conclusion: {
    create: (doc) => createConclusion(doc, { kind: '10b', text: 'Het rekenuur werkt', category: 'borgen' }),
    bad: [
      ['kind', '10d', 'Conclusie: kies 10a, 10b of 10c.'],
      ['category', 'misschien', 'Conclusie: onbekende categorie.'],
    ],
  },
  chartView: {
    create: (doc) =>
      createChartView(doc, { stepId: 's5', datasetId: 'ds1', analysisKind: 'trend-jaargroep' }),
    bad: [
      ['analysisKind', 'taartdiagram', 'Grafiek: onbekende analyse.'],
      ['filters', { schoolYear: '2025' }, 'Grafiek: schooljaar als 2025-2026.'],
      ['filters', { grade: 9 }, 'Grafiek: jaargroep 1 tot en met 8.'],
    ],
  },
  link: {
    create: (doc) =>
      createLink(doc, {
        from: createFact(doc, { stepId: 's4', text: 'feit' }),
        to: createCause(doc, { text: 'oorzaak', polarity: 'negatief' }),
        relation: 'ondersteunt',
      }),
    bad: [
      ['relation', 'houdtVanElkaar', 'Koppeling: onbekende relatie.'],
      ['to', 'kk:3', 'Koppeling: onbekende kaart.'],
    ],
  },
  voteResult: {
    create: (doc) =>
      createVoteResult(doc, {
        stepId: 's9',
        voteId: 'v1',
        question: 'Welke oorzaken nemen we mee?',
        dotsPerPerson: 3,
        voters: 2,
        tallies: [{ recordId: createCause(doc, { text: 'oorzaak', polarity: 'negatief' }), dots: 4 }],
      }),
    bad: [
      ['tallies', [{ recordId: 'kort', dots: 1 }], 'Stemuitslag: onbekende kaart.'],
      ['dotsPerPerson', -1, 'Stemuitslag: het aantal stippen per persoon kan niet negatief zijn.'],
      ['voters', 1.5, 'Stemuitslag: het aantal stemmers moet een geheel getal zijn.'],
    ],
  },
  action: {
    create: (doc) =>
      createAction(doc, { what: 'Dagelijks tien minuten automatiseren', horizon: '4-6-weken' }),
    bad: [
      ['horizon', 'ooit', 'Actie: kies een termijn.'],
      ['dueDate', '1-12-2026', 'Actie: geef een datum als 2026-12-01.'],
      ['feasible', 'misschien', 'Actie: kies ja of nee.'],
      ['ownerId', '', 'Actie: onbekende eigenaar.'],
    ],
  },
  teamLearning: {
    create: (doc) => createTeamLearning(doc, { text: 'Expliciete directe instructie', need: 'vaardigheden' }),
    bad: [
      ['need', 'geld', 'Teamleren: kies kennis, vaardigheden of routines.'],
      ['scope', 'school', 'Teamleren: kies individueel of team.'],
      ['forms', { yoga: true }, 'Teamleren: onbekende vorm van teamleren.'],
      ['supportOptions', { 'os:8': true }, 'Teamleren: onbekende ondersteuning.'],
    ],
  },
  groupPlan: {
    create: (doc) => createGroupPlan(doc, { groupLabel: 'Groep 6', basis: 18, intensief: 5, verdiept: 4 }),
    bad: [
      ['basis', -1, 'Groepsplan: het aantal kan niet negatief zijn.'],
      ['intensief', 2.5, 'Groepsplan: het aantal moet een geheel getal zijn.'],
      ['groupLabel', 'x'.repeat(61), 'Groepsplan: de tekst is te lang (maximaal 60 tekens).'],
    ],
  },
  borging: {
    create: (doc) => createBorging(doc, { insight: 'Het rekenuur met inoefening werkt' }),
    bad: [
      ['anchoredIn', { geloof: true }, 'Borging: kies beleid, leerlijnen, methodiek, afspraken of cultuur.'],
    ],
  },
};

describe.each(RECORD_TYPES)('record type %s', (type) => {
  const def = RECORD_DEFINITIONS[type];
  const { create, bad } = CASES[type];

  it('accepts what its accessor writes: the stored record passes the full schema', () => {
    const doc = new Y.Doc();
    const id = create(doc);
    const stored = recordsMap(doc).get(id)?.toJSON();
    expect(recordSchema(type).safeParse(stored).success).toBe(true);
    for (const [field, value] of Object.entries(stored ?? {})) {
      expect(validateRecordValue(type, field, value)).toEqual({ ok: true });
    }
    expect(stored).toMatchObject({ type, v: def.version });
  });

  it('refuses bad field values with a Dutch reason', () => {
    for (const [field, value, message] of bad) {
      expect(validateRecordValue(type, field, value)).toEqual({ ok: false, message });
    }
    expect(validateRecordValue(type, 'type', 'fact' === type ? 'cause' : 'fact')).toMatchObject({
      ok: false,
    });
    expect(validateRecordValue(type, 'stepId', 's12')).toMatchObject({ ok: false });
    expect(validateRecordValue(type, 'author', 'Juf Anja')).toMatchObject({ ok: false });
    expect(validateRecordValue(type, 'v', def.version + 1)).toMatchObject({ ok: false });
  });

  it('skips (and reports) a stored record that fails its schema, without throwing', () => {
    const doc = new Y.Doc();
    const id = create(doc);
    const [field, value] = bad[0] as [string, unknown, string];
    recordsMap(doc).get(id)?.set(field, value);
    expect(readRecord(doc, def as never, id)).toBeUndefined();
    expect(validateBoard(doc)).toContainEqual(
      expect.objectContaining({ root: 'records', key: id, code: 'invalid' }),
    );
  });

  it('survives the board migrations: a version-1 board lifted to the canvas keeps the record, and a second run writes nothing', () => {
    const doc = new Y.Doc();
    initBoard(doc, { title: 'Oud bord', createdAt: new Date('2025-09-01T08:00:00Z') });
    doc.getMap('meta').set('schemaVersion', 1);
    expect(migrateBoard(doc)).toMatchObject({
      kind: 'migrated',
      from: 1,
      to: BOARD_SCHEMA_VERSION,
      applied: ['add-canvas', 'add-next-cycle'],
    });
    const id = create(doc);
    const before = Y.encodeStateVector(doc);
    expect(migrateBoard(doc)).toEqual({ kind: 'current', version: BOARD_SCHEMA_VERSION });
    expect(Y.encodeStateVector(doc)).toEqual(before);
    expect(readRecord(doc, def as never, id)).toBeDefined();
  });

  it('leaves a record written by a newer version of its type alone: skipped by readers, untouched by migrations', () => {
    const doc = new Y.Doc();
    const id = create(doc);
    recordsMap(doc)
      .get(id)
      ?.set('v', def.version + 1);
    migrateBoard(doc);
    expect(recordsMap(doc).get(id)?.get('v')).toBe(def.version + 1);
    expect(readRecord(doc, def as never, id)).toBeUndefined();
  });
});
