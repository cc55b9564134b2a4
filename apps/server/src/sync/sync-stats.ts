/**
 * Counters of the write pipeline, logged periodically (`sync stats`), so an operator — and the benchmark —
 * can see what the server itself adds to fan-out latency, apart from network and client time.
 */

/** Upper bounds (ms) of the latency histogram buckets; the last bucket is everything above. */
export const LATENCY_BUCKETS_MS: readonly number[] = [0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];

export interface SyncStatsWindow {
  /** Updates stored and broadcast in this window. */
  updates: number;
  /** Transactions committed (group commits) in this window. */
  commits: number;
  /** Slowest commit in this window. */
  commitMsMax: number;
  /** Counts per bucket of LATENCY_BUCKETS_MS (+1 overflow bucket) of receive → broadcast time. */
  pipelineHistogram: number[];
  pipelineMsP50: number;
  pipelineMsP99: number;
}

function bucketPercentile(histogram: readonly number[], total: number, p: number): number {
  if (total === 0) return 0;
  const rank = Math.ceil((p / 100) * total);
  let seen = 0;
  for (const [i, count] of histogram.entries()) {
    seen += count;
    if (seen >= rank) return LATENCY_BUCKETS_MS[i] ?? Number.POSITIVE_INFINITY;
  }
  return Number.POSITIVE_INFINITY;
}

export class SyncStats {
  #updates = 0;
  #commits = 0;
  #commitMsMax = 0;
  #histogram = new Array<number>(LATENCY_BUCKETS_MS.length + 1).fill(0);

  recordCommit(ms: number, updates: number): void {
    this.#commits++;
    this.#updates += updates;
    if (ms > this.#commitMsMax) this.#commitMsMax = ms;
  }

  /** Time from applying a received update to having written it to every other socket. */
  recordPipeline(ms: number): void {
    let bucket = LATENCY_BUCKETS_MS.findIndex((bound) => ms <= bound);
    if (bucket === -1) bucket = LATENCY_BUCKETS_MS.length;
    this.#histogram[bucket] = (this.#histogram[bucket] ?? 0) + 1;
  }

  /** The counters since the last call (and start a new window). */
  takeWindow(): SyncStatsWindow {
    const histogram = this.#histogram;
    const total = histogram.reduce((sum, n) => sum + n, 0);
    const window: SyncStatsWindow = {
      updates: this.#updates,
      commits: this.#commits,
      commitMsMax: Math.round(this.#commitMsMax * 100) / 100,
      pipelineHistogram: histogram,
      pipelineMsP50: bucketPercentile(histogram, total, 50),
      pipelineMsP99: bucketPercentile(histogram, total, 99),
    };
    this.#updates = 0;
    this.#commits = 0;
    this.#commitMsMax = 0;
    this.#histogram = new Array<number>(LATENCY_BUCKETS_MS.length + 1).fill(0);
    return window;
  }
}
