import type * as Y from 'yjs';
import { z } from 'zod';
import type { StepId } from '../stappenplan';
import { createRecord, listRecords, readRecord, updateRecord, type NewRecordPlace } from './record-store';
import { textField, type BoardRecord, type RecordDefinition } from './record-type';

/**
 * A group plan (Kwaliteitskaart stone 5 "Plan maken voor de groep", Handelen 1/3): per group the goals for
 * the next period, the instruction clusters with how many pupils each (counts only: which pupil is in which
 * cluster stays on the server with the results) and what changes in the group plan.
 */

export const INSTRUCTION_CLUSTERS = ['basis', 'intensief', 'verdiept'] as const;
export type InstructionCluster = (typeof INSTRUCTION_CLUSTERS)[number];

export const INSTRUCTION_CLUSTER_LABEL: Readonly<Record<InstructionCluster, string>> = {
  basis: 'Basis',
  intensief: 'Intensief',
  verdiept: 'Verdiept',
};

const count = z
  .number({ error: 'Het aantal moet een getal zijn.' })
  .int({ error: 'Het aantal moet een geheel getal zijn.' })
  .min(0, { error: 'Het aantal kan niet negatief zijn.' })
  .max(60, { error: 'Het aantal is te groot voor één groep.' })
  .nullable();

export const groupPlanFields = z.object({
  /** "Groep 6", "6A". */
  groupLabel: textField(60),
  /** "per groep de doelen voor de komende periode concreet zijn geformuleerd." */
  goals: textField(2000),
  /** Pupils per instruction cluster ("leerlingen met vergelijkbare instructiebehoeften"); null = not set. */
  basis: count,
  intensief: count,
  verdiept: count,
  /** "het groepsplan op- of bijgesteld wordt": what changes. */
  changes: textField(2000),
});

export type GroupPlanFields = z.output<typeof groupPlanFields>;
export type GroupPlan = BoardRecord<'groupPlan', GroupPlanFields>;

export const GROUP_PLAN: RecordDefinition<'groupPlan', typeof groupPlanFields> = {
  type: 'groupPlan',
  label: 'Groepsplan',
  version: 1,
  fields: groupPlanFields,
  migrations: [],
};

export interface NewGroupPlan extends Partial<NewRecordPlace>, Partial<GroupPlanFields> {
  groupLabel: string;
}

/** Adds a group plan (step H1 unless `stepId` says otherwise); returns its id. */
export function createGroupPlan(doc: Y.Doc, input: NewGroupPlan): string {
  const { stepId = 'h1', order, createdAt, ...given } = input;
  return createRecord(
    doc,
    GROUP_PLAN,
    { stepId, order, createdAt },
    { goals: '', basis: null, intensief: null, verdiept: null, changes: '', ...given },
  );
}

export function readGroupPlan(doc: Y.Doc, id: string): GroupPlan | undefined {
  return readRecord(doc, GROUP_PLAN, id);
}

export function updateGroupPlan(doc: Y.Doc, id: string, patch: Partial<GroupPlanFields>): boolean {
  return updateRecord(doc, GROUP_PLAN, id, patch);
}

export function listGroupPlans(doc: Y.Doc, stepId?: StepId): GroupPlan[] {
  return listRecords(doc, GROUP_PLAN, stepId);
}
