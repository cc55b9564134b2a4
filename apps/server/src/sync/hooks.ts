import type * as Y from 'yjs';
import { errorFields, type Logger } from '../log';
import type { Connection } from './connection';

/**
 * Extensions of the sync server, in the spirit of Hocuspocus extensions: small objects with optional hooks
 * that the room calls at fixed points of its pipeline, so new rules (validation, facilitation, metrics) do
 * not grow special cases in room.ts. Extensions run in the order given to the SyncServer.
 *
 * The hooks are synchronous on purpose: updates of one socket must be applied in the order they arrived,
 * and an await per update on the hot path would let a later message overtake an earlier one.
 */

/** A hook's "no": the socket is closed with `code` (see close-codes.ts) and the message is dropped. */
export interface Refusal {
  code: number;
  /** Short English close reason (it reaches the client and the logs, never the UI). */
  reason: string;
  /** What exactly was wrong, for the server log only. */
  detail?: string;
}

export interface HookContext {
  boardId: string;
  /** The room's document (read it; never write to it from a `before*` hook). */
  doc: Y.Doc;
  connection: Connection;
}

export interface SyncExtension {
  /** For logs. */
  readonly name: string;
  /**
   * A client's document update (SyncStep2 or Update), before it is applied. Return a Refusal and it is never
   * applied, stored or relayed. Throwing means the message is malformed (the socket is closed with 4400).
   */
  beforeApply?(context: HookContext & { update: Uint8Array }): Refusal | undefined;
  /** A client's awareness update, before it is applied and relayed; a Refusal closes the socket. */
  beforeAwareness?(context: HookContext & { update: Uint8Array }): Refusal | undefined;
  /**
   * A stateless message (MessageType.STATELESS): a string payload that is not part of the document, for
   * things like facilitation signals. Nothing is stored or relayed unless an extension does so.
   */
  onStatelessMessage?(context: HookContext & { payload: string }): void;
  /** A socket was attached to the room (after the room sent its SyncStep1). */
  onConnect?(context: HookContext): void;
  /** A socket left the room. */
  onDisconnect?(context: HookContext): void;
}

/** Runs a list of extensions; one instance per SyncServer, shared by its rooms. */
export class SyncHooks {
  readonly #extensions: readonly SyncExtension[];
  readonly #log: Logger;

  constructor(extensions: readonly SyncExtension[], log: Logger) {
    this.#extensions = extensions;
    this.#log = log;
  }

  /** The first refusal of any extension, or undefined when every extension lets the update through. */
  beforeApply(context: HookContext & { update: Uint8Array }): Refusal | undefined {
    for (const extension of this.#extensions) {
      const refusal = extension.beforeApply?.(context);
      if (refusal) return refusal;
    }
    return undefined;
  }

  beforeAwareness(context: HookContext & { update: Uint8Array }): Refusal | undefined {
    for (const extension of this.#extensions) {
      const refusal = extension.beforeAwareness?.(context);
      if (refusal) return refusal;
    }
    return undefined;
  }

  onStatelessMessage(context: HookContext & { payload: string }): void {
    this.#notify('onStatelessMessage', (extension) => extension.onStatelessMessage?.(context));
  }

  onConnect(context: HookContext): void {
    this.#notify('onConnect', (extension) => extension.onConnect?.(context));
  }

  onDisconnect(context: HookContext): void {
    this.#notify('onDisconnect', (extension) => extension.onDisconnect?.(context));
  }

  /** A notification hook that throws is logged; it must not take the socket or the room down. */
  #notify(hook: string, call: (extension: SyncExtension) => void): void {
    for (const extension of this.#extensions) {
      try {
        call(extension);
      } catch (error) {
        this.#log.error('sync extension hook failed', {
          extension: extension.name,
          hook,
          ...errorFields(error),
        });
      }
    }
  }
}
