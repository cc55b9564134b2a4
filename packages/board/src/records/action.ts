import type * as Y from 'yjs';
import { z } from 'zod';
import type { StepId } from '../stappenplan';
import { createRecord, listRecords, readRecord, updateRecord, type NewRecordPlace } from './record-store';
import { textField, type BoardRecord, type RecordDefinition } from './record-type';
import { EMPTY_SMARTI, smartiFields, type SmartiAnswers } from './smarti';

/**
 * An action or intervention (Handelen 1 "Maak de acties concreet", and its monitoring plan of Handelen 3):
 * what, the aim formulated SMARTI, who owns it, on which horizon, when we are satisfied and how we know, who
 * monitors what when and how, what it asks of collaboration, and whether it is feasible. The conclusions and
 * causes it answers are `beantwoordt` links (action → conclusion / cause).
 */

/** "Welke acties zijn haalbaar binnen 4–6 weken? … drie maanden?" and step 11's horizons. */
export const HORIZONS = ['4-6-weken', '3-maanden', 'half-jaar', 'volgend-jaar', 'nieuw-schoolplan'] as const;
export type Horizon = (typeof HORIZONS)[number];

export const HORIZON_LABEL: Readonly<Record<Horizon, string>> = {
  '4-6-weken': '4–6 weken',
  '3-maanden': '3 maanden',
  'half-jaar': 'half jaar',
  'volgend-jaar': 'volgend jaar',
  'nieuw-schoolplan': 'nieuw schoolplan',
};

/** An account id; the app resolves it to a name (names never enter the board as authorship data). */
const ownerSchema = z
  .string({ error: 'Onbekende eigenaar.' })
  .min(1, { error: 'Onbekende eigenaar.' })
  .max(64, { error: 'Onbekende eigenaar.' });

/** A calendar date, 2026-12-01. */
const dateSchema = z.iso.date({ error: 'Geef een datum als 2026-12-01.' });

export const actionFields = z.object({
  /** "Verzamel de geformuleerde acties/interventies": what we will do. */
  what: textField(2000),
  /** "Welk doel beogen we met deze actie/interventie?" */
  aim: textField(2000),
  ...smartiFields,
  /** "Bij wie ligt het eigenaarschap?": null while nobody owns it. */
  ownerId: ownerSchema.nullable(),
  horizon: z.enum(HORIZONS, { error: 'Kies een termijn.' }).nullable(),
  dueDate: dateSchema.nullable(),
  /** "Wanneer zijn we tevreden (succescriteria)?" */
  successCriterion: textField(1000),
  /** "Hoe meten we dat? Hoe weten we dat?" */
  measuredBy: textField(1000),
  /** "Wie monitort wat, wanneer en hoe?" */
  monitorWho: textField(200),
  monitorWhen: textField(200),
  monitorHow: textField(1000),
  /** "Wat vraagt dit van de samenwerking? Wat is er verder nodig?" */
  collaboration: textField(2000),
  /** "Is dit haalbaar?": null while undecided. */
  feasible: z.boolean({ error: 'Kies ja of nee.' }).nullable(),
});

export type ActionFields = z.output<typeof actionFields>;
export type Action = BoardRecord<'action', ActionFields>;

export const ACTION: RecordDefinition<'action', typeof actionFields> = {
  type: 'action',
  label: 'Actie',
  version: 1,
  fields: actionFields,
  migrations: [],
};

export interface NewAction extends Partial<NewRecordPlace>, Partial<ActionFields> {
  what: string;
}

/** Adds an action (step H1 unless `stepId` says otherwise); returns its id. */
export function createAction(doc: Y.Doc, input: NewAction): string {
  const { stepId = 'h1', order, createdAt, ...given } = input;
  const fields: ActionFields = {
    aim: '',
    ...(EMPTY_SMARTI satisfies SmartiAnswers),
    ownerId: null,
    horizon: null,
    dueDate: null,
    successCriterion: '',
    measuredBy: '',
    monitorWho: '',
    monitorWhen: '',
    monitorHow: '',
    collaboration: '',
    feasible: null,
    ...given,
  };
  return createRecord(doc, ACTION, { stepId, order, createdAt }, fields);
}

export function readAction(doc: Y.Doc, id: string): Action | undefined {
  return readRecord(doc, ACTION, id);
}

export function updateAction(doc: Y.Doc, id: string, patch: Partial<ActionFields>): boolean {
  return updateRecord(doc, ACTION, id, patch);
}

export function listActions(doc: Y.Doc, stepId?: StepId): Action[] {
  return listRecords(doc, ACTION, stepId);
}

/** What the board flags on an action card: an action without these is not yet concrete. */
export const ACTION_PROBLEMS = ['owner', 'successCriterion', 'dueDate'] as const;
export type ActionProblem = (typeof ACTION_PROBLEMS)[number];

export const ACTION_PROBLEM_LABEL: Readonly<Record<ActionProblem, string>> = {
  owner: 'Geen eigenaar',
  successCriterion: 'Geen succescriterium',
  dueDate: 'Geen datum',
};

/** Which of owner, success criterion and due date an action lacks, in that order. */
export function actionProblems(
  action: Pick<ActionFields, 'ownerId' | 'successCriterion' | 'dueDate'>,
): ActionProblem[] {
  const problems: ActionProblem[] = [];
  if (!action.ownerId) problems.push('owner');
  if (action.successCriterion.trim() === '') problems.push('successCriterion');
  if (!action.dueDate) problems.push('dueDate');
  return problems;
}
