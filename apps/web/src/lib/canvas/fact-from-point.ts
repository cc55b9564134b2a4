import type { ChartPoint, ChartSeries, ChartSpec, NormBand } from '@koers/analysis';
import { isPercentChart } from '@koers/analysis/charts';
import type { DataPoint } from '@koers/board';

/**
 * A fact card started from a chart point: the data point it carries (aggregates only: a value and its n)
 * and a prefilled sentence the teacher can edit. The sentence is board content, written in the team's
 * language like the seeds and the analysis package's chart labels: Dutch.
 *
 * @example "Groep 6: 58% op I–III, n = 24, onder de minimumnorm"
 */
export interface PointFact {
  text: string;
  dataPoint: DataPoint;
}

/** The levels a stacked bar's norm lines are about ("% op I/II/III"). */
const TOP_LEVELS = ['I', 'II', 'III'];

const STATUS_PHRASE: Record<string, string> = {
  'onder-minimum': 'onder de minimumnorm',
  minimum: 'op de minimumnorm',
  streef: 'op de streefnorm',
  ambitie: 'op de ambitienorm',
};

function dutch(value: number, digits = 1): string {
  return new Intl.NumberFormat('nl-NL', { maximumFractionDigits: digits }).format(value);
}

/** The status of a value against norm bands (a band holds from its `from` up): below the lowest = onder. */
export function statusAgainstBands(value: number, bands: readonly NormBand[]): string | undefined {
  if (bands.length === 0) return undefined;
  const sorted = [...bands].sort((a, b) => a.from - b.from);
  let status = 'onder-minimum';
  for (const band of sorted) if (value >= band.from) status = band.tier;
  return status;
}

/** The point's name within its chart: "Groep 6 · Begrijpend lezen", "Groep 6", "2024-2025". */
export function pointLabel(spec: ChartSpec, series: ChartSeries, point: ChartPoint): string {
  if (spec.kind === 'heatmap') return [point.row, point.x].filter(Boolean).join(' · ');
  if (spec.kind === 'stacked-bar') return series.label;
  return spec.series.length > 1 ? `${series.label} · ${point.x}` : point.x;
}

/** The fact for a clicked point of a chart view, or null for a point without a value. */
export function factFromPoint(
  viewId: string,
  spec: ChartSpec,
  series: ChartSeries,
  point: ChartPoint,
): PointFact | null {
  if (point.y === null) return null;
  const percent = isPercentChart(spec);
  const label = pointLabel(spec, series, point);
  let value = point.y;
  let what: string;
  let status = point.status && STATUS_PHRASE[point.status];
  if (spec.kind === 'stacked-bar') {
    // A level distribution: the share at I–III is what the norm lines are about; a segment of another
    // level is told as that level.
    const top = series.points.filter((p) => TOP_LEVELS.includes(p.x) && p.y !== null);
    if (top.length > 0 && TOP_LEVELS.includes(point.x)) {
      value = top.reduce((sum, p) => sum + (p.y ?? 0), 0);
      what = `${dutch(value, 0)}% op I–III`;
      const bandStatus = statusAgainstBands(value, spec.normBands);
      status = bandStatus ? STATUS_PHRASE[bandStatus] : undefined;
    } else {
      what = `${dutch(value, 0)}% op niveau ${point.x}`;
    }
  } else if (spec.kind === 'heatmap') {
    what = `gemiddeld ${dutch(value)}`;
  } else {
    what = percent ? `${dutch(value)}%` : `${dutch(value)} (${spec.yLabel})`;
  }
  const parts = [`${label}: ${what}`, `n = ${point.n}`];
  if (status) parts.push(status);
  if (point.small) parts.push('kleine groep (n < 5)');
  return {
    text: parts.join(', '),
    dataPoint: {
      viewId,
      key: `${series.id}|${point.row ?? ''}|${point.x}`.slice(0, 200),
      label: (spec.kind === 'stacked-bar' ? `${label} · ${point.x}` : label).slice(0, 200),
      value: Math.round(value * 10) / 10,
      n: point.n,
      // A heatmap cell's value is the group's mean score; its y label names the rows, not the unit.
      unit: (percent || spec.kind === 'stacked-bar'
        ? '%'
        : spec.kind === 'heatmap'
          ? 'gemiddelde score'
          : spec.yLabel || 'score'
      ).slice(0, 40),
    },
  };
}
