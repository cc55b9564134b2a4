/**
 * `pnpm bench:export` — how long step 11's export of a full study day takes, per format.
 *
 * The board: what a team fills in during a long study day, written with the board's accessors — 300 cards
 * (facts on steps 3–7, sources, causes, conclusions), the factor grid of 30 rows (the 20 Kwaliteitskaart
 * explanations and 10 of the team's) × 16 groups, 12 chart views, evidence and answer links, 20 actions
 * with owners and monitoring, team learning, group plans, borging, and the step-11 text. Charts are drawn
 * from the aggregates of a demo school (as the server does through its report cache; the analysis itself
 * is not timed: the cache holds it when the board's charts were shown).
 *
 * Timed, median of several runs each: the report (boardToJSON + buildReport + the 12 chart specs), and
 * every renderer (Markdown, HTML, PDF, DOCX). Targets: PDF < 3 s, the others < 1 s. Peak RSS at the end.
 */
import { loadavg } from 'node:os';
import { analyseSchool, generateDemoSchool } from '@koers/analysis';
import {
  CHART_KINDS,
  LEARNING_FORMS,
  boardToJSON,
  buildReport,
  createAction,
  createBorging,
  createCause,
  createChartView,
  createConclusion,
  createFact,
  createFactor,
  createGridColumn,
  createGroupPlan,
  createLink,
  createSource,
  createTeamLearning,
  initBoard,
  setCauseRecognised,
  setGridCell,
  setTeamLearningChoice,
  appendParagraphs,
  stepText,
  HORIZONS,
  SOURCE_KINDS,
  type ChartFilters,
  type StepId,
} from '@koers/board';
import { aggregateReport } from '../../apps/server/src/datasets/aggregate-view';
import { reportCharts } from '../../apps/server/src/report/report-charts';
import { renderReport, EXPORT_FORMATS, type ExportFormat } from '../../apps/server/src/report/render-report';
import * as Y from 'yjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const TARGET_MS: Record<ExportFormat | 'report', number> = {
  report: 1000,
  md: 1000,
  html: 1000,
  pdf: 3000,
  docx: 1000,
};

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const peakRssMb = (): number => process.resourceUsage().maxRSS / 1024;

/** A sentence of a plausible length, varied per card. */
const sentence = (what: string, i: number): string =>
  `${what} ${i + 1}: in groep ${(i % 6) + 3} valt op dat de resultaten op rekenen en begrijpend lezen ${i % 2 ? 'achterblijven bij' : 'boven'} de streefnorm liggen, vooral bij de toetsen van het midden van het jaar.`;

