/**
 * Analysis 8 — Signalen: what the team should look at, each with its evidence.
 * - ambitie-gehaald: a jaargroep × test at the ambitienorm (what goes well, stap 10b);
 * - onder-minimum: a jaargroep × test below the minimumnorm; its scope is "één toets" when it is the only
 *   test below minimum in that jaargroep and the only jaargroep below minimum in that subject, else
 *   "breder" (several tests in the jaargroep and/or several jaargroepen in the subject);
 * - trend per jaargroep: structural or incidental fall/rise (definitions in trend-direction.ts);
 * - leerlingengroep: growth behind or ahead of expectation, structural (last two steps) or incidental;
 * - subgroup gap widening (patterns.ts).
 */
import type { CohortTrend } from './analyses/trend-leerlingengroep';
import type { JaargroepTrend } from './analyses/trend-jaargroep';
import type { Overview } from './analyses/overview';
import type { Patterns } from './analyses/patterns';
import { subgroupLabel, type SubgroupId } from './model';

/** A number in a signal's Dutch sentence: one decimal at most, a decimal comma ("19,7", not "19.67"). */
const NUMBER = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1, useGrouping: false });
function nl(value: number | null): string {
  return value === null ? '–' : NUMBER.format(value);
}

export type SignalKind =
  'onder-minimum' | 'ambitie-gehaald' | 'trend-jaargroep' | 'groei-leerlingengroep' | 'subgroep-verschil';

export interface Signal {
  kind: SignalKind;
  /** 'zorg' needs attention, 'positief' is worth keeping (waarderend concluderen). */
  tone: 'zorg' | 'positief';
  nature: 'structureel' | 'incidenteel' | null;
  scope: 'één toets' | 'breder' | null;
  subject: string;
  grade: number | null;
  subgroup: SubgroupId | null;
  text: string;
  n: number;
  small: boolean;
}

const ADJ: Record<'structureel' | 'incidenteel', string> = {
  structureel: 'structurele',
  incidenteel: 'incidentele',
};

/** Collects every signal from the analyses. */
export function collectSignals(
  ov: Overview,
  trends: JaargroepTrend[],
  cohorts: CohortTrend[],
  pat: Patterns,
): Signal[] {
  const signals: Signal[] = [];
  const below: { subject: string; grade: number; n: number; small: boolean; test: string }[] = [];
  for (const row of ov.rows) {
    if (row.className !== null) continue;
    for (const c of row.cells) {
      if (c && c.status === 'onder-minimum')
        below.push({ subject: c.subject, grade: c.grade, n: c.stats.n, small: c.stats.small, test: c.test });
      // What goes well matters too (stap 10b, waarderend concluderen).
      if (c && c.status === 'ambitie')
        signals.push({
          kind: 'ambitie-gehaald',
          tone: 'positief',
          nature: null,
          scope: null,
          subject: c.subject,
          grade: c.grade,
          subgroup: null,
          text: `groep ${c.grade} ${c.subject} (${c.test}) haalt de ambitienorm`,
          n: c.stats.n,
          small: c.stats.small,
        });
    }
  }
  for (const b of below) {
    const sameGrade = below.filter((o) => o.grade === b.grade).length;
    const sameSubject = below.filter((o) => o.subject === b.subject).length;
    const scope = sameGrade === 1 && sameSubject === 1 ? 'één toets' : 'breder';
    const detail =
      scope === 'één toets'
        ? 'beperkt tot deze toets'
        : [
            sameGrade > 1 ? `${sameGrade} toetsen in groep ${b.grade}` : '',
            sameSubject > 1 ? `${b.subject} in ${sameSubject} jaargroepen` : '',
          ]
            .filter(Boolean)
            .join('; ');
    signals.push({
      kind: 'onder-minimum',
      tone: 'zorg',
      nature: null,
      scope,
      subject: b.subject,
      grade: b.grade,
      subgroup: null,
      text: `groep ${b.grade} ${b.subject} (${b.test}) onder de minimumnorm — ${detail}`,
      n: b.n,
      small: b.small,
    });
  }
  for (const t of trends) {
    const last = t.points[t.points.length - 1]!;
    if (t.trend.kind === 'structureel' || t.trend.kind === 'incidenteel') {
      signals.push({
        kind: 'trend-jaargroep',
        tone: t.trend.direction === 'daling' ? 'zorg' : 'positief',
        nature: t.trend.kind,
        scope: null,
        subject: t.subject,
        grade: t.grade,
        subgroup: null,
        text: `${t.subject} ${t.test}: ${ADJ[t.trend.kind]} ${t.trend.direction}${t.trend.kind === 'structureel' ? ` over ${t.trend.runLength} metingen` : ''} (groepsgemiddelde tot ${nl(last.stats.mean)} in ${last.schoolYear})`,
        n: last.stats.n,
        small: last.stats.small,
      });
    }
    for (const inc of t.trend.incidents) {
      const p = t.points[inc.index]!;
      if (inc.direction !== 'daling') continue;
      signals.push({
        kind: 'trend-jaargroep',
        tone: 'zorg',
        nature: 'incidenteel',
        scope: null,
        subject: t.subject,
        grade: t.grade,
        subgroup: null,
        text: `${t.subject} ${t.test}: incidentele dip in ${p.schoolYear} (daarna hersteld)`,
        n: p.stats.n,
        small: p.stats.small,
      });
    }
  }
  for (const c of cohorts) {
    if (c.growthTrend.kind !== 'structureel' && c.growthTrend.kind !== 'incidenteel') continue;
    const last = c.steps[c.steps.length - 1]!;
    signals.push({
      kind: 'groei-leerlingengroep',
      tone: c.growthTrend.verdict === 'achter' ? 'zorg' : 'positief',
      nature: c.growthTrend.kind,
      scope: null,
      subject: c.subject,
      grade: c.grade,
      subgroup: null,
      text: `leerlingengroep groep ${c.grade}, ${c.subject}: groei ${c.growthTrend.verdict === 'achter' ? 'achter bij' : 'boven'} de verwachting (${c.growthTrend.kind}, ${c.growthTrend.steps} meetperiode${c.growthTrend.steps === 1 ? '' : 's'}); laatste periode ${nl(last.meanGrowth)} tegen ${nl(last.expectedGrowth)} verwacht`,
      n: last.n,
      small: last.small,
    });
  }
  for (const s of pat.subgroups) {
    if (!s.widening) continue;
    const last = s.trend[s.trend.length - 1]!;
    signals.push({
      kind: 'subgroep-verschil',
      tone: 'zorg',
      nature: 'structureel',
      scope: null,
      subject: s.subject,
      grade: null,
      subgroup: s.subgroup,
      text: `${subgroupLabel(s.subgroup)}: achterstand in ${s.subject} wordt structureel groter (nu ${nl(last.gap)} punten)`,
      n: last.nSubgroup,
      small: last.small,
    });
  }
  // Below-minimum and structural first; then by subject and grade.
  const rank = (s: Signal): number =>
    (s.kind === 'onder-minimum' ? 0 : s.nature === 'structureel' ? 1 : 2) + (s.tone === 'positief' ? 3 : 0);
  return signals.sort(
    (a, b) => rank(a) - rank(b) || a.subject.localeCompare(b.subject) || (a.grade ?? 0) - (b.grade ?? 0),
  );
}
