import type * as Y from 'yjs';
import { z } from 'zod';
import { ONDERSTEUNING } from '../kwaliteitskaart';
import type { StepId } from '../stappenplan';
import { choiceSetNestedMap, choiceSetSchema, choicesOf, initChoiceSets, setChoice } from './choice-set';
import { createRecord, listRecords, readRecord, updateRecord, type NewRecordPlace } from './record-store';
import { RecordValidationError, textField, type BoardRecord, type RecordDefinition } from './record-type';
import { EMPTY_SMARTI, smartiFields } from './smarti';

/**
 * Team learning and professional development tied to the actions (Handelen 2 "Koppel teamleren en
 * professionalisering aan de benodigde acties en interventies"): the need, individual or team, how it is
 * organised, the Kwaliteitskaart's options (stone 6's support, and the training options the seed lists with
 * stone 8), what leadership must support, and the aim formulated SMARTI.
 */

/** "Welke kennis, vaardigheden of routines heeft het team nodig?" */
export const LEARNING_NEEDS = ['kennis', 'vaardigheden', 'routines'] as const;
export type LearningNeed = (typeof LEARNING_NEEDS)[number];

/** "Zijn dit individuele of teamontwikkelbehoeften?" */
export const LEARNING_SCOPES = ['individueel', 'team'] as const;
export type LearningScope = (typeof LEARNING_SCOPES)[number];

/** "Hoe organiseren we teamleren (coaching, intervisie, lesbezoeken, PLG's)?" and "cursussen, opleidingen". */
export const LEARNING_FORMS = ['coaching', 'intervisie', 'lesbezoeken', 'plg', 'cursus'] as const;
export type LearningForm = (typeof LEARNING_FORMS)[number];

export const LEARNING_FORM_LABEL: Readonly<Record<LearningForm, string>> = {
  coaching: 'Coaching',
  intervisie: 'Intervisie',
  lesbezoeken: 'Lesbezoeken',
  plg: 'PLG',
  cursus: 'Cursus of opleiding',
};

/**
 * The Kwaliteitskaart's options by id `os:<n>`, n the position in `ONDERSTEUNING` (1-based), as the
 * factor grid names its rows `kk:<n>`. 1–7 are stone 6's support; 8–13 the training options (scholing,
 * hergroepering, extra tijd) the seed prints with stone 8.
 */
const optionIds = (from: number, to: number) =>
  ONDERSTEUNING.slice(from - 1, to).map((label, i) => ({ id: `os:${from + i}`, label }));
export const SUPPORT_OPTIONS: readonly { id: string; label: string }[] = optionIds(1, 7);
export const TRAINING_OPTIONS: readonly { id: string; label: string }[] = optionIds(8, ONDERSTEUNING.length);

const SUPPORT_IDS = SUPPORT_OPTIONS.map((o) => o.id) as [string, ...string[]];
const TRAINING_IDS = TRAINING_OPTIONS.map((o) => o.id) as [string, ...string[]];

/** The label of an option id, or undefined. */
export function supportOptionLabel(id: string): string | undefined {
  return [...SUPPORT_OPTIONS, ...TRAINING_OPTIONS].find((o) => o.id === id)?.label;
}

const CHOICE_FIELDS = ['forms', 'supportOptions', 'trainingOptions'] as const;
type ChoiceField = (typeof CHOICE_FIELDS)[number];

export const teamLearningFields = z.object({
  /** What the team needs to learn, in a sentence. */
  text: textField(2000),
  need: z.enum(LEARNING_NEEDS, { error: 'Kies kennis, vaardigheden of routines.' }).nullable(),
  scope: z.enum(LEARNING_SCOPES, { error: 'Kies individueel of team.' }).nullable(),
  forms: choiceSetSchema(LEARNING_FORMS, 'Onbekende vorm van teamleren.'),
  supportOptions: choiceSetSchema(SUPPORT_IDS, 'Onbekende ondersteuning.'),
  trainingOptions: choiceSetSchema(TRAINING_IDS, 'Onbekende scholing.'),
  /** "Waar moet het leiderschap ondersteuning bieden?" */
  leadershipSupport: textField(2000),
  /** "Welk doel hebben we met bovenstaande? Wanneer zijn we tevreden? Hoe weten we of we daar zijn?" */
  aim: textField(2000),
  ...smartiFields,
});

