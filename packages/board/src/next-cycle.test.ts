import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { initBoard } from './create-board';
import { readChecklist, setCheckStatus } from './checks';
import { VERKLARINGEN } from './kwaliteitskaart';
import { readMeta, stepText } from './layout';
import { fillNextCycle } from './next-cycle';
import { listActions, updateAction } from './records/action';
import { listCauses } from './records/cause';
import { fillExampleStudyDay } from './report/example-board';
import { appendParagraphs } from './rich-text';
import { boardToJSON } from './to-json';
import { validateBoard } from './validate-board';

function sourceBoard() {
  const doc = new Y.Doc();
  const known = fillExampleStudyDay(doc, 'dataset-1');
  appendParagraphs(stepText(doc, 's2'), ['Minimumnorm rekenen: 75% op I–III']);
  setCheckStatus(doc, 'normen', 'helder', 'ja');
  const actions = Object.fromEntries(listActions(doc).map((a) => [a.what, a.id]));
  // One action closed, one evaluated with effect "ja", one with "deels" (stays open).
  updateAction(doc, actions['Rekenbeleid herschrijven']!, { done: true });
  updateAction(doc, actions['Rekenmethode evalueren']!, { effect: 'ja' });
  updateAction(doc, actions['Lesbezoeken rekenen in alle groepen']!, { effect: 'deels' });
  return { doc, known, actions };
}

describe('fillNextCycle: "Nieuw bord vanuit dit bord"', () => {
  it('carries the question, the norms, exactly the open actions and the open research questions', () => {
    const { doc: source, actions } = sourceBoard();
    const target = new Y.Doc();
    initBoard(target, { title: 'Studiedag juni', createdAt: new Date('2027-06-01T08:00:00Z') });
    const result = fillNextCycle(target, source, { boardId: 'bron0000bord0001', title: 'Studiedag groep 6' });
    expect(validateBoard(target)).toEqual([]);
    const json = boardToJSON(target);

    expect(readMeta(target).source).toEqual({ boardId: 'bron0000bord0001', title: 'Studiedag groep 6' });
    expect(json.source).toEqual({ boardId: 'bron0000bord0001', title: 'Studiedag groep 6' });
    expect(json.analysis).toEqual({
      question: 'Waarom blijft rekenen in groep 6 achter bij de minimumnorm?',
      decision: 'Welke rekenaanpak zetten we na de kerst in?',
      purpose: null,
      datasetId: null,
      schoolYear: null,
      moment: null,
    });
    expect(json.steps.find((s) => s.id === 's2')?.text).toBe('Minimumnorm rekenen: 75% op I–III');
    expect(readChecklist(target, 'normen').find((i) => i.key === 'helder')?.status).toBe('ja');

    // Open: the first (nothing set) and "Lesbezoeken" (effect deels); not the done one nor the effect-ja one.
    const carried = json.canvas.actions;
    expect(carried.map((a) => a.what)).toEqual([
      'Na elke instructiestap vijf minuten begeleid inoefenen',
      'Lesbezoeken rekenen in alle groepen',
    ]);
    const first = carried[0]!;
    expect(first).toMatchObject({
      stepId: 'h1',
      successCriterion: '80% haalt de methodetoets van blok 4',
      measuredBy: 'Methodetoets blok 4',
      ownerId: 'user-anja',
      horizon: '4-6-weken',
      dueDate: '2027-01-22',
      effect: null,
      done: false,
      carriedFrom: {
        boardId: 'bron0000bord0001',
        recordId: actions['Na elke instructiestap vijf minuten begeleid inoefenen'],
      },
    });
    // The evaluation starts afresh on the new board.
    expect(carried[1]).toMatchObject({ effect: null, effectNote: '' });
    expect(Object.keys(result.actions).sort()).toEqual(
      [
        actions['Na elke instructiestap vijf minuten begeleid inoefenen'],
        actions['Lesbezoeken rekenen in alle groepen'],
      ].sort(),
    );

    // Research: the cause marked "onvoldoende bekend" as a card, and on step 1 with the factor rows with '?'
    // (3 columns, so one '?' counts: kk:4 twice, kk:12 once).
    expect(listCauses(target).map((c) => [c.text, c.needsResearch])).toEqual([
      ['Invloed van de nieuwe rekenmethode', true],
    ]);
    expect(result.questions).toEqual([
      'Invloed van de nieuwe rekenmethode',
      `${VERKLARINGEN[3]} (2 × ?)`,
      `${VERKLARINGEN[11]} (1 × ?)`,
    ]);
    expect(json.steps.find((s) => s.id === 's1')?.text).toBe(
      [
        'Wat we na "Studiedag groep 6" nog niet wisten:',
        '- Invloed van de nieuwe rekenmethode',
        `- ${VERKLARINGEN[3]} (2 × ?)`,
        `- ${VERKLARINGEN[11]} (1 × ?)`,
      ].join('\n'),
    );
    // Nothing else: no facts, conclusions, charts, links or grid.
    expect(json.canvas.facts).toEqual([]);
    expect(json.canvas.conclusions).toEqual([]);
    expect(json.canvas.chartViews).toEqual([]);
    expect(json.canvas.links).toEqual([]);
    expect(json.grid.cells).toEqual([]);
  });

  it('copies the rich text of steps 1 and 2 as structure, not as flat text', () => {
    const source = new Y.Doc();
    initBoard(source, { title: 'Bron', createdAt: new Date() });
    const s1 = stepText(source, 's1');
    const heading = new Y.XmlElement('heading');
    heading.setAttribute('level', '2' as never);
    heading.insert(0, [new Y.XmlText('Analysevraag')]);
    s1.insert(0, [heading]);
    const target = new Y.Doc();
    initBoard(target, { title: 'Nieuw', createdAt: new Date() });
    fillNextCycle(target, source, { boardId: 'b', title: 'Bron' });
    expect(stepText(target, 's1').toJSON()).toBe(s1.toJSON());
  });
});
