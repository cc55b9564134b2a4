import { ANCHOR_LABEL } from '../records/borging';
import { CONCLUSION_CATEGORIES } from '../records/conclusion';
import {
  ACTION_PROBLEM_LABEL,
  EFFECT_LABEL,
  HORIZON_LABEL,
  actionProblems,
  type Horizon,
} from '../records/action';
import { INSTRUCTION_CLUSTERS, INSTRUCTION_CLUSTER_LABEL } from '../records/group-plan';
import { SOURCE_KIND_LABEL } from '../records/source';
import { LEARNING_FORM_LABEL, supportOptionLabel } from '../records/team-learning';
import type { CheckItemState } from '../checks';
import { STEP_IDS, type StepId } from '../stappenplan';
import type { BoardJSON, RecordJSON } from '../to-json';
import type { Fact } from '../records/fact';
import type { Cause } from '../records/cause';
import { SMALL_GROUP, formatDate, formatNumber, formatValue } from './format-value';

/**
 * Step 11, "Zet de analyse overzichtelijk op papier": the board assembled into the seed's list of questions,
 * in its order, for the exports (Markdown, HTML, PDF, DOCX). Plain data, built from `boardToJSON`; the
 * renderers only lay it out. The board holds no pupil names, and a group's value is shown with "n < 5"
 * instead of its n when it is that small (see `formatValue`).
 */

/** A chart of the board, drawn by the server from its chart view (aggregates only). */
export interface ReportChart<Spec = unknown> {
  /** The chartView record. */
  viewId: string;
  /** The step the view is on: decides the section it appears in. */
  stepId: StepId;
  title: string;
  /** What to draw; null when it cannot be drawn (the dataset is gone): `unavailable` says why. */
  spec: Spec | null;
  unavailable?: string;
  /**
   * The dataset is there but holds nothing for this analysis (no domain scores): listed with `unavailable`
   * under the data used, left out of its section rather than standing there as an empty chart.
   */
  withoutData?: boolean;
}

export interface ReportItem {
  text: string;
  /** Lines under the item: evidence, owner, criterion. */
  details: string[];
  /** What is missing (an action without owner, criterion or date), said as such. */
  flags: string[];
}

export interface ReportGroup {
  /** null: the section's items need no subheading. */
  title: string | null;
  items: ReportItem[];
}

export const REPORT_SECTION_IDS = [
  'data',
  'normen',
  'trends',
  'oorzaken-positief',
  'oorzaken-negatief',
  'onbekend',
  'zorgsignalen',
  'acties',
  'doelen',
] as const;
export type ReportSectionId = (typeof REPORT_SECTION_IDS)[number];

export interface ReportSection<Spec = unknown> {
  id: ReportSectionId;
  /** The seed's question, as the section's heading. */
  title: string;
  groups: ReportGroup[];
  charts: ReportChart<Spec>[];
  /** What the section says when it has nothing. */
  emptyText: string;
}

export interface Report<Spec = unknown> {
  title: string;
  /** The school's name, for the title page ('' when not known). */
  school: string;
  /** The date of the report, 2026-12-01. */
  date: string;
  /** Step 1: the analysis question and the decision it serves ('' when not filled in). */
  question: string;
  decision: string;
  /** The team's own text of step 11, plain text with one line per block ('' when empty). */
  teamText: string;
  sections: ReportSection<Spec>[];
}

export interface ReportOptions {
  /** The test-data files the charts come from, one line each ("LVS 2025-2026: 197 leerlingen, …"). */
  datasets?: readonly string[];
  /** The school's name, for the title page. */
  school?: string;
  /** Account id → name, for action owners (the board stores ids only). */
  ownerNames?: Readonly<Record<string, string>>;
  /** The report's date; default today (UTC). */
  date?: Date;
}

