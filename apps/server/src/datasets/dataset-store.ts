import { randomUUID } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import { MOMENTS, type Moment, type NormSet, type Result } from '@koers/analysis';
import { applyMigrations, transaction } from '../db/sqlite';

const MIGRATIONS = [
  {
    name: 'datasets-001-datasets-and-pupil-results',
    sql: `
      CREATE TABLE datasets (
        id TEXT PRIMARY KEY,
        school_id TEXT NOT NULL,
        name TEXT NOT NULL,
        source_file_name TEXT,
        imported_by TEXT,
        imported_at TEXT NOT NULL,
        row_count INTEGER NOT NULL,
        pupil_count INTEGER NOT NULL,
        school_years TEXT NOT NULL,
        moments TEXT NOT NULL,
        subjects TEXT NOT NULL
      );
      CREATE INDEX datasets_school ON datasets(school_id, imported_at);
      -- Pupil-level data lives here and nowhere else (never in a board document). Deleting the dataset
      -- deletes every row (ON DELETE CASCADE, and the store deletes explicitly too).
      CREATE TABLE pupil_results (
        id INTEGER PRIMARY KEY,
        dataset_id TEXT NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
        pupil_id TEXT NOT NULL,
        pupil_name TEXT,
        school TEXT,
        school_year TEXT NOT NULL,
        moment TEXT NOT NULL,
        grade INTEGER NOT NULL,
        class_name TEXT NOT NULL,
        subject TEXT NOT NULL,
        source_row INTEGER NOT NULL,
        data TEXT NOT NULL
      );
      CREATE INDEX pupil_results_dataset ON pupil_results(dataset_id, school_year, moment);
    `,
  },
  {
    name: 'datasets-002-school-norms',
    sql: `
      CREATE TABLE school_norms (
        school_id TEXT PRIMARY KEY,
        norms TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        updated_by TEXT
      );
    `,
  },
  {
    // A large import is written slice by slice (startImport); until its last slice is in, the dataset is
    // incomplete and invisible, and a crash in between leaves rows the next start removes.
    name: 'datasets-003-complete-flag',
    sql: `ALTER TABLE datasets ADD COLUMN complete INTEGER NOT NULL DEFAULT 1;`,
  },
];

/** What a school's members see of a dataset in lists: no pupil data. */
export interface DatasetSummary {
  id: string;
  schoolId: string;
  name: string;
  sourceFileName: string | null;
  /** User id of the importer (null when that account is gone). */
  importedBy: string | null;
  importedAt: string;
  rowCount: number;
  pupilCount: number;
  schoolYears: string[];
  moments: Moment[];
  subjects: string[];
}

/** The school's current norm set (one per school; `updatedAt` is its version). */
export interface StoredNorms {
  normSet: NormSet;
  updatedAt: string;
  updatedBy: string | null;
}

/** Who imported what, under which name. */
export interface DatasetHeader {
  schoolId: string;
  name: string;
  sourceFileName: string | null;
  importedBy: string | null;
}

/** A clean import to store at once. */
export interface NewDataset extends DatasetHeader {
  results: readonly Result[];
}

/** The totals a dataset's summary shows. */
export interface DatasetMeta {
  rows: number;
  pupils: number;
  schoolYears: string[];
  moments: Moment[];
  subjects: string[];
}

/** The totals of a list of results (school years sorted, moments in B-M-E order, subjects as in Dutch). */
export function datasetMeta(results: readonly Result[]): DatasetMeta {
  const years = new Set<string>();
  const moments = new Set<Moment>();
  const subjects = new Set<string>();
  const pupils = new Set<string>();
  for (const r of results) {
    years.add(r.schoolYear);
    moments.add(r.moment);
    subjects.add(r.subject);
    pupils.add(r.pupilId);
  }
  return {
    rows: results.length,
    pupils: pupils.size,
    schoolYears: [...years].sort(),
    moments: MOMENTS.filter((m) => moments.has(m)),
    subjects: [...subjects].sort((a, b) => a.localeCompare(b, 'nl')),
  };
}

/** An import being written slice by slice (see {@link DatasetStore.startImport}). */
export interface DatasetWriter {
  readonly id: string;
  /** Writes one slice of rows in its own transaction. */
  add(results: readonly Result[]): void;
  /** Sets the totals and makes the dataset visible. */
  finish(meta: DatasetMeta): DatasetSummary;
  /** Removes whatever was written (safe to call after finish: then it does nothing). */
  abort(): void;
}

/** The canonical fields kept in the JSON column (the rest are columns to filter on). */
type ResultData = Pick<
  Result,
  | 'testDate'
  | 'score'
  | 'level'
  | 'functioneringsniveau'
  | 'refLevel'
  | 'dl'
  | 'dle'
  | 'domainScores'
  | 'nt2'
  | 'support'
  | 'plus'
  | 'tags'
>;

type Row = Record<string, unknown>;

