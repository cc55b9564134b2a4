import type * as Y from 'yjs';
import { setAnalysisField } from '../analysis-context';
import { initBoard } from '../create-board';
import { stepText } from '../layout';
import { createAction } from '../records/action';
import { createBorging, setBorgingAnchor } from '../records/borging';
import { createCause, setCauseRecognised } from '../records/cause';
import { createChartView } from '../records/chart-view';
import { createConclusion } from '../records/conclusion';
import { createFact } from '../records/fact';
import { setGridCell } from '../records/grid-cell';
import { createGridColumn } from '../records/grid-column';
import { createGroupPlan } from '../records/group-plan';
import { createLink } from '../records/link';
import { createSource } from '../records/source';
import { createTeamLearning, setTeamLearningChoice } from '../records/team-learning';
import { appendParagraphs } from '../rich-text';

/** The ids of what {@link fillExampleStudyDay} wrote, for tests that check a section by hand. */
export interface ExampleStudyDay {
  chartViews: { overview: string; normen: string; trend: string };
  owners: { ib: string; anja: string };
}

/**
 * A small, fully known study day (groep 6 rekenen) written with the accessors, as a team would fill it in:
 * for the report's hand-checked tests, the export renderers' tests and demos. Aggregates only; the one
 * group of fewer than five pupils is there to show the "n < 5" mark. `datasetId` is put on the chart views.
 */
