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

/**
 * "Effect vastgesteld?" (Kwaliteitskaart stone 8), asked on the next board of each carried action against
 * the new results: ja / deels / nee / nog niet te zeggen.
 */
export const EFFECTS = ['ja', 'deels', 'nee', 'nog-niet'] as const;
export type Effect = (typeof EFFECTS)[number];

export const EFFECT_LABEL: Readonly<Record<Effect, string>> = {
  ja: 'ja',
  deels: 'deels',
  nee: 'nee',
  'nog-niet': 'nog niet te zeggen',
};

const idSchema = z
  .string({ error: 'Onbekend bord of kaart.' })
  .min(1, { error: 'Onbekend bord of kaart.' })
  .max(64, { error: 'Onbekend bord of kaart.' });

/** Where a carried action came from: the previous board and the action's id there. */
export const carriedFromSchema = z.object(
  { boardId: idSchema, recordId: idSchema },
  { error: 'Ongeldige herkomst van de actie.' },
);
export type CarriedFrom = z.output<typeof carriedFromSchema>;

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
  /** The jaargroep (1–8) the action is about, so the next board can show its new figures; null: the school. */
  focusGrade: z
    .number({ error: 'Kies een groep van 1 tot en met 8.' })
    .int({ error: 'Kies een groep van 1 tot en met 8.' })
    .min(1, { error: 'Kies een groep van 1 tot en met 8.' })
    .max(8, { error: 'Kies een groep van 1 tot en met 8.' })
    .nullable(),
  /** The subject as the results name it ("Begrijpend lezen"); null: every subject. */
  focusSubject: textField(100).nullable(),
  /** "Afgerond": the team closed it (done, or stopped). A closed action is not carried to the next board. */
  done: z.boolean({ error: 'Kies ja of nee.' }),
  /** Set on the next board's copy: the action it continues. */
  carriedFrom: carriedFromSchema.nullable(),
  /** "Effect vastgesteld?": null while not asked yet. */
  effect: z.enum(EFFECTS, { error: 'Kies ja, deels, nee of nog niet te zeggen.' }).nullable(),
  /** What the team saw in the new results. */
  effectNote: textField(1000),
});

export type ActionFields = z.output<typeof actionFields>;
export type Action = BoardRecord<'action', ActionFields>;

export const ACTION: RecordDefinition<'action', typeof actionFields> = {
  type: 'action',
  label: 'Actie',
  version: 2,
  fields: actionFields,
  migrations: [
    {
      version: 2,
      name: 'add-cycle-fields',
      // The next cycle: focus, done mark, origin and effect. Absent before version 2; a value a newer
      // client already wrote (it lifted the record on the fly and edited it) is kept.
      up: (fields) => ({
        ...fields,
        focusGrade: fields.focusGrade ?? null,
        focusSubject: fields.focusSubject ?? null,
        done: fields.done ?? false,
        carriedFrom: fields.carriedFrom ?? null,
        effect: fields.effect ?? null,
        effectNote: fields.effectNote ?? '',
      }),
    },
  ],
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
    focusGrade: null,
    focusSubject: null,
    done: false,
    carriedFrom: null,
    effect: null,
    effectNote: '',
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

/**
 * Open: not marked "afgerond" and not evaluated with effect "ja" (an action whose effect was established
 * has done its work). "Deels", "nee" and "nog niet te zeggen" keep it open: the team decides on the next
 * board whether to go on with it, adjust it or close it.
 */
export function isOpenAction(action: Pick<ActionFields, 'done' | 'effect'>): boolean {
  return !action.done && action.effect !== 'ja';
}
