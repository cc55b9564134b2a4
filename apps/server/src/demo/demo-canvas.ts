import type { AnalysisReport, GroupRow, Signal } from '@koers/analysis';
import {
  KWALITEITSKAART_FACTORS,
  createCause,
  createChartView,
  createConclusion,
  createFact,
  createFactor,
  createGridColumn,
  createLink,
  createSource,
  setAnalysisField,
  setCauseRecognised,
  setCheckNote,
  setCheckStatus,
  setGridCell,
  type CellValue,
  type ChartKind,
  type DataPoint,
  type StepId,
} from '@koers/board';
import type * as Y from 'yjs';

/**
 * The typed things of the demo study day, written into the demo board. Every number on a fact card is read
 * from the demo dataset's own analysis (the report passed in), so the cards always agree with the charts
 * beside them. Everything else is fictitious and aggregate: no pupil names, ids or scores.
 */
export interface DemoCanvasInput {
  datasetId: string;
  report: AnalysisReport;
}

/** The charts each analysis step shows (the web app creates the same defaults on a new board). */
const DEMO_VIEWS: readonly { stepId: StepId; kinds: readonly ChartKind[] }[] = [
  { stepId: 's3', kinds: ['datakwaliteit'] },
  { stepId: 's4', kinds: ['overzicht', 'normen'] },
  { stepId: 's5', kinds: ['trend-jaargroep', 'trend-leerlingengroep', 'domeinen'] },
  { stepId: 's6', kinds: ['subgroepen', 'parallelgroepen', 'domeinen'] },
];

const STATUS_PHRASE: Record<string, string> = {
  'onder-minimum': 'onder de minimumnorm',
  minimum: 'haalt de minimumnorm',
  streef: 'haalt de streefnorm',
  ambitie: 'haalt de ambitienorm',
};

/** Share of a group on levels I–III (the norms are set on it), or undefined without I–V levels. */
export function pctOnI_III(row: GroupRow): { pct: number; k: number; n: number } | undefined {
  const { levels, nIV } = row.stats;
  if (nIV === 0) return undefined;
  const k = (levels.I ?? 0) + (levels.II ?? 0) + (levels.III ?? 0);
  return { pct: Math.round((100 * k) / nIV), k, n: nIV };
}

/**
 * "46% op niveau I–III (11 van 24 leerlingen)": the count beside the percentage, so a reader sees the
 * denominator; a whole class reads as "alle 25 leerlingen op niveau I–III" (the demo's strong cohort in groep
 * 7 really has every pupil there: its planted lead in begrijpend lezen, demo-school.ts).
 */