function toSummary(row: Row): DatasetSummary {
  return {
    id: String(row.id),
    schoolId: String(row.school_id),
    name: String(row.name),
    sourceFileName: row.source_file_name === null ? null : String(row.source_file_name),
    importedBy: row.imported_by === null ? null : String(row.imported_by),
    importedAt: String(row.imported_at),
    rowCount: Number(row.row_count),
    pupilCount: Number(row.pupil_count),
    schoolYears: JSON.parse(String(row.school_years)) as string[],
    moments: JSON.parse(String(row.moments)) as Moment[],
    subjects: JSON.parse(String(row.subjects)) as string[],
  };
}

function toResult(row: Row): Result {
  const data = JSON.parse(String(row.data)) as ResultData;
  return {
    school: row.school === null ? null : String(row.school),
    pupilId: String(row.pupil_id),
    pupilName: row.pupil_name === null ? null : String(row.pupil_name),
    schoolYear: String(row.school_year),
    className: String(row.class_name),
    grade: Number(row.grade),
    subject: String(row.subject),
    moment: String(row.moment) as Moment,
    row: Number(row.source_row),
    ...data,
  };
}

/**
 * The school's imported LVS results (`datasets` + `pupil_results`) and its norms (`school_norms`), in the
 * shared SQLite database. An import is stored in one transaction (all or nothing); deleting a dataset
 * removes every pupil row in one transaction with `secure_delete` on, so the freed pages are overwritten
 * with zeros instead of keeping the children's data on disk.
 */
export class DatasetStore {
  constructor(
    readonly db: DatabaseSync,
    private readonly now: () => number = Date.now,
  ) {
    applyMigrations(db, MIGRATIONS);
    // Leftovers of an import in batches that a crash interrupted.
    const unfinished = db.prepare('SELECT id FROM datasets WHERE complete = 0').all() as Row[];
    for (const row of unfinished) this.delete(String(row.id));
  }

