import { getCarriedFigures } from '$lib/api';

/** What an action may name as its focus (`ActionFocus`): the jaargroepen and subjects of the school's results. */
export interface FocusChoices {
  grades: readonly number[];
  subjects: readonly string[];
}

/** Every jaargroep the action record takes, while the results are not known (yet). */
export const ANY_FOCUS: FocusChoices = { grades: [1, 2, 3, 4, 5, 6, 7, 8], subjects: [] };

/**
 * The choices from the server's carried-figures answer, whose `context` lists the subjects and grades in
 * the results the next board would read (the same list the carried actions offer); `ANY_FOCUS` for a
 * school without results.
 */
export async function loadFocusChoices(boardId: string): Promise<FocusChoices> {
  const { context } = await getCarriedFigures(boardId);
  return context ? { grades: context.grades, subjects: context.subjects } : ANY_FOCUS;
}