function fullStudyDay(datasetId: string): Y.Doc {
  const doc = new Y.Doc();
  initBoard(doc, {
    title: 'Studiedag groep 8 — analyse midden van het jaar',
    createdAt: new Date('2026-12-01T08:00:00Z'),
  });
  // 12 chart views on steps 3–6.
  const chartSteps: StepId[] = ['s3', 's4', 's4', 's4', 's4', 's5', 's5', 's5', 's6', 's6', 's6', 's6'];
  const chartKinds = [
    'datakwaliteit',
    'overzicht',
    'normen',
    'normen',
    'zorg',
    'trend-jaargroep',
    'trend-jaargroep',
    'trend-leerlingengroep',
    'trend-leerlingengroep',
    'subgroepen',
    'parallelgroepen',
    'normen',
  ] as const;
  const subjects = ['Rekenen-Wiskunde', 'Begrijpend lezen', 'Spelling', 'Technisch lezen'];
  const views = chartSteps.map((stepId, i) => {
    const kind = chartKinds[i]!;
    if (!CHART_KINDS.includes(kind)) throw new Error(kind);
    const filters: ChartFilters = {
      subject: subjects[i % subjects.length],
      ...(kind === 'overzicht' || (kind === 'normen' && i === 3) ? { level: 'groep' as const } : {}),
      ...(kind === 'trend-jaargroep' || kind === 'parallelgroepen' ? { grade: 4 + (i % 4) } : {}),
      ...(kind === 'subgroepen' ? { subgroup: 'nt2' } : {}),
    };
    return createChartView(doc, {
      stepId,
      datasetId,
      analysisKind: kind,
      filters,
      title: `Grafiek ${i + 1}`,
    });
  });
  // 300 cards: 150 facts, 30 sources, 60 causes, 60 conclusions.
  const factSteps: StepId[] = ['s3', 's4', 's5', 's6', 's7'];
  const facts = Array.from({ length: 150 }, (_, i) =>
    createFact(doc, {
      stepId: factSteps[i % factSteps.length]!,
      text: sentence('Feit', i),
      ...(i % 3 === 0
        ? {
            dataPoint: {
              viewId: views[i % views.length]!,
              key: `k${i}`,
              label: `Groep ${(i % 6) + 3} · % I–III`,
              value: 40 + (i % 50),
              n: i % 7 === 0 ? 4 : 24,
              unit: '%',
            },
          }
        : {}),
    }),
  );
  const sources = Array.from({ length: 30 }, (_, i) =>
    createSource(doc, {
      sourceKind: SOURCE_KINDS[i % SOURCE_KINDS.length]!,
      shows: sentence('Bron', i),
      sameStory: (['ja', 'deels', 'nee'] as const)[i % 3],
    }),
  );
  const causes = Array.from({ length: 60 }, (_, i) =>
    createCause(doc, {
      text: sentence('Oorzaak', i),
      polarity: i % 3 === 0 ? 'positief' : 'negatief',
      knowledge: i % 2 ? 'weten' : 'denken',
      core: i % 10 === 0,
      needsResearch: i % 9 === 0,
    }),
  );
  causes.forEach((c, i) => {
    createLink(doc, { from: facts[(i * 2) % facts.length]!, to: c, relation: 'ondersteunt' });
    createLink(doc, {
      from: sources[i % sources.length]!,
      to: c,
      relation: i % 4 ? 'ondersteunt' : 'ontkracht',
    });
    if (i > 0 && i % 5 === 0) createLink(doc, { from: c, to: causes[i - 1]!, relation: 'alternatief' });
    for (let r = 0; r < i % 4; r++) setCauseRecognised(doc, c, `user-${r}`, true);
  });
  const kinds = ['10a', '10b', '10c'] as const;
  const categories = {
    '10a': ['opNiveau', 'gaatGoed', 'gaatNietGoed', 'zorgsignaal'],
    '10b': ['continueren', 'versterken', 'borgen'],
    '10c': ['korteTermijn', 'kanWachten'],
  } as const;
  const conclusions = Array.from({ length: 60 }, (_, i) => {
    const kind = kinds[i % 3]!;
    const cats = categories[kind];
    const id = createConclusion(doc, {
      kind,
      text: sentence('Conclusie', i),
      category: cats[i % cats.length] as never,
    });
    createLink(doc, { from: id, to: causes[i % causes.length]!, relation: 'rustOp' });
    return id;
  });
  // The factor grid: 20 + 10 rows × 16 columns, most cells filled.
  const teamRows = Array.from({ length: 10 }, (_, i) =>
    createFactor(doc, { label: `Factor van het team ${i + 1}` }),
  );
  const rows = [...Array.from({ length: 20 }, (_, i) => `kk:${i + 1}`), ...teamRows];
  const columns = Array.from({ length: 16 }, (_, i) =>
    createGridColumn(doc, { label: `Groep ${(i % 8) + 1}${'AB'[Math.floor(i / 8)]}` }),
  );
  rows.forEach((row, r) =>
    columns.forEach((col, c) => {
      if ((r + c) % 5 !== 0) setGridCell(doc, row, col, (['+', '-', '?'] as const)[(r * 3 + c) % 3]!);
    }),
  );
  // Handelen: 20 actions, team learning, group plans, borging.
  for (let i = 0; i < 20; i++) {
    const action = createAction(doc, {
      what: sentence('Actie', i),
      aim: `Doel van actie ${i + 1}: de groep haalt bij de volgende meting de streefnorm`,
      horizon: HORIZONS[i % HORIZONS.length],
      ownerId: i % 4 ? `user-${i % 6}` : null,
      dueDate: i % 5 ? `2027-0${(i % 6) + 1}-15` : null,
      successCriterion: i % 3 ? '80% van de groep haalt de methodetoets' : '',
      measuredBy: 'Methodetoets en observatie',
      monitorWho: 'IB-er',
      monitorWhen: 'om de vier weken',
      monitorHow: 'lesbezoek met de kijkwijzer',
      specifiek: 'Elke rekenles',
      meetbaar: 'Methodetoets',
      acceptabel: 'Besproken in het team',
      realistisch: 'Past in het rooster',
      tijdgebonden: 'Tot de E-toets',
      inspirerend: 'Zichtbare groei',
      feasible: true,
    });
    createLink(doc, { from: action, to: conclusions[i * 3]!, relation: 'beantwoordt' });
    createLink(doc, { from: action, to: causes[i]!, relation: 'beantwoordt' });
  }
  for (let i = 0; i < 6; i++) {
    const t = createTeamLearning(doc, {
      text: sentence('Teamleren', i),
      need: 'vaardigheden',
      scope: i % 2 ? 'team' : 'individueel',
      aim: `Leerdoel ${i + 1}`,
    });
    setTeamLearningChoice(doc, t, 'forms', LEARNING_FORMS[i % LEARNING_FORMS.length]!, true);
    setTeamLearningChoice(doc, t, 'supportOptions', `os:${(i % 7) + 1}`, true);
  }
  for (let g = 1; g <= 8; g++)
    createGroupPlan(doc, {
      groupLabel: `Groep ${g}`,
      goals: sentence('Groepsdoel', g),
      basis: 18,
      intensief: 5,
      verdiept: 4,
      changes: 'Verlengde instructie',
    });
  for (let i = 0; i < 5; i++)
    createBorging(doc, {
      insight: sentence('Inzicht', i),
      who: 'Directie',
      how: 'In het kwaliteitshandboek',
    });
  appendParagraphs(
    stepText(doc, 's11'),
    Array.from({ length: 8 }, (_, i) => sentence('Samenvatting', i)),
  );
  return doc;
}

