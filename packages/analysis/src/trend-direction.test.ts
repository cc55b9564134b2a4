import { describe, expect, it } from 'vitest';
import { classifyTrend } from './trend-direction';

describe('classifyTrend (δ = 1)', () => {
  it('structural: three falls in a row over four measurements', () => {
    // steps −2, −3, −4: all below −1
    expect(classifyTrend([50, 48, 45, 41], 1)).toMatchObject({
      kind: 'structureel',
      direction: 'daling',
      runLength: 4,
    });
  });
  it('structural needs at least three measurements in one direction (two steps)', () => {
    expect(classifyTrend([50, 52, 55], 1)).toMatchObject({
      kind: 'structureel',
      direction: 'stijging',
      runLength: 3,
    });
  });
  it('incidental: only the latest step falls', () => {
    // steps +0.5 (flat), −3
    expect(classifyTrend([50, 50.5, 47.5], 1)).toMatchObject({
      kind: 'incidenteel',
      direction: 'daling',
      runLength: 2,
    });
  });
  it('an earlier dip that recovered is an incident, the series itself stable', () => {
    // steps 0, −4, +4, 0.5
    const t = classifyTrend([50, 50, 46, 50, 50.5], 1);
    expect(t.kind).toBe('stabiel');
    expect(t.incidents).toEqual([{ index: 2, direction: 'daling' }]);
  });
  it('steps within δ are flat; missing points are skipped', () => {
    expect(classifyTrend([50, null, 50.9, 50.1], 1).kind).toBe('stabiel');
    expect(classifyTrend([50], 1).kind).toBe('te-weinig-metingen');
  });
});