export function shareText(share: { pct: number; k: number; n: number }): string {
  const small = share.n < 5 ? ', n < 5' : '';
  if (share.k === share.n) return `alle ${share.n} leerlingen op niveau I–III${small}`;
  return `${share.pct}% op niveau I–III (${share.k} van ${share.n} leerlingen${small})`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A fact card for a group row against its norm, with the data point of the step-4 norms chart. */
function groupFact(row: GroupRow, viewId: string, moment: string): { text: string; dataPoint?: DataPoint } {
  const share = pctOnI_III(row);
  const status = STATUS_PHRASE[row.status] ?? '';
  const group = `Groep ${row.className ?? row.grade}`;
  const label = `${group} · ${row.subject} · ${moment}`;
  if (!share) return { text: `${label}: ${status}` };
  return {
    text: `${group}, ${row.subject.toLowerCase()} ${moment}${row.grade}: ${shareText(share)}${status ? ` — ${status}` : ''}`,
    dataPoint: {
      viewId,
      key: `groep:${row.className ?? row.grade}|${row.subject}`,
      label,
      value: share.pct,
      n: share.n,
      unit: '% op I–III',
    },
  };
}

/**
 * Rows of the factor grid with a fictitious team's marks per group (Groep 3 … Groep 8). Most explanations
 * are left blank (neutral); groep 6 stands out with –, as the step-7 sources suggest.
 */
const GRID_MARKS: Readonly<Record<string, readonly (CellValue | null)[]>> = {
  // explanation index (1-based) → marks for groep 3, 4, 5, 6, 7, 8
  '3': [null, null, '+', null, '+', '+'], // De methode is niet goed
  '4': [null, null, null, '?', null, '?'], // De methode heeft hiaten
  '5': ['+', '+', '+', '-', '+', null], // De leerstof … niet tot het eind behandeld
  '8': [null, null, null, '-', null, null], // te weinig effectieve weken
  '9': [null, '?', null, '-', '?', null], // veel tijd verloren gegaan
  '11': [null, null, '+', '?', '+', '+'], // te weinig taakgericht
  '12': [null, null, null, '?', '-', null], // te veel zorgleerlingen
  '13': ['+', '+', '+', '-', '+', '+'], // te weinig instructie
  '15': [null, null, '+', '-', '+', null], // te weinig directe feedback
  '16': [null, '-', '+', '-', '+', '-'], // te weinig tijd voor directe inoefening
  '17': ['-', '?', null, '-', null, null], // te weinig tijd voor automatiseren
  '19': [null, null, null, '-', null, null], // wisseling van leraren
  '20': [null, '+', null, '?', null, '?'], // afstemming duo-leraren
};

/** The ids of the causes and conclusions the demo's actions answer (`demo-handelen.ts`). */
export interface DemoCanvasIds {
  causes: { modelling: string; interrupted: string; practice: string; nt2: string };
  conclusions: { worry: string; strengthen: string; keep: string; now: string; later: string };
}

export function fillDemoCanvas(doc: Y.Doc, { datasetId, report }: DemoCanvasInput): DemoCanvasIds {
  const moment = report.moment;

  // Step 1 and the board's data context.
  setAnalysisField(
    doc,
    'question',
    `Hoe staan begrijpend lezen en spelling ervoor in groep 3 t/m 8 na de ${moment}-toetsen van ${report.schoolYear}, en waarom blijft groep 6 achter?`,
  );
  setAnalysisField(
    doc,
    'decision',
    'Breiden we de nieuwe leesaanpak uit de middenbouw volgend schooljaar uit naar de bovenbouw, en wat heeft groep 6 nu nodig?',
  );
  setAnalysisField(doc, 'purpose', 'verbeteren');
  setAnalysisField(doc, 'datasetId', datasetId);
  setAnalysisField(doc, 'schoolYear', report.schoolYear);
  setAnalysisField(doc, 'moment', moment);

  // Step 2 and 3 checklists.
  setCheckStatus(doc, 'normen', 'helder', 'ja');
  setCheckStatus(doc, 'normen', 'gedeeld', 'twijfel');
  setCheckNote(doc, 'normen', 'gedeeld', 'De ambitienorm is nog niet met het hele team besproken.');
  setCheckStatus(doc, 'normen', 'ambitieus', 'ja');
  setCheckStatus(doc, 'normen', 'passend', 'ja');
  setCheckStatus(doc, 'betrouwbaarheid', 'valide', 'ja');
  setCheckStatus(doc, 'betrouwbaarheid', 'afname', 'ja');
  setCheckStatus(doc, 'betrouwbaarheid', 'invoer', 'ja');
  setCheckNote(
    doc,
    'betrouwbaarheid',
    'invoer',
    'Door de IB-er gecontroleerd; twee leerlingen met een eigen leerlijn apart gehouden.',
  );
  setCheckStatus(doc, 'betrouwbaarheid', 'omstandigheden', 'twijfel');
  setCheckNote(
    doc,
    'betrouwbaarheid',
    'omstandigheden',
    'Griepgolf in de toetsperiode: groep 7 maakte begrijpend lezen in twee delen.',
  );

  // Charts of steps 3–6.
  const views = new Map<string, string>();
  // The domain charts show Begrijpend lezen (the demo's only subject with domain scores; the default, the
  // first subject, would be empty), groep 6 on step 5 where the story is. Without domains in the results no
  // empty domain chart is placed: it would be the first thing a newcomer sees on steps 5 and 6.
  const readingDomains = report.patterns.domains.some((d) => d.subject === 'Begrijpend lezen');
  for (const { stepId, kinds } of DEMO_VIEWS) {
    for (const analysisKind of kinds) {
      if (analysisKind === 'domeinen' && !readingDomains) continue;
      const filters =
        analysisKind !== 'domeinen'
          ? {}
          : { subject: 'Begrijpend lezen', ...(stepId === 's5' ? { grade: 6 } : {}) };
      views.set(
        `${stepId}:${analysisKind}`,
        createChartView(doc, { stepId, datasetId, analysisKind, filters }),
      );
    }
  }
  const normsView = views.get('s4:normen') as string;

  // Step 3: circumstances.
  createFact(doc, {
    stepId: 's3',
    text: 'Groep 7 maakte de toets begrijpend lezen in twee delen door de griepgolf; vier leerlingen hebben ingehaald.',
  });
  createFact(doc, {
    stepId: 's3',
    text: 'Groep 6 had in november en december drie verschillende invallers.',
  });

  // Step 4: facts from the norms chart — every class below the minimum in the focus subjects, and two at ambitie.
  const rows = report.resultsVsNorms.groups.filter((r) => r.level === 'groep');
  const focus = rows.filter((r) => r.subject === 'Begrijpend lezen' || r.subject === 'Spelling');
  const below = focus.filter((r) => r.status === 'onder-minimum');
  const above = focus.filter((r) => r.status === 'ambitie').slice(0, 2);
  const factIds = new Map<string, string>();
  for (const row of [...below, ...above]) {
    const fact = groupFact(row, normsView, moment);
    factIds.set(`${row.grade}|${row.subject}`, createFact(doc, { stepId: 's4', ...fact }));
  }
  const groep6 = factIds.get('6|Begrijpend lezen') ?? [...factIds.values()][0];

  // Steps 5 and 6: the report's own signals, as a teacher would write them down from the charts.
  const signalFact = (signal: Signal, stepId: StepId): string =>
    createFact(doc, {
      stepId,
      text: `${capitalise(signal.text)} (n = ${signal.n}${signal.small ? ', n < 5' : ''}).`,
    });
  const trendSignals = report.signals.filter(
    (s) => s.kind === 'trend-jaargroep' || s.kind === 'groei-leerlingengroep',
  );
  const trendFacts = trendSignals.slice(0, 4).map((s) => ({ signal: s, id: signalFact(s, 's5') }));
  const subgroupSignals = report.signals.filter((s) => s.kind === 'subgroep-verschil');
  const subgroupFacts = subgroupSignals.slice(0, 2).map((s) => signalFact(s, 's6'));
  const growth = trendFacts.find((f) => f.signal.tone === 'positief')?.id;
  const decline = trendFacts.find((f) => f.signal.tone === 'zorg' && f.signal.grade === 6)?.id;

  // Step 7: the triangulation table.
  const methodTests = createSource(doc, {
    sourceKind: 'toetsen',
    shows: 'Methodetoetsen groep 6: voldoende op woordenschat, zwak op samenvatten en verbanden leggen.',
    sameStory: 'ja',
  });
  const observations = createSource(doc, {
    sourceKind: 'observaties',
    shows:
      'Korte instructie, weinig hardop modelen van leesstrategieën in groep 6; in groep 5 en 7 dagelijks.',
    sameStory: 'ja',
  });
  const pupilWork = createSource(doc, {
    sourceKind: 'leerlingwerk',
    shows: 'Veel antwoorden letterlijk overgenomen uit de tekst; weinig eigen samenvattingen.',
    sameStory: 'ja',
  });
  const wellbeing = createSource(doc, {
    sourceKind: 'welbevinden',
    shows: 'Onrust in groep 6 in de periode met invallers; aanwezigheid normaal.',
    sameStory: 'deels',
    subgroupDifferences: 'NT2-leerlingen gaven aan de teksten lastig te vinden.',
  });
  const teachers = createSource(doc, {
    sourceKind: 'leerkrachten',
    shows: 'De leesaanpak is in groep 6 nog niet volledig ingevoerd; te weinig tijd voor inoefening.',
    sameStory: 'ja',
  });
  createSource(doc, {
    sourceKind: 'leerlingen',
    shows: 'Leerlingen van groep 6 noemen de teksten saai en willen meer keuze.',
    sameStory: 'deels',
  });

  // Step 8: the +/–/? grid, Groep 3 … Groep 8, and one factor the team added.
  const columns = [3, 4, 5, 6, 7, 8].map((grade) =>
    createGridColumn(doc, { label: `Groep ${grade}`, groupKey: `groep-${grade}` }),
  );
  const substitutes = createFactor(doc, { label: 'Er waren veel invallers door ziekte' });
  for (const [index, marks] of Object.entries(GRID_MARKS)) {
    const factorId = KWALITEITSKAART_FACTORS[Number(index) - 1]?.id;
    if (!factorId) continue;
    marks.forEach((mark, c) => {
      if (mark) setGridCell(doc, factorId, columns[c] as string, mark);
    });
  }
  setGridCell(doc, substitutes, columns[3] as string, '-');
  setGridCell(doc, substitutes, columns[1] as string, '?');

  // Step 9: causes with their evidence.
  const modelling = createCause(doc, {
    text: 'Dagelijks hardop modelen van leesstrategieën volgens de nieuwe leesaanpak (groep 5 en 7) draagt bij aan de groei.',
    polarity: 'positief',
    knowledge: 'weten',
    schoolInfluence: true,
    concrete: true,
    core: true,
  });
  const interrupted = createCause(doc, {
    text: 'De instructie in groep 6 is onderbroken door de wisseling van leraren, waardoor de leesaanpak daar niet is ingevoerd.',
    polarity: 'negatief',
    knowledge: 'denken',
    schoolInfluence: true,
    concrete: true,
    core: true,
  });
  const practice = createCause(doc, {
    text: 'Er is te weinig tijd voor directe inoefening van samenvatten en verbanden leggen.',
    polarity: 'negatief',
    knowledge: 'weten',
    schoolInfluence: true,
    concrete: true,
  });
  const nt2 = createCause(doc, {
    text: 'Groep 6 heeft relatief veel NT2-leerlingen.',
    polarity: 'negatief',
    knowledge: 'denken',
    schoolInfluence: false,
    concrete: false,
  });
  createCause(doc, {
    text: 'Hoeveel effectieve leestijd groep 6 per week echt heeft gehad, weten we niet.',
    polarity: 'negatief',
    knowledge: 'denken',
    needsResearch: true,
  });
  const link = (
    from: string,
    to: string | undefined,
    relation: Parameters<typeof createLink>[1]['relation'],
  ): void => {
    if (to) createLink(doc, { from, to, relation });
  };
  link(modelling, observations, 'ondersteunt');
  link(modelling, growth, 'ondersteunt');
  link(interrupted, groep6, 'ondersteunt');
  link(interrupted, wellbeing, 'ondersteunt');
  link(interrupted, teachers, 'ondersteunt');
  link(interrupted, decline, 'ontkracht');
  link(practice, methodTests, 'ondersteunt');
  link(practice, pupilWork, 'ondersteunt');
  link(nt2, subgroupFacts[0], 'ondersteunt');
  link(nt2, interrupted, 'alternatief');
  for (const who of ['demo-leerkracht-1', 'demo-leerkracht-2', 'demo-leerkracht-3']) {
    setCauseRecognised(doc, interrupted, who, true);
    setCauseRecognised(doc, modelling, who, true);
  }
  setCauseRecognised(doc, practice, 'demo-leerkracht-1', true);

  // Steps 10a–10c: conclusions resting on the causes.
  const worry = createConclusion(doc, {
    kind: '10a',
    category: 'zorgsignaal',
    text: 'Zorgsignaal: groep 6 ligt op begrijpend lezen onder de minimumnorm; het cohort zat eerder ook al onder de streefnorm.',
  });
  link(worry, interrupted, 'rustOp');
  link(worry, practice, 'rustOp');
  const good = createConclusion(doc, {
    kind: '10a',
    category: 'gaatGoed',
    text: 'De leerlingengroepen met de nieuwe leesaanpak groeien op begrijpend lezen boven de verwachting.',
  });
  link(good, modelling, 'rustOp');
  const strengthen = createConclusion(doc, {
    kind: '10b',
    category: 'versterken',
    text: 'Dagelijks hardop modelen van leesstrategieën uitbreiden naar groep 6 en 8.',
  });
  link(strengthen, modelling, 'rustOp');
  const keep = createConclusion(doc, {
    kind: '10b',
    category: 'borgen',
    text: 'De afspraken over de leesaanpak vastleggen in het leesbeleid, zodat ze een wisseling van leraren overleven.',
  });
  const now = createConclusion(doc, {
    kind: '10c',
    category: 'korteTermijn',
    text: 'Leesaanpak volledig invoeren in groep 6 vóór de meivakantie, met twee lesbezoeken en nabespreking.',
  });
  link(now, interrupted, 'rustOp');
  link(now, practice, 'rustOp');
  const later = createConclusion(doc, {
    kind: '10c',
    category: 'kanWachten',
    text: 'Woordenschatinstructie voor NT2-leerlingen afstemmen met de taalspecialist (na onderzoek naar de leestijd).',
  });
  link(later, nt2, 'rustOp');
  return {
    causes: { modelling, interrupted, practice, nt2 },
    conclusions: { worry, strengthen, keep, now, later },
  };
}
