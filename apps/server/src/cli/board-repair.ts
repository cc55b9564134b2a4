import path from 'node:path';
import { parseArgs } from 'node:util';
import { TITLE_MAX_LENGTH, readMeta } from '@koers/board';
import { loadConfig } from '../config';
import { openDatabase } from '../db/sqlite';
import { SqliteBoardStore } from '../storage/sqlite-board-store';
import { repairBoardState } from '../sync/board-repair';
import { verifiedSnapshot } from '../sync/room';
import { DATABASE_FILE, type AdminIO } from './admin';

const USAGE = `Gebruik: pnpm koers board repair <bord-id> [--write]

Bouwt het bord opnieuw op uit de opgeslagen snapshot en het log, update voor update, en slaat over wat niet
schoon toe te passen is. Zonder --write verandert er niets (proefrun); met --write wordt het resultaat de
nieuwe snapshot en vervalt het log. Doe dat terwijl niemand het bord open heeft (een bord dat niet laadt,
heeft niemand open).
`;

/**
 * `pnpm koers board repair <id> [--write]`: report what of a board's stored log cannot be applied cleanly
 * and, with --write, store the rebuilt board as its new snapshot. Exit code: 0 done (or nothing to repair),
 * 1 refused (unknown board), 2 wrong usage.
 */
export async function boardRepairCommand(argv: string[], io: Omit<AdminIO, 'readStdin'>): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { write: { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  const boardId = parsed.positionals[0];
  if (!boardId || parsed.positionals.length > 1) {
    io.err(USAGE);
    return 2;
  }
  const config = loadConfig(io.env);
  const db = openDatabase(path.join(config.dataDir, DATABASE_FILE));
  try {
    const store = new SqliteBoardStore(db);
    if (!(await store.getBoard(boardId))) {
      io.err(`Bord niet gevonden: ${boardId}\n`);
      return 1;
    }
    const state = await store.loadBoardState(boardId);
    const result = repairBoardState(state);
    const problems = result.entries.filter((entry) => entry.outcome !== 'applied');
    const total = result.entries.length;
    io.out(`Bord ${boardId}: ${total} ${total === 1 ? 'deel' : 'delen'} gelezen (snapshot en log).\n`);
    for (const entry of problems) {
      const what = entry.seq === 'snapshot' ? 'snapshot' : `update ${entry.seq}`;
      const outcome = entry.outcome === 'skipped' ? 'overgeslagen' : 'gedeeltelijk hersteld';
      io.out(`  ${what}: ${outcome} (${entry.reason ?? ''})\n`);
    }
    if (problems.length === 0) {
      io.out('Alles is schoon toe te passen; er is niets te herstellen.\n');
      return 0;
    }
    if (!parsed.values.write) {
      io.out(
        'Proefrun: er is niets veranderd. Draai opnieuw met --write om het herstelde bord op te slaan.\n',
      );
      return 0;
    }
    // The same proof compaction asks for: the snapshot loads back into exactly the rebuilt board.
    const snapshot = verifiedSnapshot(result.doc);
    await store.compact(boardId, snapshot, state.lastSeq);
    const title = readMeta(result.doc).title.trim().slice(0, TITLE_MAX_LENGTH);
    if (title) await store.setTitle(boardId, title);
    io.out(
      `Hersteld: nieuwe snapshot van ${snapshot.byteLength} bytes opgeslagen; het log tot en met ${state.lastSeq} is vervangen.\n`,
    );
    return 0;
  } finally {
    db.close();
  }
}
