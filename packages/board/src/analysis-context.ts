import type * as Y from 'yjs';
import { z } from 'zod';
import { ANALYSIS } from './layout';
import { RecordValidationError, prefixed, textField } from './records/record-type';

/**
 * Root `analysis`: step 1's question ("Wat is de analysevraag?"), the decision it serves, what the team wants
 * to begrijpen / verbeteren / borgen, and the data context the leider picked for the board's charts. One key
 * per field, so editing the question and picking the dataset at once never conflict.
 */

export const PURPOSES = ['begrijpen', 'verbeteren', 'borgen'] as const;
export type Purpose = (typeof PURPOSES)[number];

export const analysisContextSchema = z.object({
  question: textField(1000),
  decision: textField(1000),
  purpose: z.enum(PURPOSES, { error: 'Kies begrijpen, verbeteren of borgen.' }).nullable(),
  datasetId: textField(100).nullable(),
  schoolYear: z
    .string()
    .regex(/^\d{4}-\d{4}$/, { error: 'Schooljaar als 2025-2026.' })
    .nullable(),
  moment: z.enum(['B', 'M', 'E'], { error: 'Kies B, M of E.' }).nullable(),
});

export type AnalysisContext = z.output<typeof analysisContextSchema>;
export type AnalysisField = keyof AnalysisContext;

const EMPTY: AnalysisContext = {
  question: '',
  decision: '',
  purpose: null,
  datasetId: null,
  schoolYear: null,
  moment: null,
};

export const ANALYSIS_FIELDS = Object.keys(EMPTY) as AnalysisField[];

export function analysisMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(ANALYSIS);
}

/** The step-1 answers and chart context; a missing or invalid field reads as empty. */
export function readAnalysisContext(doc: Y.Doc): AnalysisContext {
  const map = analysisMap(doc);
  const out: Record<string, unknown> = { ...EMPTY };
  for (const field of ANALYSIS_FIELDS) {
    const parsed = analysisContextSchema.shape[field].safeParse(map.get(field));
    if (parsed.success && parsed.data !== undefined) out[field] = parsed.data;
  }
  return out as AnalysisContext;
}

/**
 * Sets one field; null (or '' for a text) removes it.
 *
 * @throws RecordValidationError (Dutch) on a value the field refuses; nothing is written then.
 */
export function setAnalysisField<F extends AnalysisField>(
  doc: Y.Doc,
  field: F,
  value: AnalysisContext[F],
): void {
  const problem = analysisEntryProblem(field, value);
  if (problem) throw new RecordValidationError(problem, field);
  const map = analysisMap(doc);
  if (value === null || value === '') {
    if (map.has(field)) map.delete(field);
  } else if (map.get(field) !== value) {
    map.set(field, value);
  }
}

/** For the server guard and validateBoard: a Dutch problem with one `analysis` entry, or undefined when fine. */
export function analysisEntryProblem(field: string, value: unknown): string | undefined {
  if (!(ANALYSIS_FIELDS as string[]).includes(field)) return 'Analysevraag: onbekend veld.';
  if (value === undefined) return undefined;
  const parsed = analysisContextSchema.shape[field as AnalysisField].safeParse(value);
  return parsed.success ? undefined : prefixed('Analysevraag', parsed.error.issues[0]?.message);
}
