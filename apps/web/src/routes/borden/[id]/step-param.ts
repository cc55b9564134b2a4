import { resolve } from '$app/paths';
import type { ResolvedPathname } from '$app/types';
import { STEP_IDS, isStepId, type StepId } from '@koers/board';

/** The parts of a URL we read (SvelteKit's `page.url` is a read-only URL). */
type UrlLike = { searchParams: Pick<URLSearchParams, 'get'> };

/** The step a board URL points at (`?stap=s4`); the first step when absent or unknown. */
export function stepFromUrl(url: UrlLike): StepId {
  const value = url.searchParams.get('stap');
  return isStepId(value) ? value : 's1';
}

/** The link to a step of a board, on the laptop board page or on the projector. */
export function stepHref(
  boardId: string,
  stepId: StepId,
  view: 'board' | 'projector' = 'board',
): ResolvedPathname {
  const path =
    view === 'board'
      ? resolve('/borden/[id]', { id: boardId })
      : resolve('/borden/[id]/projector', { id: boardId });
  // resolve() knows route paths only; the step is a query parameter so links land on it.
  return `${path}?stap=${stepId}` as ResolvedPathname;
}

/** The step before or after, or undefined at either end. */
export function neighbourStep(stepId: StepId, offset: -1 | 1): StepId | undefined {
  return STEP_IDS[STEP_IDS.indexOf(stepId) + offset];
}