  /** Store a clean import (every row or none) in one transaction and return its summary. */
  create(input: NewDataset): DatasetSummary {
    const id = randomUUID();
    this.#withSecureDelete(() =>
      transaction(this.db, () => {
        this.#insertDataset(id, input, datasetMeta(input.results), true);
        this.#insertRows(id, input.results);
      }),
    );
    return this.#summary(id);
  }

  /**
   * Store a clean import slice by slice as it arrives (from the import worker), each slice in its own short
   * transaction, so a file of half a million rows neither holds up every board's sync for seconds nor has
   * to sit in the main thread's memory at once. The dataset row is written with the first slice as
   * `complete = 0`, which hides it from every read, and marked complete by `finish` with the totals:
   * readers see all of an import or nothing. `abort` removes what was written; after a crash, the next
   * start does (constructor).
   */
  startImport(input: DatasetHeader): DatasetWriter {
    const id = randomUUID();
    let created = false;
    let closed = false;
    let finished = false;
    const create = (): void => {
      if (created) return;
      this.#insertDataset(
        id,
        input,
        { rows: 0, pupils: 0, schoolYears: [], moments: [], subjects: [] },
        false,
      );
      created = true;
    };
    return {
      id,
      add: (results) => {
        if (closed) throw new Error('import already finished or aborted');
        this.#withSecureDelete(() =>
          transaction(this.db, () => {
            create();
            this.#insertRows(id, results);
          }),
        );
      },
      finish: (meta) => {
        if (closed) throw new Error('import already finished or aborted');
        closed = true;
        transaction(this.db, () => {
          create();
          this.db
            .prepare(
              `UPDATE datasets SET row_count = ?, pupil_count = ?, school_years = ?, moments = ?, subjects = ?,
               complete = 1 WHERE id = ?`,
            )
            .run(
              meta.rows,
              meta.pupils,
              JSON.stringify(meta.schoolYears),
              JSON.stringify(meta.moments),
              JSON.stringify(meta.subjects),
              id,
            );
        });
        finished = true;
        return this.#summary(id);
      },
      abort: () => {
        if (finished) return;
        closed = true;
        if (created) this.delete(id);
      },
    };
  }

  #summary(id: string): DatasetSummary {
    const summary = this.get(id);
    if (!summary) throw new Error('dataset vanished right after insert');
    return summary;
  }

  #insertDataset(id: string, input: DatasetHeader, meta: DatasetMeta, complete: boolean): void {
    this.db
      .prepare(
        `INSERT INTO datasets (id, school_id, name, source_file_name, imported_by, imported_at, row_count,
         pupil_count, school_years, moments, subjects, complete) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        input.schoolId,
        input.name,
        input.sourceFileName,
        input.importedBy,
        new Date(this.now()).toISOString(),
        meta.rows,
        meta.pupils,
        JSON.stringify(meta.schoolYears),
        JSON.stringify(meta.moments),
        JSON.stringify(meta.subjects),
        complete ? 1 : 0,
      );
  }

  #insertRows(id: string, results: readonly Result[]): void {
    const insert = this.db.prepare(
      `INSERT INTO pupil_results (dataset_id, pupil_id, pupil_name, school, school_year, moment, grade,
       class_name, subject, source_row, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const r of results) {
      const data: ResultData = {
        testDate: r.testDate,
        score: r.score,
        level: r.level,
        functioneringsniveau: r.functioneringsniveau,
        refLevel: r.refLevel,
        dl: r.dl,
        dle: r.dle,
        domainScores: r.domainScores,
        nt2: r.nt2,
        support: r.support,
        plus: r.plus,
        tags: r.tags,
      };
      insert.run(
        id,
        r.pupilId,
        r.pupilName,
        r.school,
        r.schoolYear,
        r.moment,
        r.grade,
        r.className,
        r.subject,
        r.row,
        JSON.stringify(data),
      );
    }
  }

  /** A school's datasets, newest first. */
  list(schoolId: string): DatasetSummary[] {
    return (
      this.db
        .prepare(
          'SELECT * FROM datasets WHERE school_id = ? AND complete = 1 ORDER BY imported_at DESC, rowid DESC',
        )
        .all(schoolId) as Row[]
    ).map(toSummary);
  }

  get(id: string): DatasetSummary | null {
    const row = this.db.prepare('SELECT * FROM datasets WHERE id = ? AND complete = 1').get(id) as
      Row | undefined;
    return row ? toSummary(row) : null;
  }

  /** The dataset's canonical results in file order, optionally for one school year and/or moment. */
  results(id: string, filter: { schoolYear?: string; moment?: Moment } = {}): Result[] {
    const where = ['dataset_id = ?'];
    const args: string[] = [id];
    if (filter.schoolYear !== undefined) {
      where.push('school_year = ?');
      args.push(filter.schoolYear);
    }
    if (filter.moment !== undefined) {
      where.push('moment = ?');
      args.push(filter.moment);
    }
    return (
      this.db
        .prepare(`SELECT * FROM pupil_results WHERE ${where.join(' AND ')} ORDER BY id`)
        .all(...args) as Row[]
    ).map(toResult);
  }

  /**
   * Delete the dataset and every pupil row, in one transaction, with `secure_delete` on (freed space is
   * overwritten with zeros) and a WAL checkpoint afterwards, so the pupil data does not linger in freed
   * pages or old WAL frames. Returns the number of pupil rows removed, or null when the dataset does not exist.
   */
  delete(id: string): number | null {
    return this.#withSecureDelete(() => {
      const removed = transaction(this.db, () => {
        if (!this.db.prepare('SELECT 1 FROM datasets WHERE id = ?').get(id)) return null;
        const rows = this.db.prepare('DELETE FROM pupil_results WHERE dataset_id = ?').run(id);
        this.db.prepare('DELETE FROM datasets WHERE id = ?').run(id);
        return Number(rows.changes);
      });
      // Best effort: a reader holding an old snapshot can keep part of the WAL alive until the next checkpoint.
      if (removed !== null) this.db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
      return removed;
    });
  }

  /**
   * Run `fn` with `secure_delete` on. It is a per-connection setting and the connection is shared, so it is
   * switched on only around our own writes (node:sqlite is synchronous: nothing else runs in between) and
   * restored after. Needed on insert too: when a b-tree page splits, SQLite zeroes the space the moved
   * cells leave behind only with secure_delete on, so without it pupil names linger in page slack.
   */
  #withSecureDelete<T>(fn: () => T): T {
    const previous = (this.db.prepare('PRAGMA secure_delete').get() as Row | undefined)?.secure_delete;
    this.db.exec('PRAGMA secure_delete = ON');
    try {
      return fn();
    } finally {
      this.db.exec(`PRAGMA secure_delete = ${Number(previous) === 1 ? 'ON' : 'OFF'}`);
    }
  }

  /** The school's current norm set, or null when none was saved. */
  getNorms(schoolId: string): StoredNorms | null {
    const row = this.db.prepare('SELECT * FROM school_norms WHERE school_id = ?').get(schoolId) as
      Row | undefined;
    if (!row) return null;
    return {
      normSet: JSON.parse(String(row.norms)) as NormSet,
      updatedAt: String(row.updated_at),
      updatedBy: row.updated_by === null ? null : String(row.updated_by),
    };
  }

  /** Replace the school's norm set (validate with `parseNormSet` first). */
  putNorms(schoolId: string, normSet: NormSet, updatedBy: string | null): StoredNorms {
    const updatedAt = new Date(this.now()).toISOString();
    this.db
      .prepare(
        `INSERT INTO school_norms (school_id, norms, updated_at, updated_by) VALUES (?, ?, ?, ?)
         ON CONFLICT(school_id) DO UPDATE SET norms = excluded.norms, updated_at = excluded.updated_at,
           updated_by = excluded.updated_by`,
      )
      .run(schoolId, JSON.stringify(normSet), updatedAt, updatedBy);
    return { normSet, updatedAt, updatedBy };
  }
}

/** The dataset store on the shared database (applies its `datasets-` migrations). */
export function createDatasetStore(db: DatabaseSync, now?: () => number): DatasetStore {
  return new DatasetStore(db, now);
}
