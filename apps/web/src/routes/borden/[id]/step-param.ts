import { STEP_IDS, isStepId, type StepId } from '@koers/board';

/** The parts of a URL we read (SvelteKit's `page.url` is a read-only URL). */
type UrlLike = Pick<URL, 'pathname'> & { searchParams: Pick<URLSearchParams, 'get' | 'toString'> };

/** The step a board URL points at (`?stap=s4`); the first step when absent or unknown. */
export function stepFromUrl(url: UrlLike): StepId {
  const value = url.searchParams.get('stap');
  return isStepId(value) ? value : 's1';
}

/** The same URL pointing at another step (keeps other query parameters). */
export function stepHref(url: UrlLike, stepId: StepId): string {
  const params = new URLSearchParams(url.searchParams.toString());
  params.set('stap', stepId);
  return `${url.pathname}?${params.toString()}`;
}

/** The step before or after, or undefined at either end. */
export function neighbourStep(stepId: StepId, offset: -1 | 1): StepId | undefined {
  return STEP_IDS[STEP_IDS.indexOf(stepId) + offset];
}
