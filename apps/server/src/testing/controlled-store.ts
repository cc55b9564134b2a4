import type { BoardStore } from '../storage/board-store';

/** A gate a test opens when it is ready: `wait()` resolves only after `open()`. */
export class Gate {
  #open!: () => void;
  readonly #opened = new Promise<void>((resolve) => {
    this.#open = resolve;
  });
  open(): void {
    this.#open();
  }
  wait(): Promise<void> {
    return this.#opened;
  }
}

/**
 * A real store with test controls in front of it: hold appends or compactions at a gate, or make appends
 * fail. The data still goes to the real SQLite store underneath.
 */
export class ControlledStore implements BoardStore {
  readonly inner: BoardStore;
  appendGate: Gate | undefined;
  compactGate: Gate | undefined;
  failAppends = false;
  failCompactions = false;
  appendCalls = 0;
  compactCalls = 0;
  loadCalls = 0;
  /** Hold loads here (to make several sockets arrive while a board is loading). */
  loadGate: Gate | undefined;

  constructor(inner: BoardStore) {
    this.inner = inner;
  }

  createBoard: BoardStore['createBoard'] = (board) => this.inner.createBoard(board);
  listBoards: BoardStore['listBoards'] = (filter) => this.inner.listBoards(filter);
  getBoard: BoardStore['getBoard'] = (id) => this.inner.getBoard(id);
  countBoards: BoardStore['countBoards'] = () => this.inner.countBoards();
  loadBoardState: BoardStore['loadBoardState'] = async (id) => {
    this.loadCalls++;
    const gate = this.loadGate;
    if (gate) await gate.wait();
    return this.inner.loadBoardState(id);
  };
  deleteBoard: BoardStore['deleteBoard'] = (id) => this.inner.deleteBoard(id);
  assignUnscopedBoards: BoardStore['assignUnscopedBoards'] = (schoolId) =>
    this.inner.assignUnscopedBoards(schoolId);
  setTitle: BoardStore['setTitle'] = (id, title) => this.inner.setTitle(id, title);
  ping: BoardStore['ping'] = () => this.inner.ping();

  appendUpdates: BoardStore['appendUpdates'] = async (id, updates) => {
    this.appendCalls++;
    const gate = this.appendGate;
    if (gate) await gate.wait();
    if (this.failAppends) throw new Error('disk full (simulated)');
    return this.inner.appendUpdates(id, updates);
  };

  compact: BoardStore['compact'] = async (id, snapshot, upToSeq) => {
    this.compactCalls++;
    const gate = this.compactGate;
    if (gate) await gate.wait();
    if (this.failCompactions) throw new Error('snapshot write failed (simulated)');
    return this.inner.compact(id, snapshot, upToSeq);
  };
}
