import type { AggregateReport } from './aggregate-view';

/**
 * A small least-recently-used cache of aggregate reports. A dataset never changes after import, so a
 * report is fully determined by (dataset, year, moment, norm set); analysing is synchronous and takes
 * ~0.15 s for 23,000 rows, which would otherwise hold up the sync server each time a board with several
 * charts (or a projector) opens. Holds aggregates only, never pupil rows; a deleted dataset is evicted.
 */
export class ReportCache {
  readonly #entries = new Map<string, { datasetId: string; report: AggregateReport }>();

  constructor(private readonly capacity = 8) {}

  static key(datasetId: string, year: string, moment: string, normSetJson: string, subgroup = ''): string {
    return JSON.stringify([datasetId, year, moment, normSetJson, subgroup]);
  }

  get(key: string): AggregateReport | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    // Re-insert: Map keeps insertion order, so the first key is always the least recently used.
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry.report;
  }

  set(key: string, datasetId: string, report: AggregateReport): void {
    this.#entries.delete(key);
    this.#entries.set(key, { datasetId, report });
    while (this.#entries.size > this.capacity) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
  }

  /** Forget every report of a dataset (on delete). */
  evictDataset(datasetId: string): void {
    for (const [key, entry] of this.#entries) if (entry.datasetId === datasetId) this.#entries.delete(key);
  }

  get size(): number {
    return this.#entries.size;
  }
}