/** The seed's step-11 questions, in order. */
export const REPORT_SECTION_TITLE: Readonly<Record<ReportSectionId, string>> = {
  data: 'Welke data en bronnen hebben we gebruikt?',
  normen: 'Waar staan we nu t.o.v. doelen en normen?',
  trends: 'Welke trends zien we?',
  'oorzaken-positief': 'Wat zijn de meest waarschijnlijke oorzaken voor positieve resultaten?',
  'oorzaken-negatief': 'Wat zijn de meest waarschijnlijke oorzaken voor tegenvallende resultaten?',
  onbekend: 'Wat weten we nog niet en vraagt om aanvullend onderzoek?',
  zorgsignalen: 'Welke zorgsignalen zien we?',
  acties: 'Wat hebben we te doen?',
  doelen: 'Welke nieuwe doelen stellen we?',
};

/** Which steps' charts go in which section. */
const CHART_SECTION: Partial<Record<StepId, ReportSectionId>> = {
  s3: 'data',
  s4: 'normen',
  s6: 'normen',
  s5: 'trends',
};

/** Step 11's horizons: "korte termijn (komende vier tot zes weken) en middellange termijn (komende halfjaar)". */
const HORIZON_GROUPS: readonly { title: string; horizons: readonly (Horizon | null)[] }[] = [
  { title: 'Korte termijn (komende vier tot zes weken)', horizons: ['4-6-weken'] },
  { title: 'Middellange termijn (komende halfjaar)', horizons: ['3-maanden', 'half-jaar'] },
  { title: 'Mee naar volgend jaar', horizons: ['volgend-jaar'] },
  { title: 'Mee richting een nieuw schoolplan', horizons: ['nieuw-schoolplan'] },
  { title: 'Nog zonder termijn', horizons: [null] },
];

const item = (text: string, details: string[] = [], flags: string[] = []): ReportItem => ({
  text,
  details: details.filter((d) => d.trim() !== ''),
  flags,
});

const nonEmpty = (groups: ReportGroup[]): ReportGroup[] => groups.filter((g) => g.items.length > 0);

/**
 * A fact with its data point under it, unless the team's text already gives that value and its n (a fact
 * made from a chart says "46% op I–III, n = 24"): the same figure twice reads as a mistake. A small group's
 * point always shows, so its "n < 5" mark is there whatever the text says.
 */
function factItem(fact: RecordJSON<Fact>): ReportItem {
  const p = fact.dataPoint;
  if (!p) return item(fact.text);
  const said =
    p.n >= SMALL_GROUP && fact.text.includes(formatNumber(p.value)) && fact.text.includes(`n = ${p.n}`);
  return item(fact.text, said ? [] : [`${p.label}: ${formatValue(p.value, p.unit, p.n)}`]);
}

/**
 * Plain text of the records links point at, in board order (facts, sources, causes, conclusions, each in
 * display order), so evidence lines come out in the same order whatever the links' own order.
 */
function describer(board: BoardJSON): (ids: readonly string[]) => string[] {
  const texts = new Map<string, string>();
  for (const f of board.canvas.facts) texts.set(f.id, f.text);
  for (const s of board.canvas.sources) texts.set(s.id, `${SOURCE_KIND_LABEL[s.sourceKind]}: ${s.shows}`);
  for (const c of board.canvas.causes) texts.set(c.id, c.text);
  for (const c of board.canvas.conclusions) texts.set(c.id, c.text);
  const rank = new Map([...texts.keys()].map((id, i) => [id, i]));
  return (ids) =>
    ids
      .filter((id) => texts.has(id))
      .sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0))
      .map((id) => texts.get(id) as string);
}

function causeItem(cause: RecordJSON<Cause>, describe: (ids: readonly string[]) => string[]): ReportItem {
  const linked = (relation: string, direction: 'in' | 'out') =>
    describe(
      cause.links.filter((l) => l.relation === relation && l.direction === direction).map((l) => l.otherId),
    );
  const marks = [
    cause.core ? 'Kernoorzaak' : '',
    cause.knowledge === 'weten' ? 'dit weten we' : 'dit denken we',
    cause.recognisedBy.length > 0
      ? `herkend door ${cause.recognisedBy.length} ${cause.recognisedBy.length === 1 ? 'teamlid' : 'teamleden'}`
      : '',
  ].filter(Boolean);
  return item(cause.text, [
    marks.join(' · '),
    ...linked('ondersteunt', 'in').map((t) => `Ondersteund door: ${t}`),
    ...linked('ontkracht', 'in').map((t) => `Ontkracht door: ${t}`),
    ...describe(cause.links.filter((l) => l.relation === 'alternatief').map((l) => l.otherId)).map(
      (t) => `Alternatief: ${t}`,
    ),
  ]);
}

