import type * as Y from 'yjs';
import { isAllowed, type Principal } from '../auth/policy';
import { TokenBucketLimiter } from '../auth/rate-limit';
import { errorFields, type Logger } from '../log';
import type { Connection } from '../sync/connection';
import type { HookContext, SyncExtension } from '../sync/hooks';
import { encodeStatelessMessage } from '../sync/messages';
import {
  CommandError,
  LEADER_COMMAND_TYPES,
  MEMBER_COMMAND_TYPES,
  PROTOCOL_VERSION,
  parseMessage,
  type Command,
  type ErrorCode,
} from './protocol';
import { applyStateCommand, type Actor, type SessionState, type StateCommand } from './session-state';
import type { Draft, SessionStore } from './session-store';
import { refuseForgedResults } from './server-written-records';
import { mineView, sessionView, stateMessage, type LiveSecrets, type Viewer } from './session-view';
import { cancelRound, deleteDraft, revealRound, saveDraft, startRound } from './silent-writing';
import { cancelVote, closeVote, placeDot, removeDot, startVote, type Ballots } from './voting';

/** Messages per socket: a burst of 40, then 10 per second (a person clicks; a script floods). */
const RATE_BURST = 40;
const RATE_PER_SECOND = 10;
/** A flooding socket is told once per this interval, not once per message. */
const RATE_ERROR_INTERVAL_MS = 1000;

/** A command that took longer than this (parse, store with fsync, send to every socket) is logged. */
const SLOW_COMMAND_MS = 20;

/** One board's live session: its state, its secrets and the sockets on it. */
interface LiveBoard {
  boardId: string;
  state: SessionState;
  drafts: Map<string, Draft>;
  ballots: Ballots;
  connections: Set<Connection>;
}

export interface FacilitationOptions {
  store: SessionStore;
  log: Logger;
  now?: () => number;
}

export interface FacilitationExtension extends SyncExtension {
  /** The stored-and-live state of a board (tests and diagnostics; secrets not included). */
  stateOf(boardId: string): SessionState | undefined;
  /** Send a socket its view again (after its user's role changed). */
  refresh(connection: Connection): void;
}

/**
 * The facilitation channel as a sync extension: stateless JSON messages on the board's socket (see
 * protocol.ts and the server README). Leader commands need `board:facilitate`, own drafts, dots and "klaar"
 * need `board:write`; every change is stored before it is sent, and each socket is sent its own redacted
 * view (session-view.ts). A bad message gets an `error` reply; it never closes the socket or the room.
 */