export function fillExampleStudyDay(
  doc: Y.Doc,
  datasetId = 'dataset-1',
  options: { init?: boolean } = {},
): ExampleStudyDay {
  const owners = { ib: 'user-ib', anja: 'user-anja' };
  // A client filling a board the server created passes `init: false` (only the server initialises a board).
  if (options.init !== false) {
    initBoard(doc, { title: 'Studiedag groep 6', createdAt: new Date('2026-11-20T08:00:00Z') });
  }
  setAnalysisField(doc, 'question', 'Waarom blijft rekenen in groep 6 achter bij de minimumnorm?');
  setAnalysisField(doc, 'decision', 'Welke rekenaanpak zetten we na de kerst in?');

  const overview = createChartView(doc, {
    stepId: 's4',
    datasetId,
    analysisKind: 'overzicht',
    filters: { level: 'groep' },
    title: 'Overzicht alle groepen × alle toetsen',
  });
  const normen = createChartView(doc, {
    stepId: 's4',
    datasetId,
    analysisKind: 'normen',
    filters: { subject: 'Rekenen-Wiskunde', level: 'groep' },
    title: 'Rekenen-Wiskunde: niveauverdeling per groep',
  });
  const trend = createChartView(doc, {
    stepId: 's5',
    datasetId,
    analysisKind: 'trend-jaargroep',
    filters: { subject: 'Rekenen-Wiskunde', grade: 6 },
    title: 'Trend rekenen groep 6',
  });

  createFact(doc, { stepId: 's3', text: 'Groep 6 maakte de M-toets in de week na de griepgolf' });
  const belowNorm = createFact(doc, {
    stepId: 's4',
    text: 'Groep 6 haalt de minimumnorm rekenen niet',
    dataPoint: { viewId: normen, key: '6|I-III', label: 'Groep 6 · % I–III', value: 48.5, n: 24, unit: '%' },
  });
  createFact(doc, {
    stepId: 's4',
    text: 'De NT2-leerlingen van groep 6 scoren lager',
    dataPoint: { viewId: normen, key: '6|nt2', label: 'Groep 6 NT2 · % I–III', value: 33.3, n: 3, unit: '%' },
  });
  createFact(doc, { stepId: 's6', text: 'Het domein bewerkingen valt het meest uit' });
  const falling = createFact(doc, { stepId: 's5', text: 'Rekenen in groep 6 daalt drie metingen op rij' });
  createFact(doc, { stepId: 's5', text: 'Spelling stijgt in alle jaargroepen' });

  const observed = createSource(doc, {
    sourceKind: 'observaties',
    shows: 'Na de instructie wordt weinig ingeoefend',
    sameStory: 'ja',
  });
  createSource(doc, { sourceKind: 'toetsen', shows: 'Methodetoetsen blok 3 voldoende', sameStory: 'deels' });

  const columns = ['Groep 5', 'Groep 6', 'Groep 7'].map((label) => createGridColumn(doc, { label }));
  for (const column of columns.slice(0, 2)) setGridCell(doc, 'kk:4', column, '?');
  setGridCell(doc, 'kk:9', columns[1] as string, '-');
  setGridCell(doc, 'kk:12', columns[2] as string, '?');

  const practice = createCause(doc, {
    text: 'Te weinig inoefening na elke instructiestap',
    polarity: 'negatief',
    knowledge: 'weten',
    core: true,
  });
  createLink(doc, { from: belowNorm, to: practice, relation: 'ondersteunt' });
  createLink(doc, { from: observed, to: practice, relation: 'ondersteunt' });
  setCauseRecognised(doc, practice, owners.ib, true);
  setCauseRecognised(doc, practice, owners.anja, true);
  const substitutes = createCause(doc, {
    text: 'Veel wisselende invallers in groep 6',
    polarity: 'negatief',
  });
  createLink(doc, { from: falling, to: substitutes, relation: 'ontkracht' });
  createLink(doc, { from: substitutes, to: practice, relation: 'alternatief' });
  createCause(doc, {
    text: 'Het vaste spellinguur met directe instructie',
    polarity: 'positief',
    core: true,
  });
  createCause(doc, { text: 'Invloed van de nieuwe rekenmethode', polarity: 'negatief', needsResearch: true });

  createConclusion(doc, {
    kind: '10a',
    text: 'Rekenen groep 6 ligt onder de minimumnorm',
    category: 'gaatNietGoed',
  });
  createConclusion(doc, { kind: '10a', text: 'Spelling ligt op streefniveau', category: 'gaatGoed' });
  const signal = createConclusion(doc, {
    kind: '10a',
    text: 'Een kwart van groep 6 valt terug naar niveau V',
    category: 'zorgsignaal',
  });

  const act = createAction(doc, {
    what: 'Na elke instructiestap vijf minuten begeleid inoefenen',
    aim: 'Groep 6 haalt bij E de minimumnorm rekenen',
    horizon: '4-6-weken',
    ownerId: owners.anja,
    dueDate: '2027-01-22',
    successCriterion: '80% haalt de methodetoets van blok 4',
    measuredBy: 'Methodetoets blok 4',
    monitorWho: 'IB-er',
    monitorWhen: 'week 3 en 6',
    monitorHow: 'lesbezoek met de kijkwijzer',
    feasible: true,
    focusGrade: 6,
    focusSubject: 'Rekenen-Wiskunde',
  });
  createLink(doc, { from: act, to: practice, relation: 'beantwoordt' });
  createLink(doc, { from: act, to: signal, relation: 'beantwoordt' });
  createAction(doc, {
    what: 'Lesbezoeken rekenen in alle groepen',
    horizon: '3-maanden',
    dueDate: '2027-03-01',
  });
  createAction(doc, { what: 'Rekenmethode evalueren', horizon: 'volgend-jaar', ownerId: owners.ib });
  createAction(doc, { what: 'Rekenbeleid herschrijven', horizon: 'nieuw-schoolplan' });

  const learning = createTeamLearning(doc, {
    text: 'Expliciete directe instructie met inoefening',
    need: 'vaardigheden',
    scope: 'team',
    leadershipSupport: 'Tijd in het rooster voor lesbezoeken',
    aim: 'Voor de zomer geeft elke leraar de les in kleine stappen met inoefening',
  });
  setTeamLearningChoice(doc, learning, 'forms', 'lesbezoeken', true);
  setTeamLearningChoice(doc, learning, 'supportOptions', 'os:2', true);
  setTeamLearningChoice(doc, learning, 'trainingOptions', 'os:9', true);

  createGroupPlan(doc, {
    groupLabel: 'Groep 6',
    goals: 'Tafels tot 10 geautomatiseerd',
    basis: 17,
    intensief: 6,
    verdiept: 3,
    changes: 'Verlengde instructie op dinsdag en donderdag',
  });
  const keep = createBorging(doc, {
    insight: 'Het vaste spellinguur werkt',
    who: 'Taalcoördinator',
    how: 'Opnemen in het kwaliteitshandboek',
  });
  setBorgingAnchor(doc, keep, 'afspraken', true);

  appendParagraphs(stepText(doc, 's11'), [
    'Rekenen in groep 6 vraagt nu aandacht; spelling gaat goed.',
    'We beginnen na de kerst met begeleide inoefening.',
  ]);
  return { chartViews: { overview, normen, trend }, owners };
}
