/**
 * The least time between two answers to one socket's QUERY_AWARENESS. Each answer holds every presence
 * state of the room, so answering every query would let one socket make the server encode and queue
 * N × (all states). The stock y-websocket client never queries over the socket (only over its
 * BroadcastChannel), so a second is no loss to anyone.
 */
export const QUERY_AWARENESS_INTERVAL_MS = 1000;

/**
 * Answers a socket's presence queries at most once per interval. A query inside the interval is folded
 * into one answer at its end (with the states as they are then); more queries meanwhile add nothing.
 */
export class QueryThrottle {
  readonly #answer: () => void;
  readonly #intervalMs: number;
  #lastAnswer = Number.NEGATIVE_INFINITY;
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;

  constructor(answer: () => void, intervalMs = QUERY_AWARENESS_INTERVAL_MS) {
    this.#answer = answer;
    this.#intervalMs = intervalMs;
  }

  request(): void {
    if (this.#stopped || this.#timer) return; // an answer is already on its way: this query shares it
    const wait = this.#lastAnswer + this.#intervalMs - performance.now();
    if (wait <= 0) {
      this.#fire();
      return;
    }
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#fire();
    }, wait);
    this.#timer.unref();
  }

  /** Drop a pending answer (the socket is gone). Idempotent. */
  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #fire(): void {
    if (this.#stopped) return;
    this.#lastAnswer = performance.now();
    this.#answer();
  }
}