function causesOf(board: BoardJSON, polarity: 'positief' | 'negatief'): ReportItem[] {
  const describe = describer(board);
  return board.canvas.causes
    .filter((c) => c.polarity === polarity && !c.needsResearch)
    .sort((a, b) => Number(b.core) - Number(a.core))
    .map((c) => causeItem(c, describe));
}

/**
 * Rows of the factor grid the team did not know about: a '?' in at least two columns (in one when the grid
 * has fewer than four columns), most '?' first.
 */
function unknownHotspots(board: BoardJSON): ReportItem[] {
  const threshold = board.grid.columns.length < 4 ? 1 : 2;
  return board.grid.summary
    .filter((s) => s.unknown >= threshold)
    .sort((a, b) => b.unknown - a.unknown)
    .map((s) => {
      // "+ – ?" is the grid's shorthand; a reader of the report gets it in words, with the columns named.
      const columns = (value: '+' | '-' | '?') =>
        board.grid.columns
          .filter((col) =>
            board.grid.cells.some(
              (c) => c.factorId === s.factorId && c.columnId === col.id && c.value === value,
            ),
          )
          .map((col) => col.label)
          .join(', ');
      return item(s.label, [
        `Weten we niet: ${columns('?')}`,
        s.minus > 0 ? `Negatieve rol: ${columns('-')}` : '',
        s.plus > 0 ? `Positieve rol: ${columns('+')}` : '',
      ]);
    });
}

/** "Richt zich op: groep 6 · Begrijpend lezen" for an action's focus (the next board shows its figures). */
function focusLine(grade: number | null, subject: string | null): string {
  const parts = [grade !== null ? `groep ${grade}` : '', subject ?? ''].filter(Boolean);
  return parts.length > 0 ? `Richt zich op: ${parts.join(' · ')}` : '';
}

/**
 * The answered items of a checklist (reliability of the data, the norms, a lesson observation): "label: ja"
 * with the note under it. Unanswered items are left out: they say nothing to a reader.
 */
function checklistItems(items: readonly CheckItemState[]): ReportItem[] {
  return items
    .filter((c) => c.status !== null || c.note.trim() !== '')
    .map((c) => item(c.status ? `${c.label} — ${c.status}` : c.label, [c.note.trim()]));
}

