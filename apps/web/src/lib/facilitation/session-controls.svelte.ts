import type { StepId } from '@koers/board';
import type { Facilitation, FacilitationCommand } from './facilitation.svelte';
import { parseTimerInput, TIMER_EXTEND_MS } from './timer';

/**
 * The leider's and the teacher's buttons in the session bar, as commands: one at a time per button group
 * (`busy`), refusals shown from `facilitation.lastError` (Dutch, from the server or the class), never thrown
 * at the page.
 */
export class SessionControls {
  /** A command is on its way; its buttons wait. */
  busy = $state(false);
  /** The leider's own number of minutes, as typed. */
  customTimer = $state('');
  /** The typed duration is not one the server takes (shown next to the field). */
  customInvalid = $state(false);

  constructor(readonly facilitation: Facilitation) {}

  /** Send one command; true when the server took it. */
  async run(command: FacilitationCommand): Promise<boolean> {
    this.busy = true;
    try {
      await this.facilitation.send(command);
      return true;
    } catch {
      // The class keeps the Dutch message in `lastError` for the bar's alert.
      return false;
    } finally {
      this.busy = false;
    }
  }

  startTimer(minutes: number): Promise<boolean> {
    return this.run({ t: 'timer.start', durationMs: Math.round(minutes * 60_000) });
  }

  /** Start the timer with the typed duration, or mark the field invalid. */
  startCustomTimer(): Promise<boolean> {
    const ms = parseTimerInput(this.customTimer);
    this.customInvalid = ms === null;
    if (ms === null) return Promise.resolve(false);
    this.customTimer = '';
    return this.run({ t: 'timer.start', durationMs: ms });
  }

  extendTimer(): Promise<boolean> {
    return this.run({ t: 'timer.extend', byMs: TIMER_EXTEND_MS });
  }

  /** Open or close a step for input, whichever it is not. */
  toggleClosed(stepId: StepId): Promise<boolean> {
    return this.run(
      this.facilitation.isClosed(stepId) ? { t: 'step.open', stepId } : { t: 'step.close', stepId },
    );
  }

  toggleReady(): Promise<boolean> {
    return this.run({ t: 'ready.set', ready: !(this.facilitation.mine?.ready ?? false) });
  }
}
