import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { setAnalysisField } from './analysis-context';
import { setCheckNote, setCheckStatus } from './checks';
import { initBoard } from './create-board';
import { createCause, setCauseRecognised } from './records/cause';
import { createChartView } from './records/chart-view';
import { createConclusion } from './records/conclusion';
import { createFact } from './records/fact';
import { createFactor } from './records/factor';
import { setGridCell } from './records/grid-cell';
import { createGridColumn } from './records/grid-column';
import { createLink } from './records/link';
import { createSource } from './records/source';
import { boardToJSON } from './to-json';

function filledBoard(): { doc: Y.Doc; ids: Record<string, string> } {
  const doc = new Y.Doc();
  doc.clientID = 7;
  initBoard(doc, { title: 'Studiedag maart', createdAt: new Date('2026-03-02T08:00:00Z') });
  setAnalysisField(doc, 'question', 'Waarom blijft rekenen in groep 6 achter?');
  setAnalysisField(doc, 'purpose', 'verbeteren');
  setAnalysisField(doc, 'datasetId', 'ds-2026');
  const at = new Date('2026-03-02T09:00:00Z');
  const chart = createChartView(doc, {
    stepId: 's4',
    datasetId: 'ds-2026',
    analysisKind: 'normen',
    createdAt: at,
  });
  const fact = createFact(doc, {
    stepId: 's4',
    text: '58% op I–III, norm 65%',
    dataPoint: { viewId: chart, key: 'RW|6|M', label: 'Groep 6 · Rekenen · M', value: 58, n: 26, unit: '%' },
    createdAt: at,
  });
  const second = createFact(doc, { stepId: 's4', text: 'Groep 5 op de streefnorm', createdAt: at });
  const source = createSource(doc, {
    sourceKind: 'leerlingwerk',
    shows: 'Fouten bij breuken',
    sameStory: 'ja',
  });
  const cause = createCause(doc, { text: 'Breuken te snel behandeld', polarity: 'negatief', createdAt: at });
  setCauseRecognised(doc, cause, 'account:42', true);
  const conclusion = createConclusion(doc, {
    kind: '10a',
    text: 'Zorgsignaal rekenen g6',
    category: 'zorgsignaal',
  });
  createLink(doc, { from: fact, to: chart, relation: 'bron' });
  createLink(doc, { from: fact, to: cause, relation: 'ondersteunt' });
  createLink(doc, { from: source, to: cause, relation: 'ondersteunt' });
  createLink(doc, { from: conclusion, to: cause, relation: 'rustOp' });
  const factor = createFactor(doc, { label: 'Nieuwe rekenmethode' });
  const g6 = createGridColumn(doc, { label: 'Groep 6', groupKey: '6A' });
  setGridCell(doc, 'kk:4', g6, '-');
  setGridCell(doc, factor, g6, '?');
  setCheckStatus(doc, 'betrouwbaarheid', 'valide', 'ja');
  setCheckNote(doc, 'betrouwbaarheid', 'valide', 'Cito M6');
  return { doc, ids: { chart, fact, second, source, cause, conclusion, factor, g6 } };
}

describe('boardToJSON of a filled canvas', () => {
  it('holds every record by type in order, with its links resolved from both ends', () => {
    const { doc, ids } = filledBoard();
    const json = boardToJSON(doc);
    expect(json.analysis).toMatchObject({
      question: 'Waarom blijft rekenen in groep 6 achter?',
      purpose: 'verbeteren',
    });
    expect(json.canvas.facts.map((f) => f.id)).toEqual([ids.fact, ids.second]);
    expect(json.canvas.facts[0]).toMatchObject({ clientId: 7, dataPoint: { value: 58, n: 26 } });
    expect(json.canvas.facts[0]?.links).toEqual([
      expect.objectContaining({
        relation: 'bron',
        direction: 'out',
        otherId: ids.chart,
        otherType: 'chartView',
      }),
      expect.objectContaining({
        relation: 'ondersteunt',
        direction: 'out',
        otherId: ids.cause,
        otherType: 'cause',
      }),
    ]);
    const cause = json.canvas.causes[0];
    expect(cause?.recognisedBy).toEqual(['account:42']);
    expect(cause?.links.map((l) => `${l.direction}:${l.relation}:${l.otherType}`).sort()).toEqual([
      'in:ondersteunt:fact',
      'in:ondersteunt:source',
      'in:rustOp:conclusion',
    ]);
    expect(json.canvas.links).toHaveLength(4);
    expect(json.canvas.sources[0]).toMatchObject({ sourceKind: 'leerlingwerk', sameStory: 'ja' });
    expect(json.canvas.conclusions[0]).toMatchObject({ kind: '10a', category: 'zorgsignaal' });
  });

  it('holds the grid with its summary and every checklist', () => {
    const { doc, ids } = filledBoard();
    const json = boardToJSON(doc);
    expect(json.grid.rows).toHaveLength(21);
    expect(json.grid.columns.map((c) => c.label)).toEqual(['Groep 6']);
    expect(json.grid.cells).toHaveLength(2);
    expect(json.grid.summary.find((s) => s.factorId === 'kk:4')?.text).toBe('1 × –');
    expect(json.grid.summary.find((s) => s.factorId === ids.factor)?.text).toBe('1 × ?');
    expect(json.checks.betrouwbaarheid[0]).toMatchObject({ status: 'ja', note: 'Cito M6' });
    expect(Object.keys(json.checks)).toEqual(['normen', 'betrouwbaarheid', 'lesobservatie']);
  });

  it('is plain data: it survives JSON and equals the view of a replica built from the document’s update', () => {
    const { doc } = filledBoard();
    const json = boardToJSON(doc);
    expect(JSON.parse(JSON.stringify(json))).toStrictEqual(json);
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
    expect(boardToJSON(replica)).toStrictEqual(json);
  });
});