export function buildReport<Spec = unknown>(
  board: BoardJSON,
  charts: readonly ReportChart<Spec>[],
  options: ReportOptions = {},
): Report<Spec> {
  const { canvas } = board;
  const describe = describer(board);
  const owner = (id: string | null) => (id === null ? '' : (options.ownerNames?.[id] ?? 'onbekend'));
  const facts = (stepId: StepId) => canvas.facts.filter((f) => f.stepId === stepId).map(factItem);
  const conclusions10a = canvas.conclusions.filter((c) => c.kind === '10a');
  const category = (c: (typeof conclusions10a)[number]) =>
    c.category
      ? CONCLUSION_CATEGORIES['10a'][c.category as keyof (typeof CONCLUSION_CATEGORIES)['10a']]
      : null;
  // In step order (step 4's before step 6's in "normen"); a stable sort keeps the board's order within a step.
  const chartsOf = (id: ReportSectionId) =>
    charts
      .filter((c) => CHART_SECTION[c.stepId] === id && !c.withoutData)
      .sort((a, b) => STEP_IDS.indexOf(a.stepId) - STEP_IDS.indexOf(b.stepId));

  const actionItem = (a: (typeof canvas.actions)[number], withHorizon: boolean): ReportItem =>
    item(
      a.what,
      [
        a.aim ? `Doel: ${a.aim}` : '',
        focusLine(a.focusGrade, a.focusSubject),
        a.horizon && withHorizon ? `Termijn: ${HORIZON_LABEL[a.horizon]}` : '',
        a.ownerId ? `Eigenaar: ${owner(a.ownerId)}` : '',
        a.successCriterion.trim() ? `Succescriterium: ${a.successCriterion}` : '',
        a.measuredBy ? `Hoe we dat meten: ${a.measuredBy}` : '',
        a.dueDate ? `Klaar op: ${formatDate(a.dueDate)}` : '',
        [a.monitorWho, a.monitorWhen, a.monitorHow].some(Boolean)
          ? `Monitoring: ${[a.monitorWho, a.monitorWhen, a.monitorHow].filter(Boolean).join(' · ')}`
          : '',
        ...describe(
          a.links.filter((l) => l.relation === 'beantwoordt' && l.direction === 'out').map((l) => l.otherId),
        ).map((t) => `Beantwoordt: ${t}`),
        // A carried action (next cycle): Kwaliteitskaart stone 8's question, answered or not.
        a.carriedFrom
          ? `Overgenomen van het vorige bord. Effect vastgesteld: ${a.effect ? EFFECT_LABEL[a.effect] : 'nog niet beantwoord'}${a.effectNote.trim() ? ` — ${a.effectNote.trim()}` : ''}`
          : '',
      ],
      // A closed action is not flagged: what it lacks no longer needs doing.
      a.done ? [] : actionProblems(a).map((p) => ACTION_PROBLEM_LABEL[p]),
    );

  const groups: Record<ReportSectionId, ReportGroup[]> = {
    data: nonEmpty([
      { title: 'Toetsgegevens', items: (options.datasets ?? []).map((d) => item(d)) },
      {
        title: 'Grafieken op het bord',
        items: [...charts]
          // In step order (the views' own order keys only order them within a step).
          .sort((a, b) => STEP_IDS.indexOf(a.stepId) - STEP_IDS.indexOf(b.stepId))
          .map((c) => item(c.title, c.unavailable ? [c.unavailable] : [])),
      },
      {
        title: 'Andere bronnen (trianguleren)',
        items: canvas.sources.map((s) =>
          item(`${SOURCE_KIND_LABEL[s.sourceKind]}: ${s.shows}`, [
            s.sameStory ? `Vertelt hetzelfde verhaal: ${s.sameStory}` : '',
            s.subgroupDifferences ? `Verschillen tussen subgroepen: ${s.subgroupDifferences}` : '',
          ]),
        ),
      },
      { title: 'Omstandigheden bij de afname', items: facts('s3') },
      {
        title: 'Betrouwbaarheid van de toetsgegevens (gecheckt)',
        items: checklistItems(board.checks.betrouwbaarheid),
      },
    ]),
    normen: nonEmpty([
      {
        title: 'Zijn de doelen en normen helder, gedeeld en ambitieus?',
        items: checklistItems(board.checks.normen),
      },
      { title: 'Feiten', items: facts('s4') },
      { title: 'Patronen', items: facts('s6') },
      {
        title: 'Conclusies over de resultaten',
        items: conclusions10a
          .filter((c) => c.category !== 'zorgsignaal')
          .map((c) => item(category(c) ? `${category(c)}: ${c.text}` : c.text)),
      },
    ]),
    trends: nonEmpty([{ title: null, items: facts('s5') }]),
    'oorzaken-positief': nonEmpty([{ title: null, items: causesOf(board, 'positief') }]),
    'oorzaken-negatief': nonEmpty([{ title: null, items: causesOf(board, 'negatief') }]),
    onbekend: nonEmpty([
      {
        title: 'Oorzaken die aanvullend onderzoek vragen',
        items: canvas.causes.filter((c) => c.needsResearch).map((c) => item(c.text)),
      },
      { title: 'Factoren die we niet weten (? in de procesinformatie)', items: unknownHotspots(board) },
    ]),
    zorgsignalen: nonEmpty([
      {
        title: null,
        items: conclusions10a.filter((c) => c.category === 'zorgsignaal').map((c) => item(c.text)),
      },
    ]),
    acties: nonEmpty([
      ...HORIZON_GROUPS.map((g) => ({
        title: g.title,
        items: canvas.actions
          .filter((a) => !a.done && g.horizons.includes(a.horizon))
          .map((a) => actionItem(a, g.horizons.length > 1)),
      })),
      {
        // "Afgerond": closed by the team (done or stopped), apart from what is still to do.
        title: 'Afgerond',
        items: canvas.actions.filter((a) => a.done).map((a) => actionItem(a, true)),
      },
      {
        // Kwaliteitskaart stone 7: what the leider saw during class visits, with the checklist's own points.
        title: 'Lesobservatie (kijkwijzer)',
        items: checklistItems(board.checks.lesobservatie),
      },
      {
        title: 'Teamleren en professionalisering',
        items: canvas.teamLearning.map((t) =>
          item(t.text, [
            [
              t.need ? `Wat we leren: ${t.need}` : '',
              t.scope ? (t.scope === 'team' ? 'voor het hele team' : 'voor een leerkracht') : '',
            ]
              .filter(Boolean)
              .join(' · '),
            t.forms.length > 0 ? `Vorm: ${t.forms.map((f) => LEARNING_FORM_LABEL[f]).join(', ')}` : '',
            [...t.supportOptions, ...t.trainingOptions].length > 0
              ? `Ondersteuning: ${[...t.supportOptions, ...t.trainingOptions].map((id) => supportOptionLabel(id) ?? id).join(', ')}`
              : '',
            t.leadershipSupport ? `Van de leiding: ${t.leadershipSupport}` : '',
          ]),
        ),
      },
      {
        title: 'Borgen',
        items: canvas.borging.map((b) =>
          item(b.insight, [
            b.anchoredIn.length > 0
              ? `Verankerd in: ${b.anchoredIn.map((a) => ANCHOR_LABEL[a]).join(', ')}`
              : '',
            b.who ? `Wie: ${b.who}` : '',
            b.how ? `Hoe structureel: ${b.how}` : '',
          ]),
        ),
      },
    ]),
    doelen: nonEmpty([
      {
        title: 'Per groep',
        items: canvas.groupPlans.map((p) => {
          const counts = INSTRUCTION_CLUSTERS.filter((k) => p[k] !== null).map(
            (k) => `${INSTRUCTION_CLUSTER_LABEL[k]} ${p[k]}`,
          );
          return item(`${p.groupLabel}: ${p.goals}`, [
            counts.length > 0 ? `Instructiegroepen: ${counts.join(' · ')}` : '',
            p.changes ? `Wat verandert in het groepsplan: ${p.changes}` : '',
          ]);
        }),
      },
      {
        title: 'Bij de acties',
        items: canvas.actions
          .filter((a) => a.aim.trim() !== '')
          .map((a) => item(a.aim, [`Actie: ${a.what}`])),
      },
      {
        title: 'Voor het team',
        items: canvas.teamLearning
          .filter((t) => t.aim.trim() !== '')
          .map((t) => item(t.aim, [`Teamleren: ${t.text}`])),
      },
    ]),
  };

  const empty: Record<ReportSectionId, string> = {
    data: 'Nog geen grafieken of bronnen op het bord.',
    normen: 'Nog geen feiten of conclusies over de resultaten.',
    trends: 'Nog geen feiten over de trend.',
    'oorzaken-positief': 'Nog geen oorzaken van positieve resultaten.',
    'oorzaken-negatief': 'Nog geen oorzaken van tegenvallende resultaten.',
    onbekend: 'Niets gemarkeerd als onvoldoende bekend.',
    zorgsignalen: 'Geen zorgsignalen genoteerd.',
    acties: 'Nog geen acties.',
    doelen: 'Nog geen nieuwe doelen.',
  };

  return {
    title: board.title,
    school: options.school ?? '',
    date: (options.date ?? new Date()).toISOString().slice(0, 10),
    question: board.analysis.question,
    decision: board.analysis.decision,
    teamText: board.steps.find((s) => s.id === 's11')?.text ?? '',
    sections: REPORT_SECTION_IDS.map((id) => ({
      id,
      title: REPORT_SECTION_TITLE[id],
      groups: groups[id],
      charts: chartsOf(id),
      emptyText: empty[id],
    })),
  };
}
