import type * as Y from 'yjs';
import { z } from 'zod';
import type { StepId } from '../stappenplan';
import { createRecord, listRecords, readRecord, updateRecord, type NewRecordPlace } from './record-store';
import { textField, type BoardRecord, type RecordDefinition } from './record-type';

/**
 * A chart on a step: a view (dataset, analysis kind, filters), never its numbers. The server runs the
 * analysis on the school's rows and answers with aggregates and a chart spec (`analysisView` in
 * packages/analysis), so no pupil row ever enters the board document.
 */

/**
 * The analyses of packages/analysis that draw charts (its `ANALYSIS_KINDS` minus signalen and inspectie, which
 * have none), with its ids. A test keeps the two lists in step; board does not depend on analysis.
 */
export const CHART_KINDS = [
  'overzicht',
  'normen',
  'trend-jaargroep',
  'trend-leerlingengroep',
  'domeinen',
  'subgroepen',
  'parallelgroepen',
  'zorg',
  'datakwaliteit',
] as const;

export type ChartKind = (typeof CHART_KINDS)[number];

/** "Niveau van detail" of step 4: school, bouw, groep or subgroep. */
export const DETAIL_LEVELS = ['school', 'bouw', 'groep', 'subgroep'] as const;
export type DetailLevel = (typeof DETAIL_LEVELS)[number];

export const chartFiltersSchema = z.object(
  {
    schoolYear: z
      .string()
      .regex(/^\d{4}-\d{4}$/, { error: 'Schooljaar als 2025-2026.' })
      .optional(),
    moment: z.enum(['B', 'M', 'E'], { error: 'Kies B, M of E.' }).optional(),
    subject: textField(100).optional(),
    level: z.enum(DETAIL_LEVELS, { error: 'Kies school, bouw, groep of subgroep.' }).optional(),
    /** Jaargroep 1–8. */
    grade: z
      .number({ error: 'Jaargroep 1 tot en met 8.' })
      .int({ error: 'Jaargroep 1 tot en met 8.' })
      .min(1, { error: 'Jaargroep 1 tot en met 8.' })
      .max(8, { error: 'Jaargroep 1 tot en met 8.' })
      .optional(),
    /** A subgroup id of packages/analysis: nt2, ondersteuning, plus or `label:<profiel>`. */
    subgroup: z
      .string({ error: 'Onbekende subgroep.' })
      .regex(/^(nt2|ondersteuning|plus|label:.{1,60})$/, { error: 'Onbekende subgroep.' })
      .optional(),
  },
  { error: 'Ongeldige filters.' },
);

export type ChartFilters = z.output<typeof chartFiltersSchema>;

export const chartViewFields = z.object({
  datasetId: textField(100).min(1, { error: 'Kies een dataset.' }),
  analysisKind: z.enum(CHART_KINDS, { error: 'Onbekende analyse.' }),
  filters: chartFiltersSchema,
  /** The team's own title; empty means the analysis's title. */
  title: textField(200),
});

export type ChartViewFields = z.output<typeof chartViewFields>;
export type ChartView = BoardRecord<'chartView', ChartViewFields>;

export const CHART_VIEW: RecordDefinition<'chartView', typeof chartViewFields> = {
  type: 'chartView',
  label: 'Grafiek',
  version: 1,
  fields: chartViewFields,
  migrations: [],
};

export interface NewChartView extends NewRecordPlace {
  datasetId: string;
  analysisKind: ChartKind;
  filters?: ChartFilters;
  title?: string;
}

/** Adds a chart to a step; returns its id. */
export function createChartView(doc: Y.Doc, input: NewChartView): string {
  const { datasetId, analysisKind, filters = {}, title = '', ...place } = input;
  return createRecord(doc, CHART_VIEW, place, { datasetId, analysisKind, filters, title });
}

export function readChartView(doc: Y.Doc, id: string): ChartView | undefined {
  return readRecord(doc, CHART_VIEW, id);
}

/** Filters are replaced as a whole (one key), so set every filter the view keeps. */
export function updateChartView(doc: Y.Doc, id: string, patch: Partial<ChartViewFields>): boolean {
  return updateRecord(doc, CHART_VIEW, id, patch);
}

export function listChartViews(doc: Y.Doc, stepId?: StepId): ChartView[] {
  return listRecords(doc, CHART_VIEW, stepId);
}
