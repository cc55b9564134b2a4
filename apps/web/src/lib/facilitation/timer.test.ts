import { describe, expect, it } from 'vitest';
import { formatRemaining, parseTimerInput, timerPhase } from './timer';

describe('the session timer as shown', () => {
  it('reads minutes, decimal minutes with a comma or dot, and minutes:seconds', () => {
    expect(parseTimerInput('7')).toBe(7 * 60_000);
    expect(parseTimerInput(' 2,5 ')).toBe(150_000);
    expect(parseTimerInput('1.5')).toBe(90_000);
    expect(parseTimerInput('1:30')).toBe(90_000);
    expect(parseTimerInput('0:10')).toBe(10_000);
  });

  it('refuses what the server would refuse: under 10 seconds, over 4 hours, or not a duration', () => {
    expect(parseTimerInput('0:05')).toBeNull();
    expect(parseTimerInput('0')).toBeNull();
    expect(parseTimerInput('241')).toBeNull();
    expect(parseTimerInput('240')).toBe(4 * 60 * 60_000);
    expect(parseTimerInput('')).toBeNull();
    expect(parseTimerInput('vijf')).toBeNull();
    expect(parseTimerInput('-3')).toBeNull();
    expect(parseTimerInput('1:75')).toBeNull();
  });

  it('counts down in whole seconds, rounding up so 0:00 means the time is up', () => {
    expect(formatRemaining(300_000)).toBe('5:00');
    expect(formatRemaining(245_001)).toBe('4:06');
    expect(formatRemaining(9_000)).toBe('0:09');
    expect(formatRemaining(1)).toBe('0:01');
    expect(formatRemaining(0)).toBe('0:00');
    expect(formatRemaining(-500)).toBe('0:00');
    expect(formatRemaining(62 * 60_000)).toBe('1:02:00');
  });

  it('has a quiet last half minute and a done phase', () => {
    expect(timerPhase(null)).toBe('none');
    expect(timerPhase(31_000)).toBe('running');
    expect(timerPhase(30_000)).toBe('last');
    expect(timerPhase(0)).toBe('done');
  });
});
