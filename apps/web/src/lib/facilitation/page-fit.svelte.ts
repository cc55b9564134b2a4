import { fitPlan, type FitPlan } from './fit';

/**
 * Keeps a projector stage on one screen (`fitPlan`): attach it to the stage (`{@attach fit.attach}`) whose
 * first child is the content; the content is zoomed to fit, or shown a page at a time (`next`/`previous`,
 * for the clicker). The stage never scrolls by itself: a page moves it by exactly `pageStep`.
 */
export class PageFit {
  plan = $state<FitPlan>({ scale: 1, pages: 1, pageStep: 0 });
  page = $state(0);
  #stage: HTMLElement | null = null;

  constructor(private readonly minScale: number) {}

  attach = (stage: HTMLElement) => {
    this.#stage = stage;
    let frame = 0;
    const schedule = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => this.measure());
    };
    const observer = new ResizeObserver(schedule);
    observer.observe(stage);
    const content = stage.firstElementChild;
    if (content) observer.observe(content);
    // Cards and text arrive after the first layout: a change of content is a new measure too.
    const mutations = new MutationObserver(schedule);
    mutations.observe(stage, { childList: true, subtree: true, characterData: true });
    schedule();
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
      mutations.disconnect();
      this.#stage = null;
    };
  };

  /** Back to the first page (a new step). */
  reset(): void {
    this.page = 0;
    this.#scroll();
  }

  /** The next page; false at the last one. */
  next(): boolean {
    if (this.page >= this.plan.pages - 1) return false;
    this.page++;
    this.#scroll();
    return true;
  }

  previous(): boolean {
    if (this.page <= 0) return false;
    this.page--;
    this.#scroll();
    return true;
  }

  measure(): void {
    const stage = this.#stage;
    const content = stage?.firstElementChild as HTMLElement | null | undefined;
    if (!stage || !content) return;
    content.style.zoom = '1';
    const available = stage.clientHeight;
    const plan = fitPlan(content.scrollHeight, available, this.minScale);
    content.style.zoom = String(plan.scale);
    // Zoomed, the content is laid out wider and so shorter than `scale` alone says: count pages from it.
    const shown = content.getBoundingClientRect().height;
    const pages = plan.pages === 1 || shown <= available + 1 ? 1 : plan.pages;
    const fitted =
      pages === 1
        ? { ...plan, pages: 1 }
        : { ...plan, pages: 1 + Math.ceil((shown - available) / plan.pageStep) };
    if (
      fitted.scale !== this.plan.scale ||
      fitted.pages !== this.plan.pages ||
      fitted.pageStep !== this.plan.pageStep
    ) {
      this.plan = fitted;
      if (this.page > fitted.pages - 1) this.page = fitted.pages - 1;
    }
    this.#scroll();
  }

  #scroll(): void {
    if (this.#stage) this.#stage.scrollTop = this.page * this.plan.pageStep;
  }
}
