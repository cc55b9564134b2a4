import type { DatabaseSync } from 'node:sqlite';
import { analyseSchool, generateDemoSchool } from '@koers/analysis';
import type { AuditLog } from '../audit/audit-log';
import type { DatasetStore } from '../datasets/dataset-store';
import type { Logger } from '../log';
import { DEMO_SCHOOL_NAME, DEMO_USERS, ensureDemoSchool } from '../schools/seed-demo-school';
import { SchoolStore } from '../schools/school-store';
import type { BoardStore } from '../storage/board-store';
import { seedDemo } from './seed-demo';

/** The name of the demo school's imported results (shown in the dataset list). */
export const DEMO_DATASET_NAME = 'Demo: LVS-resultaten 2020–2026';

/** Fixed, so every demo server shows the same fictitious results. */
const DEMO_SEED = 2026;

export interface DemoSeedResult {
  schoolId: string;
  /** The demo board when it was created now (on an empty database). */
  boardId: string | undefined;
  /** The demo dataset when it was imported now (the demo school had none). */
  datasetId: string | undefined;
  /** Boards without a school (from before boards were scoped per school) that were given to the demo school. */
  assignedBoards: number;
}

/**
 * Everything `DEMO=true` gives a newcomer, idempotent (runs at every start):
 * - the demo school "Basisschool De Vlinder (demo)" with its documented logins (`ensureDemoSchool`);
 * - boards that have no school yet (created before boards were scoped per school) go to the demo school,
 *   otherwise nobody could reach them;
 * - fictitious LVS results (the analysis package's demo school, without pupil names) as a dataset of the
 *   demo school when it has none, and its norms when it has none;
 * - the demo board on an empty database, its typed things read from those results.
 */
export async function seedDemoData(deps: {
  db: DatabaseSync;
  store: BoardStore;
  datasets: DatasetStore;
  audit?: AuditLog;
  log?: Logger;
}): Promise<DemoSeedResult> {
  const { store, datasets, log } = deps;
  const schoolId = await ensureDemoSchool(deps.db);
  const assignedBoards = await store.assignUnscopedBoards(schoolId);
  if (assignedBoards > 0) log?.info('boards without a school given to the demo school', { assignedBoards });
  let datasetId: string | undefined;
  if (datasets.list(schoolId).length === 0) {
    const demo = generateDemoSchool({ seed: DEMO_SEED, school: DEMO_SCHOOL_NAME });
    const dataset = datasets.create({
      schoolId,
      name: DEMO_DATASET_NAME,
      sourceFileName: null,
      importedBy: null,
      results: demo.results,
    });
    datasetId = dataset.id;
    deps.audit?.record({
      actorUserId: null,
      schoolId,
      action: 'dataset.import',
      subjectId: dataset.id,
      details: { demo: true, rows: dataset.rowCount, pupils: dataset.pupilCount },
    });
    if (!datasets.getNorms(schoolId)) datasets.putNorms(schoolId, demo.normSet, null);
    log?.info('demo dataset imported', { datasetId, rows: dataset.rowCount });
  }
  // The demo board's fact cards and charts are read from the demo school's results, so they agree.
  const dataset = datasets.list(schoolId)[0];
  const norms = datasets.getNorms(schoolId);
  const canvas = dataset
    ? { datasetId: dataset.id, report: analyseSchool(datasets.results(dataset.id), norms?.normSet) }
    : undefined;
  // The demo accounts own the demo's actions (owners are account ids; the app shows the names).
  const schools = new SchoolStore(deps.db);
  const [leider, leerkracht] = DEMO_USERS.map((u) => schools.findUserByEmail(u.email)?.id);
  const owners = leider && leerkracht ? { leider, leerkracht } : undefined;
  const board = await seedDemo(store, {
    schoolId,
    ...(canvas ? { canvas } : {}),
    ...(owners ? { owners } : {}),
  });
  if (board) log?.info('demo board created', { boardId: board.id });
  return { schoolId, boardId: board?.id, datasetId, assignedBoards };
}
