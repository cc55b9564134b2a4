/** Subgroup gaps (Stappenplan stap 5): NT2, ondersteuning, plus and label groups against the rest. */
import type { ChartSpec } from '../chart-spec';
import type { SubgroupId } from '../model';
import { ofSubject, type ChartReport } from './chart-report';

export interface SubgroupOptions {
  subject: string;
  /** Only this subgroup. */
  subgroup?: SubgroupId;
}

export function subgroupCharts(report: Pick<ChartReport, 'patterns'>, options: SubgroupOptions): ChartSpec[] {
  return ofSubject(report.patterns.subgroups, options.subject)
    .filter((g) => options.subgroup === undefined || g.subgroup === options.subgroup)
    .map((g) => g.chart);
}
