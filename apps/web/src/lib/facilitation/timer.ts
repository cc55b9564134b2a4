/**
 * The session timer as people see it: presets for the leider, her own number of minutes, and the countdown
 * text. The timer itself runs on the server's clock (`Facilitation.timerRemainingMs`).
 */

/** The leider's one-click durations, in minutes. */
export const TIMER_PRESETS_MIN = [2, 5, 10] as const;

/** What the server accepts (apps/server/README.md "Facilitation": 10 s – 4 h). */
export const TIMER_MIN_MS = 10_000;
export const TIMER_MAX_MS = 4 * 60 * 60_000;

/** "Verlengen" adds this much. */
export const TIMER_EXTEND_MS = 60_000;

/**
 * A duration the leider typed: minutes ("7", "2,5", "1.5") or minutes and seconds ("1:30"). Null when it is
 * not a duration the server takes.
 */
export function parseTimerInput(input: string): number | null {
  const text = input.trim();
  let ms: number;
  const clock = /^(\d{1,3}):([0-5]\d)$/.exec(text);
  if (clock) ms = (Number(clock[1]) * 60 + Number(clock[2])) * 1000;
  else if (/^\d{1,3}([.,]\d{1,2})?$/.test(text)) ms = Math.round(Number(text.replace(',', '.')) * 60_000);
  else return null;
  return ms >= TIMER_MIN_MS && ms <= TIMER_MAX_MS ? ms : null;
}

/** The countdown: "4:05", "0:09", "1:02:00"; whole seconds, rounded up so "0:00" means the time is up. */
export function formatRemaining(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** The timer's phase: nothing, running, the last half minute (a quiet hint), or done. */
export type TimerPhase = 'none' | 'running' | 'last' | 'done';

export function timerPhase(remainingMs: number | null): TimerPhase {
  if (remainingMs === null) return 'none';
  if (remainingMs <= 0) return 'done';
  return remainingMs <= 30_000 ? 'last' : 'running';
}
