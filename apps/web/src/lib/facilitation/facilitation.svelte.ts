import type { StepId } from '@koers/board';
import type {
  ClientMessage,
  Command,
  MineView,
  ServerMessage,
  SessionView,
  StateMessage,
} from '@koers/server/facilitation';

/**
 * The live facilitation session of a board as this tab sees it (apps/server/README.md "Facilitation"): the
 * server's session state, this person's own part (drafts, dots, "klaar"), the timer on the server's clock,
 * and commands with their answers. The state lives on the server; this class only mirrors it. Whether this
 * tab follows the leider is its own choice (`following`), as is every jump it makes.
 */

/** What the class needs of the board's socket; `BoardSession` provides it. */
export interface SessionChannel {
  /** Send one JSON payload; false when the socket is not open. */
  sendSessionMessage(payload: string): boolean;
  onSessionMessage(listener: (message: unknown) => void): () => void;
  /** Hear every (re)opened socket: the server then sends the full state again. */
  onSocketOpen(listener: () => void): () => void;
}

/** A command as the caller gives it (no `v` or `id`). */
export type FacilitationCommand = Command;

/** A jump this tab should make: `seq` grows with each, so an effect can act once per jump. */
export interface Jump {
  seq: number;
  stepId: StepId;
  /** Why: the room moved on, "Breng iedereen hier", or joining a running session. */
  reason: 'step' | 'summon' | 'join';
}

/** How long a command may wait for its answer before the user is told. */
const ANSWER_TIMEOUT_MS = 8000;

export class FacilitationError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'FacilitationError';
  }
}

export class Facilitation {
  /** The session as the server last sent it; null until the first state arrives. */
  session = $state<SessionView | null>(null);
  mine = $state<MineView | null>(null);
  rev = $state(-1);
  /** The latest refusal or failure of one of our commands (Dutch), until the next command succeeds. */
  lastError = $state<string | null>(null);
  /** This tab goes where the leider goes ("Volg de leider"). On by default; wandering off turns it off. */
  following = $state(true);
  jump = $state<Jump | null>(null);
  /** Local clock, ticking once a second while a timer runs (for the countdown). */
  now = $state(Date.now());

  /** The server's clock minus ours, from the latest state message. */
  #skewMs = 0;
  #nextId = 0;
  #fresh = true;
  /** The summon id of the latest state; undefined before the first. */
  #seenSummonId: number | null | undefined = undefined;
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- commands awaiting an answer, not state the UI reads
  #pending = new Map<
    string,
    { resolve: () => void; reject: (error: FacilitationError) => void; timer: ReturnType<typeof setTimeout> }
  >();
  #tick: ReturnType<typeof setInterval> | undefined;
  #unsubscribe: (() => void)[];

