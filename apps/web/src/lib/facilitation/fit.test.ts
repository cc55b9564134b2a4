import { describe, expect, it } from 'vitest';
import { fitPlan } from './fit';

describe('a long step on the projector', () => {
  it('fits as it is when it fits', () => {
    expect(fitPlan(500, 800, 0.8)).toEqual({ scale: 1, pages: 1, pageStep: 800 });
  });

  it('shrinks a little to fit', () => {
    expect(fitPlan(900, 800, 0.8)).toEqual({ scale: 800 / 900, pages: 1, pageStep: 800 });
  });

  it('never shrinks below the readable minimum: it pages instead, with some overlap', () => {
    const plan = fitPlan(2000, 800, 0.8);
    expect(plan.scale).toBe(0.8);
    // 1600 px shown: the first page shows 800, each next one moves 736.
    expect(plan.pageStep).toBe(736);
    expect(plan.pages).toBe(3);
    expect(800 + (plan.pages - 1) * plan.pageStep).toBeGreaterThanOrEqual(1600);
  });
});
