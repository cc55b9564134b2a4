import { existsSync, readFileSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDatabase } from '../auth/testing';
import { createDatasetStore, datasetMeta, type DatasetStore } from './dataset-store';
import { namedDemoSchool } from './testing';

/** The database file and its WAL, as bytes on disk. */
function bytesOnDisk(file: string): Buffer {
  const parts = [readFileSync(file)];
  if (existsSync(`${file}-wal`)) parts.push(readFileSync(`${file}-wal`));
  return Buffer.concat(parts);
}

describe('dataset store', () => {
  let temp: ReturnType<typeof tempDatabase>;
  let store: DatasetStore;
  let clock: number;
  const demo = namedDemoSchool({ seed: 11, schoolYears: 2, pupilsPerGroup: 8 });

  beforeEach(() => {
    temp = tempDatabase();
    clock = Date.UTC(2026, 1, 3, 9, 0, 0);
    store = createDatasetStore(temp.db, () => clock);
  });
  afterEach(() => temp.cleanup());

  it('round-trips canonical results, lists per school, and filters on year and moment', () => {
    const summary = store.create({
      schoolId: 's1',
      name: 'Cito',
      sourceFileName: 'cito.csv',
      importedBy: 'u1',
      results: demo.results,
    });
    expect(summary).toMatchObject({
      schoolId: 's1',
      rowCount: demo.results.length,
      pupilCount: demo.pupilIds.length,
      importedAt: '2026-02-03T09:00:00.000Z',
      schoolYears: ['2024-2025', '2025-2026'],
      moments: ['M', 'E'],
      subjects: ['Begrijpend lezen', 'Rekenen-Wiskunde', 'Spelling', 'Technisch lezen'],
    });
    // Every field of every result comes back as it went in.
    expect(store.results(summary.id)).toEqual(demo.results);
    const m2526 = store.results(summary.id, { schoolYear: '2025-2026', moment: 'M' });
    expect(m2526).toEqual(demo.results.filter((r) => r.schoolYear === '2025-2026' && r.moment === 'M'));
    expect(m2526.length).toBeGreaterThan(0);
    expect(store.list('s1').map((d) => d.id)).toEqual([summary.id]);
    expect(store.list('s2')).toEqual([]);
  });

  it('stores an import all-or-nothing: a failure halfway leaves no dataset and no row', () => {
    const broken = [...demo.results];
    // A NOT NULL column violated in the middle of the batch.
    broken[500] = { ...broken[500]!, subject: null as unknown as string };
    expect(() =>
      store.create({ schoolId: 's1', name: 'x', sourceFileName: null, importedBy: null, results: broken }),
    ).toThrow();
    const db = new DatabaseSync(temp.file, { readOnly: true });
    try {
      expect(db.prepare('SELECT COUNT(*) AS n FROM pupil_results').get()).toEqual({ n: 0 });
      expect(db.prepare('SELECT COUNT(*) AS n FROM datasets').get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });

  it('deletes every pupil row and overwrites them on disk (secure_delete), leaving the setting as it was', () => {
    const summary = store.create({
      schoolId: 's1',
      name: 'Cito',
      sourceFileName: null,
      importedBy: null,
      results: demo.results,
    });
    // A second dataset of the same school stays: its rows share the pages the deleted ones were on.
    const kept = demo.results.slice(0, 50).map((r, i) => ({ ...r, pupilName: `Zoë Blijft ${i}` }));
    const keep = store.create({
      schoolId: 's1',
      name: 'Blijft',
      sourceFileName: null,
      importedBy: null,
      results: kept,
    });
    temp.db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    // Before: the names are in the file, so the check below can see them.
    expect(demo.names.filter((n) => bytesOnDisk(temp.file).includes(n))).toEqual(demo.names);

    expect(store.delete(summary.id)).toBe(demo.results.length);
    expect(store.get(summary.id)).toBeNull();
    expect(store.results(summary.id)).toEqual([]);
    const onDisk = bytesOnDisk(temp.file);
    // Not a trace of the deleted dataset's names in the database file or its WAL, not even in free space…
    expect(demo.names.filter((n) => onDisk.includes(n))).toEqual([]);
    // …while the other dataset is whole.
    expect(store.results(keep.id)).toEqual(kept);
    expect(temp.db.prepare('PRAGMA secure_delete').get()).toEqual({ secure_delete: 0 });
    expect(store.delete(summary.id)).toBeNull();
  });

  it('keeps one current norm set per school, versioned by updatedAt', () => {
    expect(store.getNorms('s1')).toBeNull();
    store.putNorms('s1', demo.normSet, 'u1');
    clock += 60_000;
    const second = store.putNorms('s1', { version: 1, norms: [] }, 'u2');
    expect(store.getNorms('s1')).toEqual(second);
    expect(second).toEqual({
      normSet: { version: 1, norms: [] },
      updatedAt: '2026-02-03T09:01:00.000Z',
      updatedBy: 'u2',
    });
    expect(store.getNorms('s2')).toBeNull();
  });

  describe('an import written slice by slice', () => {
    const header = { schoolId: 's1', name: 'Groot', sourceFileName: 'groot.csv', importedBy: 'u1' };
    const rowsOf = (id: string): number =>
      Number(
        (
          temp.db.prepare('SELECT COUNT(*) AS n FROM pupil_results WHERE dataset_id = ?').get(id) as {
            n: number;
          }
        ).n,
      );

    it('is invisible until finished, then equals a one-transaction import', () => {
      const writer = store.startImport(header);
      writer.add(demo.results.slice(0, 100));
      writer.add(demo.results.slice(100));
      expect(store.get(writer.id)).toBeNull();
      expect(store.list('s1')).toEqual([]);
      expect(rowsOf(writer.id)).toBe(demo.results.length);
      const summary = writer.finish(datasetMeta(demo.results));
      const once = store.create({ ...header, results: demo.results });
      expect({ ...summary, id: once.id }).toEqual(once);
      expect(store.results(writer.id)).toEqual(store.results(once.id));
      writer.abort(); // after finish: nothing happens
      expect(store.get(writer.id)).not.toBeNull();
    });

    it('leaves nothing when aborted, and a crash leftover is removed at the next start', () => {
      const aborted = store.startImport(header);
      aborted.add(demo.results.slice(0, 50));
      aborted.abort();
      expect(rowsOf(aborted.id)).toBe(0);
      expect(temp.db.prepare('SELECT COUNT(*) AS n FROM datasets').get()).toEqual({ n: 0 });

      const crashed = store.startImport(header);
      crashed.add(demo.results.slice(0, 50));
      // The process dies here; the next start opens the store on the same database.
      createDatasetStore(temp.db);
      expect(rowsOf(crashed.id)).toBe(0);
      expect(temp.db.prepare('SELECT COUNT(*) AS n FROM datasets').get()).toEqual({ n: 0 });
    });
  });
});
