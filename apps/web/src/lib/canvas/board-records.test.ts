import { initBoard, listFacts } from '@koers/board';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { BoardRecords } from './board-records.svelte';

/** Two replicas of one board that exchange every update, as the sync server would (origin = 'remote'). */
function pair(): [Y.Doc, Y.Doc] {
  const a = new Y.Doc();
  initBoard(a, { title: 'Studiedag', createdAt: new Date('2026-03-02T08:00:00Z') });
  const b = new Y.Doc();
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  a.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== 'remote') Y.applyUpdate(b, update, 'remote');
  });
  b.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== 'remote') Y.applyUpdate(a, update, 'remote');
  });
  return [a, b];
}

const opened: BoardRecords[] = [];
function open(doc: Y.Doc, settled = true): BoardRecords {
  const records = new BoardRecords(doc, { isSettled: () => settled });
  opened.push(records);
  return records;
}

afterEach(() => {
  for (const r of opened.splice(0)) r.destroy();
  vi.useRealTimers();
});

describe('BoardRecords', () => {
  it('lists a fact added on one replica on the other, per step, through the accessors', () => {
    const [a, b] = pair();
    const anna = open(a);
    const bram = open(b);
    const added = anna.addFact({ stepId: 's4', text: 'Groep 6: 58% op I–III' });
    expect(added.ok).toBe(true);
    expect(bram.factsOf('s4').map((f) => f.text)).toEqual(['Groep 6: 58% op I–III']);
    expect(bram.factsOf('s5')).toEqual([]);
    expect(bram.authorClientId(bram.facts[0]!.id)).toBe(a.clientID);
  });

  it('undo takes back only one’s own edit, not a colleague’s made after it', () => {
    const [a, b] = pair();
    const anna = open(a);
    const bram = open(b);
    anna.addFact({ stepId: 's4', text: 'Van Anna' });
    bram.addFact({ stepId: 's4', text: 'Van Bram' });
    expect(anna.canUndo).toBe(true);
    anna.undo();
    expect(bram.factsOf('s4').map((f) => f.text)).toEqual(['Van Bram']);
    expect(anna.factsOf('s4').map((f) => f.text)).toEqual(['Van Bram']);
    // Bram's own undo stack is untouched by Anna's undo.
    expect(bram.canUndo).toBe(true);
    anna.redo();
    expect(
      listFacts(b, 's4')
        .map((f) => f.text)
        .sort(),
    ).toEqual(['Van Anna', 'Van Bram']);
  });

  it('each command is its own undo step, even in quick succession', () => {
    const [a] = pair();
    const anna = open(a);
    const id = anna.addFact({ stepId: 's4', text: 'Eerst' });
    if (!id.ok) throw new Error(id.message);
    anna.updateFact(id.value, { text: 'Daarna' });
    anna.undo();
    expect(anna.facts[0]?.text).toBe('Eerst');
    anna.undo();
    expect(anna.facts).toEqual([]);
  });

  it('a refused value writes nothing and gives the Dutch message', () => {
    const [a] = pair();
    const anna = open(a);
    const result = anna.addFact({ stepId: 's4', text: 'x'.repeat(2001) });
    expect(result).toEqual({ ok: false, message: 'Feit: de tekst is te lang (maximaal 2000 tekens).' });
    expect(anna.error).toBe('Feit: de tekst is te lang (maximaal 2000 tekens).');
    expect(anna.facts).toEqual([]);
    expect(anna.canUndo).toBe(false);
  });

  it('moves a card one place with one new order key between its new neighbours', () => {
    const [a, b] = pair();
    const anna = open(a);
    const bram = open(b);
    for (const text of ['een', 'twee', 'drie']) anna.addFact({ stepId: 's4', text });
    const list = anna.factsOf('s4');
    const before = new Map(list.map((f) => [f.id, f.order]));
    anna.move(list, list[2]!.id, -1);
    expect(bram.factsOf('s4').map((f) => f.text)).toEqual(['een', 'drie', 'twee']);
    const changed = anna.factsOf('s4').filter((f) => before.get(f.id) !== f.order);
    expect(changed.map((f) => f.text)).toEqual(['drie']);
    // Up from the top does nothing.
    const top = anna.factsOf('s4')[0]!;
    expect(anna.move(anna.factsOf('s4'), top.id, -1)).toEqual({ ok: true, value: false });
  });

  it('counts the cards a card is linked with and removes those links with it', () => {
    const [a, b] = pair();
    const anna = open(a);
    const bram = open(b);
    const fact = anna.addFact({ stepId: 's7', text: 'Feit' });
    const s1 = anna.addSource({ sourceKind: 'observaties', shows: 'Weinig betrokkenheid' });
    const s2 = anna.addSource({ sourceKind: 'leerlingwerk' });
    if (!fact.ok || !s1.ok || !s2.ok) throw new Error('setup');
    anna.link({ from: fact.value, to: s1.value, relation: 'bron' });
    anna.link({ from: fact.value, to: s2.value, relation: 'bron' });
    expect(bram.linkedCardCount(fact.value)).toBe(2);
    expect(bram.linksOf(s1.value)).toHaveLength(1);
    expect(bram.describe(s1.value)).toBe('Weinig betrokkenheid');
    bram.remove(fact.value);
    expect(anna.links).toEqual([]);
    expect(anna.facts).toEqual([]);
    expect(anna.sources).toHaveLength(2);
  });

  it('reads and writes checklists and the analysis question', () => {
    const [a, b] = pair();
    const anna = open(a);
    const bram = open(b);
    anna.setCheckStatus('betrouwbaarheid', 'valide', 'twijfel');
    anna.setCheckNote('betrouwbaarheid', 'valide', 'Veel NT2-leerlingen');
    const item = bram.checks.betrouwbaarheid.find((i) => i.key === 'valide');
    expect(item).toMatchObject({ status: 'twijfel', note: 'Veel NT2-leerlingen' });
    anna.setAnalysis('question', 'Waarom daalt begrijpend lezen?');
    anna.setAnalysis('purpose', 'verbeteren');
    expect(bram.analysis).toMatchObject({
      question: 'Waarom daalt begrijpend lezen?',
      purpose: 'verbeteren',
    });
    expect(anna.setAnalysis('schoolYear', '2025')).toEqual({
      ok: false,
      message: 'Analysevraag: schooljaar als 2025-2026.',
    });
  });

  it('highlights records that arrive after the board settled, not the board as it was, for a short while', () => {
    vi.useFakeTimers();
    const [a, b] = pair();
    const anna = open(a);
    anna.addFact({ stepId: 's4', text: 'Al op het bord' });
    let settled = false;
    const bram = new BoardRecords(b, { isSettled: () => settled });
    opened.push(bram);
    anna.addFact({ stepId: 's4', text: 'Tijdens het laden' });
    settled = true;
    anna.addFact({ stepId: 's4', text: 'Nieuw' });
    const fresh = bram.facts.filter((f) => bram.isFresh(f.id)).map((f) => f.text);
    expect(fresh).toEqual(['Nieuw']);
    vi.advanceTimersByTime(3000);
    expect(bram.facts.some((f) => bram.isFresh(f.id))).toBe(false);
  });

  it('places a step’s default charts outside the undo history', () => {
    const [a, b] = pair();
    const leider = open(a);
    const colleague = open(b);
    leider.addDefaultChartViews([
      { stepId: 's4', datasetId: 'ds1', analysisKind: 'overzicht', filters: {} },
      { stepId: 's4', datasetId: 'ds1', analysisKind: 'normen', filters: {} },
    ]);
    expect(colleague.chartViewsOf('s4').map((v) => v.analysisKind)).toEqual(['overzicht', 'normen']);
    expect(leider.canUndo).toBe(false);
    leider.addChartView({ stepId: 's4', datasetId: 'ds1', analysisKind: 'domeinen' });
    leider.undo();
    expect(colleague.chartViewsOf('s4').map((v) => v.analysisKind)).toEqual(['overzicht', 'normen']);
  });
});