export type TeamLearningFields = z.output<typeof teamLearningFields>;
/** As readers return it: the choice sets as lists in catalogue order. */
export type TeamLearning = Omit<BoardRecord<'teamLearning', TeamLearningFields>, ChoiceField> & {
  forms: LearningForm[];
  supportOptions: string[];
  trainingOptions: string[];
};
export type TeamLearningEdit = Partial<Omit<TeamLearningFields, ChoiceField>>;

export const TEAM_LEARNING: RecordDefinition<'teamLearning', typeof teamLearningFields> = {
  type: 'teamLearning',
  label: 'Teamleren',
  version: 1,
  fields: teamLearningFields,
  migrations: [],
  // The choice sets are nested Y.Maps: the server's update guard must know them.
  nestedMaps: {
    forms: choiceSetNestedMap(LEARNING_FORMS),
    supportOptions: choiceSetNestedMap(SUPPORT_IDS),
    trainingOptions: choiceSetNestedMap(TRAINING_IDS),
  },
};

export interface NewTeamLearning extends Partial<NewRecordPlace>, TeamLearningEdit {
  text: string;
}

/** Adds a team-learning card (step H2 unless `stepId` says otherwise) with its empty choice sets. */
export function createTeamLearning(doc: Y.Doc, input: NewTeamLearning): string {
  const { stepId = 'h2', order, createdAt, ...given } = input;
  return createRecord(
    doc,
    TEAM_LEARNING,
    { stepId, order, createdAt },
    { need: null, scope: null, leadershipSupport: '', aim: '', ...EMPTY_SMARTI, ...given },
    (map) => initChoiceSets(map, CHOICE_FIELDS),
  );
}

function toTeamLearning(
  record: BoardRecord<'teamLearning', TeamLearningFields> | undefined,
): TeamLearning | undefined {
  if (!record) return undefined;
  return {
    ...record,
    forms: choicesOf(LEARNING_FORMS, record.forms),
    supportOptions: choicesOf(SUPPORT_IDS, record.supportOptions),
    trainingOptions: choicesOf(TRAINING_IDS, record.trainingOptions),
  };
}

export function readTeamLearning(doc: Y.Doc, id: string): TeamLearning | undefined {
  return toTeamLearning(readRecord(doc, TEAM_LEARNING, id));
}

export function updateTeamLearning(doc: Y.Doc, id: string, patch: TeamLearningEdit): boolean {
  for (const field of CHOICE_FIELDS)
    if (field in patch) throw new RecordValidationError('Teamleren: keuzes gaan via setTeamLearningChoice.');
  return updateRecord(doc, TEAM_LEARNING, id, patch);
}

export function listTeamLearning(doc: Y.Doc, stepId?: StepId): TeamLearning[] {
  return listRecords(doc, TEAM_LEARNING, stepId).map((r) => toTeamLearning(r) as TeamLearning);
}

const CHOICES: Readonly<Record<ChoiceField, readonly string[]>> = {
  forms: LEARNING_FORMS,
  supportOptions: SUPPORT_IDS,
  trainingOptions: TRAINING_IDS,
};

/** Ticks or unticks one form or option; concurrent ticks by different people all count. */
export function setTeamLearningChoice(
  doc: Y.Doc,
  id: string,
  field: ChoiceField,
  choice: string,
  on: boolean,
): boolean {
  return setChoice(doc, TEAM_LEARNING as never, id, field, CHOICES[field], choice, on);
}
