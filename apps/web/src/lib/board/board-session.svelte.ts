import {
  BOARD_SCHEMA_VERSION,
  metaMap,
  stepDoneMap,
  setStepDone,
  type PresenceUser,
  type StepId,
} from '@koers/board';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider, messageSync } from 'y-websocket';
import { writeSyncStep1 } from 'y-protocols/sync';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { Facilitation } from '../facilitation/facilitation.svelte';
import { DeviceCopies, asideCopyName, browserStorage, deviceCopyName } from './device-copies';

/**
 * - `connecting`: first connection attempt of this page, nothing heard from the server yet.
 * - `online`: connected and the document is synced with the server.
 * - `reconnecting`: the connection dropped; the provider keeps retrying (with backoff).
 * - `offline`: the browser reports no network; we wait for it to come back.
 */
export type ConnectionState = 'connecting' | 'online' | 'reconnecting' | 'offline';

/** Someone on the board, as the presence list shows them. */
export interface Participant extends PresenceUser {
  clientId: number;
  isSelf: boolean;
}

/** Debounce before asking the server to confirm our edits, so typing does not cause a round trip per key. */
const ACK_DELAY_MS = 250;

export interface BoardSessionOptions {
  boardId: string;
  /** WebSocket base URL of the sync endpoint (`ws://host/sync`). */
  syncUrl: string;
  /**
   * The logged-in account: the IndexedDB copy that lets edits survive a reload while offline is this
   * account's own (`device-copies.ts`). Without one (the projector) nothing is kept on the device.
   */
  userId?: string;
  /** False for the projector: it keeps nothing on the device, even when a member's account opens it. */
  persistLocally?: boolean;
  /** A projector link's token: sent as `?projector=` on the sync URL (the projector has no session). */
  projectorToken?: string;
}

/**
 * Close codes with which the server ends a socket for good (4400–4499; the y-websocket client stops
 * reconnecting on them): 4401 no (longer a) valid session or link, 4403 no access, 4404 no such board,
 * 4426 this page's board schema is older than the server's (the page must be reloaded).
 */
export type ClosedCode = 4401 | 4403 | 4404 | 4426 | number;

/** The close code for a page built for an older board schema than the server's. */
export const CLOSE_OUTDATED = 4426;

/** The sync socket's stateless (session) messages, beside sync (0) and awareness (1). */
const MESSAGE_STATELESS = 5;

/**
 * The query parameters of the sync socket: the board schema this page was built for (the server refuses an
 * older one with {@link CLOSE_OUTDATED}), and a projector link's token.
 */
export function syncParams(projectorToken?: string): Record<string, string> {
  return {
    schema: String(BOARD_SCHEMA_VERSION),
    ...(projectorToken ? { projector: projectorToken } : {}),
  };
}

/**
 * One open board in this browser tab: the Y.Doc, its WebSocket provider and IndexedDB copy, and the reactive
 * state the UI shows (connection, unsaved changes, presence, title, done marks). Every editor on the page
 * shares this one document and provider. Call {@link destroy} when leaving the page.
 *
 * "Unsaved changes": the sync protocol has no acknowledgement of updates, so after local edits we ask for
 * one. When the socket is synced and idle we send our own SyncStep1 and clear the provider's `synced` flag;
 * the server handles the messages of one socket in order, so its SyncStep2 answer (which sets `synced` again)
 * proves that every update we sent before it reached the server. Edits made after the question stay unsaved
 * until the next round trip. Updates loaded from IndexedDB count as local: the server may not have them yet.
 */
/** The boards open in this tab, so logout can try to send their last edits first. */
// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a list for logout, not state the UI reads
const openSessions = new Set<BoardSession>();

/** Every board session open in this tab with a copy on the device. */
export function openBoardSessions(): BoardSession[] {
  return [...openSessions];
}

export class BoardSession {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  readonly local: IndexeddbPersistence | null;
  readonly boardId: string;
  /** The account's registry of board copies on this device (null without a copy). */
  readonly deviceCopies: DeviceCopies | null;
  /** A projector link's token (no session): REST calls for this board carry it too. */
  readonly projectorToken: string | undefined;

  connection = $state<ConnectionState>('connecting');
  /** The document has content to show (loaded from this device or from the server). */
  loaded = $state(false);
  /** The IndexedDB copy is loaded and keeps every further edit on this device. */
  savedOnDevice = $state(false);
  participants = $state<Participant[]>([]);
  title = $state('');
  done = $state<Partial<Record<StepId, boolean>>>({});
  /**
   * Set when the server closed the socket for good (a revoked projector link, a member removed from the
   * school, a session that ended): the provider stops reconnecting and the page says why.
   */
  closedCode = $state<ClosedCode | null>(null);
  /** The live facilitation session of the board (apps/server/README.md "Facilitation"), on this socket. */
  readonly facilitation: Facilitation;

