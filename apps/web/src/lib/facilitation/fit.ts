/**
 * How a step fits on the projector without anyone scrolling: shrink it a little (never below `minScale`, so
 * text stays readable from the back of the room), and when it still does not fit, show it in pages of one
 * screen each (with a strip of overlap so no line is lost between pages).
 */
export interface FitPlan {
  scale: number;
  pages: number;
  /** How far one page moves, in screen pixels. */
  pageStep: number;
}

/** The overlap between pages: the last lines of a page are the first of the next. */
export const PAGE_OVERLAP = 0.08;

export function fitPlan(contentHeight: number, available: number, minScale: number): FitPlan {
  if (available <= 0 || contentHeight <= available) return { scale: 1, pages: 1, pageStep: available };
  const scale = Math.max(minScale, Math.min(1, available / contentHeight));
  const scaled = contentHeight * scale;
  if (scaled <= available + 1) return { scale, pages: 1, pageStep: available };
  const pageStep = Math.floor(available * (1 - PAGE_OVERLAP));
  return { scale, pages: 1 + Math.ceil((scaled - available) / pageStep), pageStep };
}