  constructor(private readonly channel: SessionChannel) {
    this.#unsubscribe = [
      channel.onSessionMessage((message) => this.receive(message)),
      channel.onSocketOpen(() => this.reconnected()),
    ];
  }

  get active(): boolean {
    return this.session?.active === true;
  }

  /** She leads the session now (the server's word, from this account). */
  get isLeader(): boolean {
    return this.mine?.isLeader === true;
  }

  /** She may facilitate (a leider), whether or not she leads now. */
  get canFacilitate(): boolean {
    return this.mine?.canFacilitate === true;
  }

  /** Input on this step is closed by the leider. */
  isClosed(stepId: StepId): boolean {
    return this.session?.active === true && this.session.closedSteps.includes(stepId);
  }

  /** The room's step, while a session runs. */
  get roomStep(): StepId | null {
    return this.session?.active ? this.session.currentStep : null;
  }

  /** Milliseconds left on the timer (≥ 0), or null when none runs. */
  get timerRemainingMs(): number | null {
    const timer = this.session?.active ? this.session.timer : null;
    if (!timer) return null;
    return Math.max(0, timer.endsAt - (this.now + this.#skewMs));
  }

  /** The server's time now, as far as this tab can tell. */
  serverNow(): number {
    return Date.now() + this.#skewMs;
  }

  /** A new socket: the next state replaces everything, and commands in flight will not be answered. */
  reconnected(): void {
    this.#fresh = true;
    for (const [id, pending] of this.#pending) {
      clearTimeout(pending.timer);
      pending.reject(new FacilitationError('disconnected', 'De verbinding viel weg. Probeer het opnieuw.'));
      this.#pending.delete(id);
    }
  }

  /** Turn "Volg de leider" on or off for this tab; turning it on goes to the room's step at once. */
  setFollowing(following: boolean): void {
    this.following = following;
    if (following && this.roomStep && !this.isLeader) this.#jumpTo(this.roomStep, 'join');
  }

  /**
   * Send a command and wait for the server's answer. Rejects with a Dutch message when the server refuses it,
   * the socket is closed, or no answer comes; `lastError` keeps that message for the UI.
   */
  send(command: FacilitationCommand): Promise<void> {
    const id = `c${++this.#nextId}`;
    const message: ClientMessage = { ...command, v: 1, id };
    return new Promise<void>((resolve, reject) => {
      const fail = (error: FacilitationError) => {
        this.lastError = error.message;
        reject(error);
      };
      if (!this.channel.sendSessionMessage(JSON.stringify(message))) {
        fail(new FacilitationError('offline', 'Geen verbinding met de server. Probeer het zo opnieuw.'));
        return;
      }
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        fail(new FacilitationError('timeout', 'De server antwoordt niet. Probeer het opnieuw.'));
      }, ANSWER_TIMEOUT_MS);
      this.#pending.set(id, {
        resolve: () => {
          this.lastError = null;
          resolve();
        },
        reject: fail,
        timer,
      });
    });
  }

  /** Handle one message of the session channel (public for the tests). */
  receive(raw: unknown): void {
    if (!raw || typeof raw !== 'object') return;
    const message = raw as ServerMessage;
    if (message.v !== 1) return;
    if (message.t === 'state') this.#receiveState(message);
    else if (message.t === 'ok' || message.t === 'error') {
      const pending = message.id === undefined ? undefined : this.#pending.get(message.id);
      if (!pending) {
        if (message.t === 'error') this.lastError = message.message;
        return;
      }
      this.#pending.delete(message.id!);
      clearTimeout(pending.timer);
      if (message.t === 'ok') pending.resolve();
      else pending.reject(new FacilitationError(message.code, message.message));
    }
  }

  destroy(): void {
    for (const unsubscribe of this.#unsubscribe) unsubscribe();
    clearInterval(this.#tick);
    for (const pending of this.#pending.values()) clearTimeout(pending.timer);
    this.#pending.clear();
  }

  #receiveState(message: StateMessage): void {
    if (!this.#fresh && message.rev < this.rev) return;
    const first = this.#fresh;
    this.#fresh = false;
    const previous = this.session;
    this.rev = message.rev;
    this.#skewMs = message.serverNow - Date.now();
    this.session = message.session;
    this.mine = message.mine;
    this.#updateTick();

    const session = message.session;
    if (!session.active || !session.currentStep || message.mine.isLeader) {
      this.#seenSummonId = session.summon?.id ?? null;
      return;
    }
    const summon = session.summon;
    if (summon && summon.id !== this.#seenSummonId && this.#seenSummonId !== undefined && !first) {
      // "Breng iedereen hier" brings back a tab that wandered off, and it follows again from then on.
      this.#seenSummonId = summon.id;
      this.following = true;
      this.#jumpTo(summon.stepId ?? session.currentStep, 'summon');
      return;
    }
    this.#seenSummonId = summon?.id ?? null;
    if (!this.following) return;
    if (first || !previous?.active) this.#jumpTo(session.currentStep, 'join');
    else if (previous.currentStep !== session.currentStep) this.#jumpTo(session.currentStep, 'step');
  }

  #jumpTo(stepId: StepId, reason: Jump['reason']): void {
    this.jump = { seq: (this.jump?.seq ?? 0) + 1, stepId, reason };
  }

  #updateTick(): void {
    const running = this.session?.active === true && this.session.timer !== null;
    if (running && this.#tick === undefined) {
      this.now = Date.now();
      this.#tick = setInterval(() => (this.now = Date.now()), 250);
    } else if (!running && this.#tick !== undefined) {
      clearInterval(this.#tick);
      this.#tick = undefined;
    }
  }
}