export function facilitationExtension(options: FacilitationOptions): FacilitationExtension {
  const { store } = options;
  const log = options.log.child({ component: 'facilitation' });
  const now = options.now ?? Date.now;
  const boards = new Map<string, LiveBoard>();
  const limiter = new TokenBucketLimiter({ capacity: RATE_BURST, refillPerMs: RATE_PER_SECOND / 1000, now });
  const lastRateError = new WeakMap<Connection, number>();

  const viewerOf = (connection: Connection): Viewer => {
    const user = connection.user;
    const principal: Principal | undefined =
      user?.role === 'leider' || user?.role === 'leerkracht'
        ? user.role
        : connection.readOnly
          ? 'projector'
          : undefined;
    return {
      userId: user?.role ? user.id : null,
      canFacilitate: principal !== undefined && isAllowed(principal, 'board:facilitate'),
      canWrite: !connection.readOnly && user?.role !== undefined,
    };
  };

  const secretsOf = (board: LiveBoard): LiveSecrets => ({
    drafts: board.drafts,
    ballots: board.ballots,
    leaderOnline:
      board.state.leader !== null &&
      [...board.connections].some((c) => c.user?.id === board.state.leader?.userId),
  });

  const send = (connection: Connection, message: Record<string, unknown>): void => {
    connection.send(encodeStatelessMessage(JSON.stringify({ v: PROTOCOL_VERSION, ...message })));
  };

  /** Send the state to the sockets `to` selects (all by default), each its own view. */
  const broadcast = (
    board: LiveBoard,
    to: (connection: Connection, viewer: Viewer) => boolean = () => true,
  ): void => {
    const secrets = secretsOf(board);
    const serverNow = now();
    let everyone: string | undefined;
    let facilitators: string | undefined;
    for (const connection of board.connections) {
      const viewer = viewerOf(connection);
      if (!to(connection, viewer)) continue;
      const session = viewer.canFacilitate
        ? (facilitators ??= JSON.stringify(sessionView(board.state, secrets, true)))
        : (everyone ??= JSON.stringify(sessionView(board.state, secrets, false)));
      const message = stateMessage(
        board.state.rev,
        serverNow,
        session,
        mineView(board.state, secrets, viewer),
      );
      connection.send(encodeStatelessMessage(message));
    }
  };

  /** Bump the revision, store the state, send it. */
  const commit = (board: LiveBoard, to?: (connection: Connection, viewer: Viewer) => boolean): void => {
    board.state.rev++;
    store.saveState(board.boardId, board.state);
    broadcast(board, to);
  };

  /**
   * For navigation (step, timer, spotlight, summon, follow, open/closed steps, "klaar"): send first, then
   * store in the same turn. The frames are handed to the kernel before the fsync, so a disk stall (hundreds
   * of ms on a busy machine) does not hold the room's screens; a crash in between loses that one change,
   * and clients take the first state after a reconnect as it is, whatever its rev (see the README).
   */
  const commitFast = (board: LiveBoard): void => {
    board.state.rev++;
    broadcast(board);
    store.saveState(board.boardId, board.state);
  };

  /** Only the author's sockets and the facilitators see a change of someone's drafts or dots. */
  const authorAndFacilitators =
    (userId: string) =>
    (connection: Connection, viewer: Viewer): boolean =>
      viewer.canFacilitate || connection.user?.id === userId;

  const handle = (board: LiveBoard, doc: Y.Doc, connection: Connection, command: Command): void => {
    const viewer = viewerOf(connection);
    const actor: Actor = { userId: connection.user?.id ?? '', name: connection.user?.name ?? '' };
    const state = board.state;
    const at = now();
    if (command.t === 'state.get') {
      broadcast(board, (c) => c === connection);
      return;
    }
    if (LEADER_COMMAND_TYPES.has(command.t)) {
      if (!viewer.canFacilitate)
        throw new CommandError('forbidden', 'Alleen de leider kan de sessie leiden.');
      const claims = command.t === 'session.takeOver' || (command.t === 'session.start' && !state.active);
      if (!claims && state.active && state.leader?.userId !== actor.userId) {
        throw new CommandError(
          'not-leader',
          `${state.leader?.name ?? 'Iemand anders'} leidt deze sessie. Neem eerst over.`,
        );
      }
    } else if (MEMBER_COMMAND_TYPES.has(command.t)) {
      if (!viewer.canWrite) throw new CommandError('forbidden', 'Je kunt op dit bord niet meedoen.');
      if (!state.active) throw new CommandError('no-session', 'Er loopt geen sessie.');
    }
    switch (command.t) {
      case 'silent.start':
        if (!state.active) throw new CommandError('no-session', 'Er loopt geen sessie.');
        startRound(state, command, at);
        commit(board);
        return;
      case 'silent.reveal': {
        const roundId = state.silent?.id;
        const { authors } = revealRound(
          doc,
          state,
          board.drafts,
          command.anonymous ?? state.silent?.anonymous ?? false,
          at,
        );
        state.rev++;
        store.endRound(board.boardId, roundId ?? '', state, authors);
        broadcast(board);
        return;
      }
      case 'silent.cancel': {
        const roundId = cancelRound(state, board.drafts);
        state.rev++;
        store.endRound(board.boardId, roundId, state, []);
        broadcast(board);
        return;
      }
      case 'vote.start':
        if (!state.active) throw new CommandError('no-session', 'Er loopt geen sessie.');
        startVote(state, command, at);
        commit(board);
        return;
      case 'vote.close': {
        const voteId = closeVote(doc, state, board.ballots, at);
        state.rev++;
        store.endVote(board.boardId, voteId, state);
        broadcast(board);
        return;
      }
      case 'vote.cancel': {
        const voteId = cancelVote(state, board.ballots);
        state.rev++;
        store.endVote(board.boardId, voteId, state);
        broadcast(board);
        return;
      }
      case 'ready.set':
        if (command.ready) state.ready[actor.userId] = { name: actor.name, at };
        else delete state.ready[actor.userId];
        commitFast(board);
        return;
      case 'draft.save': {
        const draft = saveDraft(state, board.drafts, command, actor, at);
        store.saveDraft(board.boardId, draft);
        state.rev++;
        store.saveState(board.boardId, state);
        broadcast(board, authorAndFacilitators(actor.userId));
        return;
      }
      case 'draft.delete':
        deleteDraft(state, board.drafts, command, actor);
        store.deleteDraft(command.draftId);
        state.rev++;
        store.saveState(board.boardId, state);
        broadcast(board, authorAndFacilitators(actor.userId));
        return;
      case 'dot.place':
      case 'dot.remove': {
        const vote = state.vote;
        const dots =
          command.t === 'dot.place'
            ? placeDot(doc, state, board.ballots, actor.userId, command.recordId)
            : removeDot(state, board.ballots, actor.userId, command.recordId);
        store.setDots(board.boardId, vote?.id ?? '', actor.userId, command.recordId, dots);
        state.rev++;
        store.saveState(board.boardId, state);
        broadcast(board, authorAndFacilitators(actor.userId));
        return;
      }
      default: {
        const before = JSON.stringify(state);
        applyStateCommand(state, command as StateCommand, actor, at);
        // A repeated command (the same step twice) changes nothing and sends nothing.
        if (JSON.stringify(state) !== before) commitFast(board);
      }
    }
  };

  const reply = (connection: Connection, id: string | undefined, code: ErrorCode, message: string): void => {
    send(connection, { t: 'error', ...(id === undefined ? {} : { id }), code, message });
  };

  return {
    name: 'facilitation',

    beforeApply: ({ update, doc }) => refuseForgedResults(update, doc),

    stateOf: (boardId) => boards.get(boardId)?.state ?? store.load(boardId).state,

    refresh(connection) {
      const board = boards.get(connection.boardId);
      if (board?.connections.has(connection)) broadcast(board, (c) => c === connection);
    },

    onConnect({ boardId, connection }: HookContext): void {
      let board = boards.get(boardId);
      if (!board) {
        board = { boardId, connections: new Set(), ...loadSecrets(boardId) };
        boards.set(boardId, board);
      }
      const wasOnline = secretsOf(board).leaderOnline;
      board.connections.add(connection);
      // The leader coming back changes `leaderOnline` for everyone; anyone else gets just her own state.
      if (!wasOnline && secretsOf(board).leaderOnline) broadcast(board);
      else broadcast(board, (c) => c === connection);
    },

    onDisconnect({ boardId, connection }: HookContext): void {
      const board = boards.get(boardId);
      if (!board?.connections.delete(connection)) return;
      if (board.connections.size === 0) {
        // Everything is stored: the next socket loads it again.
        boards.delete(boardId);
        return;
      }
      if (connection.user?.id === board.state.leader?.userId && !secretsOf(board).leaderOnline)
        broadcast(board);
    },

    onStatelessMessage({ boardId, doc, connection, payload }): void {
      const board = boards.get(boardId);
      if (!board) return;
      if (!limiter.tryTake(String(connection.id))) {
        const last = lastRateError.get(connection) ?? 0;
        if (now() - last >= RATE_ERROR_INTERVAL_MS) {
          lastRateError.set(connection, now());
          reply(connection, undefined, 'rate-limited', 'Te veel verzoeken. Wacht even.');
        }
        return;
      }
      const parsed = parseMessage(payload);
      if (!parsed.ok) {
        reply(connection, parsed.id, parsed.error.code, parsed.error.message);
        return;
      }
      const started = performance.now();
      try {
        handle(board, doc, connection, parsed.command);
        const ms = performance.now() - started;
        // Stored and sent synchronously: a slow one (disk stall) holds every room of the process.
        if (ms > SLOW_COMMAND_MS)
          log.warn('slow facilitation command', { boardId, command: parsed.command.t, ms });
        if (parsed.id !== undefined) send(connection, { t: 'ok', id: parsed.id });
      } catch (error) {
        if (error instanceof CommandError) {
          reply(connection, parsed.id, error.code, error.message);
          return;
        }
        // Unexpected (storage, a bug): the live state may be ahead of the stored one; reload it from storage.
        log.error('facilitation command failed', {
          boardId,
          command: parsed.command.t,
          ...errorFields(error),
        });
        reloadFromStore(board);
        reply(connection, parsed.id, 'invalid', 'Dat lukte niet. Probeer het opnieuw.');
        broadcast(board);
      }
    },
  };

  function reloadFromStore(board: LiveBoard): void {
    const rev = board.state.rev;
    Object.assign(board, loadSecrets(board.boardId));
    // Clients may have seen a later rev than the stored one; the reloaded state must not look older.
    board.state.rev = Math.max(board.state.rev, rev) + 1;
  }

  /** The stored state of a board with its open round's drafts and its open vote's ballots. */
  function loadSecrets(boardId: string): Pick<LiveBoard, 'state' | 'drafts' | 'ballots'> {
    const stored = store.load(boardId);
    const ballots: Ballots = new Map();
    for (const row of stored.dots) {
      const ballot = ballots.get(row.userId) ?? new Map<string, number>();
      ballot.set(row.recordId, row.dots);
      ballots.set(row.userId, ballot);
    }
    return { state: stored.state, drafts: new Map(stored.drafts.map((d) => [d.id, d])), ballots };
  }
}
