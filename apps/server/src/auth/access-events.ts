import type { Role } from '../schools/school-store';

/**
 * Access that ended while sockets may still be open: a revoked projector link, a member removed from a
 * school, a user's other sessions ended by a password change. The sync server subscribes and closes the
 * matching connections, so the projector stops showing the board the moment the leider revokes it (the
 * upgrade check alone only stops the next connection).
 */
export type AccessRevoked =
  | { kind: 'projector-link'; linkId: string; boardId: string; connectionUserId: string }
  | { kind: 'member'; userId: string; schoolId: string }
  /** Every session of `userId` ended except `keepSessionId` (a password change): close their sockets. */
  | { kind: 'sessions'; userId: string; keepSessionId?: string }
  /** One session ended (logout): close the sockets opened with it. */
  | { kind: 'session'; userId: string; sessionId: string }
  /**
   * A member's role in a school changed: her open sockets on its boards stay open (leider and leerkracht
   * both write) but carry the new role, which decides who may lead a facilitation session.
   */
  | { kind: 'role'; userId: string; schoolId: string; role: Role };

export type AccessRevokedListener = (event: AccessRevoked) => void;

/** The `user.id` a projector link's sync connection carries (see `AccessControl.authorizeUpgrade`). */
export function projectorConnectionUserId(linkId: string): string {
  return `projector:${linkId}`;
}

export class AccessEvents {
  readonly #listeners = new Set<AccessRevokedListener>();

  /** Subscribe; returns the unsubscribe function. */
  onAccessRevoked(listener: AccessRevokedListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  emit(event: AccessRevoked): void {
    // A failing listener must not undo the revocation that already happened in the database.
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch {
        /* the listener's own logging is its business */
      }
    }
  }
}