const started = performance.now();
const loadAtStart = loadavg()[0]!;
const school = generateDemoSchool({ seed: 42, pupilsPerGroup: 26, classesPerGrade: 2 });
const aggregate = aggregateReport(analyseSchool(school.results, school.normSet));
const doc = fullStudyDay('ds-bench');

const timed = async <T>(fn: () => T | Promise<T>): Promise<[T, number]> => {
  const t = performance.now();
  const out = await fn();
  return [out, performance.now() - t];
};

const reportRuns: number[] = [];
let report!: ReturnType<typeof buildReport<import('@koers/analysis/charts').ChartSpec>>;
for (let run = 0; run < RUNS; run++) {
  const [r, ms] = await timed(() => {
    const json = boardToJSON(doc);
    return buildReport(
      json,
      reportCharts(json.canvas.chartViews, () => aggregate),
      { date: new Date('2026-12-01T12:00:00Z') },
    );
  });
  report = r;
  reportRuns.push(ms);
}
const cards = report.sections.reduce((n, s) => n + s.groups.reduce((m, g) => m + g.items.length, 0), 0);
const drawn = report.sections.flatMap((s) => s.charts).filter((c) => c.spec !== null).length;
if (drawn !== 12) {
  throw new Error(
    `expected 12 charts drawn, got ${drawn}: ${report.sections
      .flatMap((s) => s.charts)
      .filter((c) => !c.spec)
      .map((c) => c.title)
      .join(', ')}`,
  );
}

const rows: string[][] = [];
const add = (name: string, runs: number[], target: number, size: string): void => {
  const m = median(runs);
  rows.push([
    name,
    `${m.toFixed(0)} ms`,
    `${Math.min(...runs).toFixed(0)} ms`,
    `${target} ms`,
    `${(m / target).toFixed(2)}×`,
    size,
    String(runs.length),
  ]);
  process.stderr.write(`  ${name}: median ${m.toFixed(0)} ms\n`);
};
add('report (boardToJSON + buildReport + 12 chart specs)', reportRuns, TARGET_MS.report, `${cards} items`);
for (const format of EXPORT_FORMATS) {
  const runs: number[] = [];
  let bytes = 0;
  for (let run = 0; run < RUNS; run++) {
    const [body, ms] = await timed(() => renderReport(format, report));
    bytes = body.length;
    runs.push(ms);
  }
  add(`render ${format}`, runs, TARGET_MS[format], `${(bytes / 1024).toFixed(0)} kB`);
}

const head = ['metric', 'median', 'fastest', 'target', 'median/target', 'output', 'runs'];
const all = [head, ...rows];
const widths = head.map((_, i) => Math.max(...all.map((r) => r[i]!.length)));
const line = (r: string[]): string => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
process.stdout.write(
  `\n${line(head)}\n| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |\n${rows.map(line).join('\n')}\n`,
);
process.stdout.write(
  `\nBoard: 300 cards, grid 30 × 16, 12 chart views, 20 actions (${Y.encodeStateAsUpdate(doc).length} bytes as one update). Peak RSS ${peakRssMb().toFixed(0)} MB.\n`,
);
process.stdout.write(
  `Node ${process.version}, ${((performance.now() - started) / 1000).toFixed(0)} s in total; load average (1 min) at start ${loadAtStart.toFixed(1)}, at the end ${loadavg()[0]!.toFixed(1)}\n`,
);
