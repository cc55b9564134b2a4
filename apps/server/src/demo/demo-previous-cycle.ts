import type { AnalysisReport } from '@koers/analysis';
import {
  appendBulletList,
  appendParagraphs,
  createAction,
  createCause,
  createConclusion,
  createLink,
  setAnalysisField,
  setCheckStatus,
  setStepDone,
  stepText,
} from '@koers/board';
import type * as Y from 'yjs';
import type { DemoOwners } from './demo-handelen';

/** The previous cycle's board, from which the demo board was made with "Nieuw bord vanuit dit bord". */
export const DEMO_PREVIOUS_BOARD_TITLE =
  'Demo: Studiedag september 2025 (vorige cyclus) — Basisschool De Vlinder';

/** Step 2 as the team set it a year ago; the demo board carries it over. */
export const DEMO_NORMS_TEXT = {
  paragraphs: ['Schoolnorm begrijpend lezen (vastgesteld in het team, september):'],
  bullets: [
    'Minimumnorm: 75% van de leerlingen scoort op niveau I–III',
    'Streefnorm: 80% op I–III',
    'Ambitienorm: 40% op niveau I',
    'Referentieniveaus groep 8: 95% 1F, 60% 2F',
  ],
  after: [
    'De normen passen bij onze populatie (schoolweging 31,2); de ambitienorm vinden we nog niet gedeeld met het hele team.',
  ],
} as const;

/**
 * The previous study day (after the E-toetsen of the year before), as a short real board: its question,
 * norms, a few conclusions, four actions — two closed, two open that name the jaargroep and subject they
 * are about — and one question it could not answer. Fictitious and aggregate, like the demo board.
 */
export function fillDemoPreviousCycle(
  doc: Y.Doc,
  input: { datasetId?: string; report?: AnalysisReport; owners?: DemoOwners },
): void {
  const years = input.report?.data.schoolYears ?? [];
  const previousYear = years.length >= 2 ? years[years.length - 2] : undefined;
  const dueYear = previousYear?.split('-')[1] ?? '2025';
  setAnalysisField(
    doc,
    'question',
    'Slaat de nieuwe leesaanpak aan in groep 3 t/m 5, en wat moet groep 6 volgend jaar van ons krijgen?',
  );
  setAnalysisField(doc, 'decision', 'Voeren we de leesaanpak dit schooljaar in groep 6 in?');
  setAnalysisField(doc, 'purpose', 'verbeteren');
  if (input.datasetId) setAnalysisField(doc, 'datasetId', input.datasetId);
  if (previousYear) {
    setAnalysisField(doc, 'schoolYear', previousYear);
    setAnalysisField(doc, 'moment', 'E');
  }

  appendParagraphs(stepText(doc, 's1'), [
    'Aanleiding: de nieuwe leesaanpak draait een jaar in groep 3 t/m 5. Het team wil weten of die aanslaat en of groep 6 eraan toe is.',
  ]);
  appendParagraphs(stepText(doc, 's2'), DEMO_NORMS_TEXT.paragraphs);
  appendBulletList(stepText(doc, 's2'), DEMO_NORMS_TEXT.bullets);
  appendParagraphs(stepText(doc, 's2'), DEMO_NORMS_TEXT.after);
  setCheckStatus(doc, 'normen', 'helder', 'ja');
  setCheckStatus(doc, 'normen', 'gedeeld', 'twijfel');
  setCheckStatus(doc, 'normen', 'ambitieus', 'ja');
  setCheckStatus(doc, 'normen', 'passend', 'ja');
  for (const step of [
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
  ] as const) {
    setStepDone(doc, step, true);
  }

  const modelling = createCause(doc, {
    text: 'Hardop modelen van leesstrategieën in groep 3 t/m 5 helpt de zwakke lezers.',
    polarity: 'positief',
    knowledge: 'denken',
    schoolInfluence: true,
    concrete: true,
    core: true,
  });
  createCause(doc, {
    text: 'Of NT2-leerlingen de langere teksten van de leesaanpak begrijpen, weten we nog niet.',
    polarity: 'negatief',
    knowledge: 'denken',
    needsResearch: true,
  });
  const grow = createConclusion(doc, {
    kind: '10b',
    category: 'versterken',
    text: 'De leesaanpak voortzetten in groep 5 en voorbereiden voor groep 6.',
  });
  createLink(doc, { from: grow, to: modelling, relation: 'rustOp' });

  createAction(doc, {
    what: 'Nieuwe leesaanpak invoeren in groep 3 en 4',
    aim: 'Alle leerkrachten van groep 3 en 4 werken met de vijf stappen.',
    ownerId: input.owners?.leider ?? null,
    horizon: '3-maanden',
    dueDate: `${dueYear}-03-01`,
    successCriterion: 'Bij twee lesbezoeken per groep zijn de vijf stappen te zien.',
    measuredBy: 'Lesbezoeken met de kijkwijzer',
    done: true,
    effect: 'ja',
    effectNote: 'In alle lesbezoeken van maart gezien.',
  });
  const groep5 = createAction(doc, {
    what: 'Dagelijks hardop modelen van leesstrategieën in groep 5',
    aim: 'Groep 5 haalt bij de E-toets begrijpend lezen de streefnorm.',
    specifiek: 'Elke leesles begint met een strategie die de leerkracht hardop voordoet.',
    meetbaar: 'E-toets begrijpend lezen groep 5.',
    tijdgebonden: 'Het hele schooljaar.',
    ownerId: input.owners?.leerkracht ?? null,
    horizon: 'half-jaar',
    dueDate: `${Number(dueYear) + 1}-06-30`,
    successCriterion: 'Groep 5 haalt bij de E-toets begrijpend lezen de streefnorm (80% op I–III).',
    measuredBy: 'E-toets begrijpend lezen',
    monitorWho: 'IB-er',
    monitorWhen: 'november en maart',
    monitorHow: 'Lesbezoek met de kijkwijzer',
    feasible: true,
    focusGrade: 5,
    focusSubject: 'Begrijpend lezen',
  });
  createLink(doc, { from: groep5, to: grow, relation: 'beantwoordt' });
  const groep6 = createAction(doc, {
    what: 'Leesaanpak invoeren in groep 6: materialen en een startbijeenkomst',
    aim: 'Groep 6 werkt vanaf oktober met de vijf stappen en haalt de minimumnorm.',
    ownerId: input.owners?.leider ?? null,
    horizon: '3-maanden',
    dueDate: `${dueYear}-10-15`,
    successCriterion: 'Groep 6 haalt bij de volgende toets begrijpend lezen de minimumnorm (75% op I–III).',
    measuredBy: 'Toets begrijpend lezen groep 6',
    monitorWho: 'Bouwcoördinator middenbouw',
    monitorWhen: 'na de herfstvakantie',
    monitorHow: 'Gesprek met de leerkracht en een lesbezoek',
    feasible: true,
    focusGrade: 6,
    focusSubject: 'Begrijpend lezen',
  });
  createLink(doc, { from: groep6, to: grow, relation: 'beantwoordt' });
  createAction(doc, {
    what: 'Spellingsafspraken vastleggen in het taalbeleid',
    ownerId: input.owners?.leerkracht ?? null,
    horizon: 'volgend-jaar',
    successCriterion: 'De afspraken staan in het taalbeleid.',
    done: true,
  });
  appendParagraphs(stepText(doc, 's11'), [
    'De leesaanpak slaat aan in de onderbouw. Groep 5 gaat ermee door, groep 6 begint na de zomer.',
  ]);
}
