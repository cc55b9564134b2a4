import { HORIZONS, actionProblems, type Action, type ActionProblem, type Horizon } from '@koers/board';

/** The board's horizons in the seed's order, then the actions that have none yet. */
export const HORIZON_SLOTS: readonly (Horizon | null)[] = [...HORIZONS, null];

export interface HorizonGroup {
  horizon: Horizon | null;
  items: Action[];
}

/**
 * Handelen 1's board: the actions grouped by horizon, every horizon shown (so an action can be added to
 * it), "nog geen termijn" last. Within a group the actions keep their board order.
 */
export function actionsByHorizon(actions: readonly Action[]): HorizonGroup[] {
  return HORIZON_SLOTS.map((horizon) => ({ horizon, items: actions.filter((a) => a.horizon === horizon) }));
}

/** What the card flags: an action without owner, success criterion or date is not yet concrete. */
export function flagsOf(action: Pick<Action, 'ownerId' | 'successCriterion' | 'dueDate'>): ActionProblem[] {
  return actionProblems(action);
}

/** How many actions on the board still lack something, for the step's summary line. */
export function flaggedCount(actions: readonly Action[]): number {
  return actions.filter((a) => flagsOf(a).length > 0).length;
}

/** The monitoring plan's questions (Handelen 3) an action has not answered yet. */
export const MONITOR_FIELDS = ['monitorWho', 'monitorWhen', 'monitorHow'] as const;
export type MonitorField = (typeof MONITOR_FIELDS)[number];

export function monitoringGaps(action: Pick<Action, MonitorField>): MonitorField[] {
  return MONITOR_FIELDS.filter((f) => action[f].trim() === '');
}
