import { describe, expect, it } from 'vitest';
import { leaderStepChange, wanderedOff } from './follow';

const teacher = { active: true, isLeader: false, following: true, roomStep: 's4' as const };

describe('following the leider', () => {
  it('a following teacher who goes to another step herself has wandered off', () => {
    expect(wanderedOff(teacher, 's6')).toBe(true);
  });

  it('arriving at the room step, not following, leading, or no session is no wandering', () => {
    expect(wanderedOff(teacher, 's4')).toBe(false);
    expect(wanderedOff({ ...teacher, following: false }, 's6')).toBe(false);
    expect(wanderedOff({ ...teacher, isLeader: true }, 's6')).toBe(false);
    expect(wanderedOff({ ...teacher, active: false }, 's6')).toBe(false);
    expect(wanderedOff({ ...teacher, roomStep: null }, 's6')).toBe(false);
  });

  it("the leider's own move is the room's move", () => {
    const leider = { active: true, isLeader: true, roomStep: 's4' as const };
    expect(leaderStepChange(leider, 's4', 's5')).toBe('s5');
    // Coming back to where the room already is sends nothing.
    expect(leaderStepChange(leider, 's6', 's4')).toBeNull();
  });

  it('opening the page, taking over or a teacher moving does not move the room', () => {
    const leider = { active: true, isLeader: true, roomStep: 's4' as const };
    expect(leaderStepChange(leider, null, 's7')).toBeNull();
    expect(leaderStepChange(leider, 's7', 's7')).toBeNull();
    expect(leaderStepChange({ ...leider, isLeader: false }, 's4', 's5')).toBeNull();
    expect(leaderStepChange({ ...leider, active: false }, 's4', 's5')).toBeNull();
  });
});