  #localSeq = $state(0);
  #ackedSeq = $state(0);
  /** Edits not yet confirmed by the server. */
  readonly unsaved = $derived(this.#localSeq > this.#ackedSeq);

  #inFlight: number | null = null;
  #socketSynced = false;
  #everOnline = false;
  #ackTimer: ReturnType<typeof setTimeout> | undefined;
  #browserOnline = typeof navigator === 'undefined' ? true : navigator.onLine;
  #cleanups: (() => void)[] = [];
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- listeners, not state the UI reads
  #sessionListeners = new Set<(message: unknown) => void>();
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- listeners, not state the UI reads
  #openListeners = new Set<() => void>();

  constructor(options: BoardSessionOptions) {
    const { doc } = this;
    this.projectorToken = options.projectorToken;
    this.boardId = options.boardId;
    this.provider = new WebsocketProvider(options.syncUrl, options.boardId, doc, {
      connect: this.#browserOnline,
      params: syncParams(options.projectorToken),
    });
    // Session messages travel on the same socket as the document (y-websocket's message type 5, which the
    // stock client does not know): keep the latest, instead of the provider logging every one as unknown.
    this.provider.messageHandlers[MESSAGE_STATELESS] = (_encoder, decoder) => {
      let message: unknown;
      try {
        message = JSON.parse(decoding.readVarString(decoder)) as unknown;
      } catch {
        return; // A message this version cannot read: the next state message replaces it.
      }
      for (const listener of this.#sessionListeners) listener(message);
    };
    this.facilitation = new Facilitation(this);
    const userId = options.persistLocally === false ? undefined : options.userId;
    this.deviceCopies = userId ? new DeviceCopies(browserStorage(), userId) : null;
    this.local = userId ? new IndexeddbPersistence(deviceCopyName(userId, options.boardId), doc) : null;
    if (this.deviceCopies) {
      this.deviceCopies.note(options.boardId);
      openSessions.add(this);
    }

    const onUpdate = (_update: Uint8Array, origin: unknown) => {
      if (origin === this.provider) return;
      this.#localSeq++;
      // Before IndexedDB stores the update (asynchronously): the registry never says less than the copy.
      this.deviceCopies?.record(this.boardId, true);
      this.#scheduleAck();
    };
    doc.on('update', onUpdate);
    this.#cleanups.push(() => doc.off('update', onUpdate));

    const onStatus = ({ status }: { status: 'connected' | 'disconnected' | 'connecting' }) => {
      if (status !== 'connected') {
        this.#socketSynced = false;
        this.#inFlight = null;
      } else {
        for (const listener of this.#openListeners) listener();
      }
      this.#updateConnection();
    };
    const onSync = (synced: boolean) => {
      if (!synced) return;
      this.#socketSynced = true;
      this.#everOnline = true;
      this.loaded = true;
      if (this.#inFlight !== null) {
        this.#ackedSeq = Math.max(this.#ackedSeq, this.#inFlight);
        this.#inFlight = null;
      }
      if (this.#localSeq <= this.#ackedSeq) this.deviceCopies?.record(this.boardId, false);
      if (this.#localSeq > this.#ackedSeq) this.#scheduleAck();
      this.#updateConnection();
    };
    // The client stops reconnecting by itself after a 44xx close and then emits `closed`.
    const onClosed = ({ code }: { code: number }) => {
      this.closedCode = code;
      this.provider.shouldConnect = false;
    };
    this.provider.on('status', onStatus);
    this.provider.on('sync', onSync);
    this.provider.on('closed', onClosed);
    this.#cleanups.push(() => {
      this.provider.off('status', onStatus);
      this.provider.off('sync', onSync);
      this.provider.off('closed', onClosed);
    });

    if (this.local) {
      void this.local.whenSynced.then(() => {
        this.savedOnDevice = true;
        if (doc.store.clients.size > 0) this.loaded = true;
      });
    }

    // The browser knows at once when the network is gone; the socket would only notice after its
    // 30-second watchdog. Disconnect and reconnect on its signal so the state on screen is honest.
    const onOnline = () => {
      this.#browserOnline = true;
      if (this.closedCode === null) this.provider.connect();
      this.#updateConnection();
    };
    const onOffline = () => {
      this.#browserOnline = false;
      this.provider.disconnect();
      this.#updateConnection();
    };
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    this.#cleanups.push(() => {
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
    });

    const meta = metaMap(doc);
    const readTitle = () => {
      const title = meta.get('title');
      this.title = typeof title === 'string' ? title : '';
    };
    meta.observe(readTitle);
    this.#cleanups.push(() => meta.unobserve(readTitle));

    const doneMap = stepDoneMap(doc);
    const readDone = () => {
      this.done = Object.fromEntries(doneMap.entries()) as Partial<Record<StepId, boolean>>;
    };
    doneMap.observe(readDone);
    this.#cleanups.push(() => doneMap.unobserve(readDone));

    const awareness = this.provider.awareness;
    const readPresence = () => {
      const people: Participant[] = [];
      for (const [clientId, state] of awareness.getStates()) {
        const user = (state as { user?: Partial<PresenceUser> }).user;
        if (!user || typeof user.name !== 'string' || !user.name) continue;
        people.push({
          clientId,
          name: user.name,
          color: typeof user.color === 'string' ? user.color : '#0b4f6c',
          ...(typeof user.stepId === 'string' ? { stepId: user.stepId } : {}),
          isSelf: clientId === doc.clientID,
        });
      }
      people.sort((a, b) => Number(b.isSelf) - Number(a.isSelf) || a.name.localeCompare(b.name, 'nl'));
      this.participants = people;
    };
    awareness.on('change', readPresence);
    this.#cleanups.push(() => awareness.off('change', readPresence));

    this.#updateConnection();
  }

  /** Publish who we are and which step we are on (read by carets and the presence list). */
  setUser(user: PresenceUser): void {
    this.provider.awareness.setLocalStateField('user', user);
  }

  /** Hear every session message (JSON as parsed); returns the unsubscribe function. */
  onSessionMessage(listener: (message: unknown) => void): () => void {
    this.#sessionListeners.add(listener);
    return () => this.#sessionListeners.delete(listener);
  }

  /** Hear every (re)opened socket; returns the unsubscribe function. */
  onSocketOpen(listener: () => void): () => void {
    this.#openListeners.add(listener);
    return () => this.#openListeners.delete(listener);
  }

  /**
   * Send a session message (JSON text) on the board's socket, beside the document. False when the socket is
   * not open: session commands are not queued, because a command given while offline (go to step 5) would
   * land later as a surprise; the caller tells the user instead.
   */
  sendSessionMessage(payload: string): boolean {
    const ws = this.provider.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return false;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_STATELESS);
    encoding.writeVarString(encoder, payload);
    ws.send(encoding.toUint8Array(encoder));
    return true;
  }

  setDone(stepId: StepId, done: boolean): void {
    setStepDone(this.doc, stepId, done);
  }

  /**
   * Ask the server at once to confirm every edit and wait until it did, or `timeoutMs` passed.
   * True when nothing is left unconfirmed (logout uses this before deleting the copy).
   */
  async sendNow(timeoutMs: number): Promise<boolean> {
    clearTimeout(this.#ackTimer);
    this.#requestAck();
    const deadline = Date.now() + timeoutMs;
    while (this.unsaved && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      // A reconnect in the meantime asks again by itself (the `sync` handler); a lost answer does not.
      if (this.#inFlight === null) this.#requestAck();
    }
    return !this.unsaved;
  }

  /**
   * The server refused an edit (4422) that the copy on this device still holds and would resend on every
   * connection: keep the whole document as it is here in a separate database (never opened or sent), delete
   * the board's copy, and let the caller reload the page, which loads the board from the server only.
   */
  async setAsideLocalCopy(): Promise<void> {
    const { local, deviceCopies } = this;
    if (!local || !deviceCopies) return;
    const aside = new Y.Doc();
    Y.applyUpdate(aside, Y.encodeStateAsUpdate(this.doc));
    const asideCopy = new IndexeddbPersistence(
      asideCopyName(deviceCopies.userId, this.boardId, Date.now()),
      aside,
    );
    // Once synced, y-indexeddb has queued the document's whole state; closing waits for that write.
    await asideCopy.whenSynced;
    await asideCopy.destroy();
    aside.destroy();
    openSessions.delete(this);
    await local.clearData();
    deviceCopies.forget(this.boardId);
  }

  destroy(): void {
    openSessions.delete(this);
    clearTimeout(this.#ackTimer);
    for (const cleanup of this.#cleanups.splice(0)) cleanup();
    this.facilitation.destroy();
    this.#sessionListeners.clear();
    this.#openListeners.clear();
    this.provider.destroy();
    void this.local?.destroy();
    this.doc.destroy();
  }

  #updateConnection(): void {
    if (!this.#browserOnline) this.connection = 'offline';
    else if (this.provider.wsconnected && this.#socketSynced) this.connection = 'online';
    else this.connection = this.#everOnline ? 'reconnecting' : 'connecting';
  }

  #scheduleAck(): void {
    clearTimeout(this.#ackTimer);
    this.#ackTimer = setTimeout(() => this.#requestAck(), ACK_DELAY_MS);
  }

  #requestAck(): void {
    const ws = this.provider.ws;
    // Not connected or still in the initial handshake: the `sync` handler asks again once synced.
    if (this.#inFlight !== null || !ws || ws.readyState !== WebSocket.OPEN || !this.#socketSynced) return;
    if (this.#localSeq <= this.#ackedSeq) return;
    this.#inFlight = this.#localSeq;
    this.provider.synced = false;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, messageSync);
    writeSyncStep1(encoder, this.doc);
    ws.send(encoding.toUint8Array(encoder));
  }
}
