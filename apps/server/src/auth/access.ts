import type { IncomingMessage } from 'node:http';
import type { Context, MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Role, School, SchoolStore, User } from '../schools/school-store';
import { projectorConnectionUserId } from './access-events';
import { clientIpFromContext, clientIpFromNode } from './client-ip';
import {
  deleteSessionCookie,
  readSessionCookie,
  sessionTokenFromCookieHeader,
  setSessionCookie,
  type SessionCookieSettings,
} from './cookies';
import { isAllowed, type Action } from './policy';
import type { ProjectorLinkStore } from './projector-links';
import { TokenBucketLimiter } from './rate-limit';
import type { Session, SessionStore } from './session';
import { hashSecretToken, looksLikeToken } from './tokens';

/** Who is asking. Resolved once per request (and once per WebSocket upgrade), then checked per action. */
export type Actor =
  | { kind: 'anonymous' }
  | { kind: 'member'; user: User; school: School; role: Role; session: Session }
  | { kind: 'projector'; boardId: string; schoolId: string; linkId: string };

/** What an action touches: always a school, and a board for board-scoped actions. */
export interface Resource {
  schoolId: string;
  boardId?: string;
}

/** Hono environment of every route behind {@link AccessControl.withActor}: `c.var.actor`. */
export interface AuthEnv {
  Variables: { actor: Actor };
}

export type AccessDecision = 'allow' | 401 | 403 | 404;

/** Query parameter (WebSocket URL, API calls) and header that carry a projector link's token. */
export const PROJECTOR_QUERY_PARAM = 'projector';
export const PROJECTOR_HEADER = 'x-koers-projector';

/** Projector links are for one screen: generous for a page polling charts, useless for scraping. */
export const PROJECTOR_LINK_PER_MINUTE = 120;
export const PROJECTOR_IP_PER_MINUTE = 300;

/**
 * The decision behind {@link requireAccess}, as a value (for the WebSocket upgrade and for tests).
 * Order matters: logged out → 401 first; a resource of another school (or another board, for a
 * projector link) → 404, before the role is looked at, so nobody learns that it exists; then the policy.
 * Without a resource the action is about the actor's own school (members only).
 */
export function decideAccess(actor: Actor, action: Action, resource?: Resource): AccessDecision {
  switch (actor.kind) {
    case 'anonymous':
      return 401;
    case 'member':
      if (resource && resource.schoolId !== actor.school.id) return 404;
      return isAllowed(actor.role, action) ? 'allow' : 403;
    case 'projector':
      if (!resource || resource.boardId === undefined) return 403;
      if (resource.schoolId !== actor.schoolId || resource.boardId !== actor.boardId) return 404;
      return isAllowed('projector', action) ? 'allow' : 403;
  }
}

const MESSAGES: Record<401 | 403 | 404 | 429, string> = {
  401: 'Log in om verder te gaan.',
  403: 'Je hebt geen toestemming om dit te doen.',
  404: 'Niet gevonden.',
  429: 'Te veel verzoeken. Wacht even en probeer het opnieuw.',
};

/** An expected HTTP error with a Dutch message as JSON `{ error }` (what every Koers route answers). */
export function httpError(
  status: ContentfulStatusCode,
  message: string,
  headers: Record<string, string> = {},
): HTTPException {
  return new HTTPException(status, {
    message,
    res: new Response(JSON.stringify({ error: message }), {
      status,
      headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    }),
  });
}

/**
 * THE access check, first line of every API handler: throws 401 / 403 / 404 (as `{ error }` JSON) unless
 * the policy table allows `action` for this actor on `resource`. Returns the actor narrowed to what passed.
 *
 * @example
 * const actor = requireAccess(c.var.actor, 'board:write', { schoolId: board.schoolId, boardId: board.id });
 */
export function requireAccess(
  actor: Actor,
  action: Action,
  resource?: Resource,
): Exclude<Actor, { kind: 'anonymous' }> {
  const decision = decideAccess(actor, action, resource);
  if (decision !== 'allow') throw httpError(decision, MESSAGES[decision]);
  return actor as Exclude<Actor, { kind: 'anonymous' }>;
}

/** {@link requireAccess} for school-level member actions: returns the member (a projector link gets 403). */
export function requireMember(
  actor: Actor,
  action: Action,
  resource?: Resource,
): Extract<Actor, { kind: 'member' }> {
  if (actor.kind === 'projector') throw httpError(403, MESSAGES[403]);
  return requireAccess(actor, action, resource) as Extract<Actor, { kind: 'member' }>;
}

export interface ResolvedActor {
  actor: Actor;
  /** The session's expiry moved (sliding): re-set the cookie. */
  refreshedSession?: { token: string; expiresAt: number };
  /** A session cookie was sent but is unknown or expired: clear it. */
  clearCookie: boolean;
  /** A projector token was refused for going over its rate limit. */
  rateLimited: boolean;
}

/** Who is on a sync socket: a member, or a projector link (id `projector:<linkId>`, no e-mail, no role). */
export interface UpgradeUser {
  id: string;
  name: string;
  email?: string;
  role?: Role;
  /** The member's session, so ending it (password change) can close exactly this socket. */
  sessionId?: string;
}

/** The answer to a WebSocket upgrade: the shape the sync server's upgrade hook expects. */
export type UpgradeDecision =
  { ok: true; readOnly: boolean; actor: Actor; user?: UpgradeUser } | { ok: false; status: 401 | 403 | 404 };

/** Which school a board belongs to (null when it does not exist); may be async for other storage. */
export type LookupBoardSchool = (boardId: string) => string | null | Promise<string | null>;

/**
 * Resolving who asks, from a session cookie or a projector token, for HTTP requests (Hono) and WebSocket
 * upgrades (Node's IncomingMessage). A valid session wins over a projector token.
 */
export class AccessControl {
  readonly #linkLimiter: TokenBucketLimiter;
  readonly #ipLimiter: TokenBucketLimiter;
  readonly #now: () => number;

  constructor(
    private readonly deps: {
      schools: SchoolStore;
      sessions: SessionStore;
      projectorLinks: ProjectorLinkStore;
      cookie: SessionCookieSettings;
      trustProxy: boolean;
      /** PUBLIC_URL's origin: a browser page there may open sync sockets (as may the request's own host). */
      publicUrl?: string | undefined;
      now?: () => number;
    },
  ) {
    this.#now = deps.now ?? Date.now;
    this.#linkLimiter = new TokenBucketLimiter({
      capacity: PROJECTOR_LINK_PER_MINUTE,
      refillPerMs: PROJECTOR_LINK_PER_MINUTE / 60_000,
      now: this.#now,
    });
    this.#ipLimiter = new TokenBucketLimiter({
      capacity: PROJECTOR_IP_PER_MINUTE,
      refillPerMs: PROJECTOR_IP_PER_MINUTE / 60_000,
      now: this.#now,
    });
  }

  /** Resolve the actor from the raw credentials of a request. */
  resolveActor(input: {
    sessionToken?: string | undefined;
    projectorToken?: string | undefined;
    ip: string;
  }): ResolvedActor {
    let clearCookie = false;
    if (input.sessionToken !== undefined) {
      const member = this.#memberFromSession(input.sessionToken);
      if (member) return { ...member, clearCookie: false, rateLimited: false };
      clearCookie = true;
    }
    if (input.projectorToken) {
      // Limits are taken before the lookup, so guessing tokens is throttled as much as using one.
      const linkKey = looksLikeToken(input.projectorToken)
        ? hashSecretToken(input.projectorToken)
        : 'malformed';
      if (!this.#ipLimiter.tryTake(input.ip) || !this.#linkLimiter.tryTake(linkKey)) {
        return { actor: { kind: 'anonymous' }, clearCookie, rateLimited: true };
      }
      const link = this.deps.projectorLinks.validate(input.projectorToken);
      if (link) {
        return {
          actor: { kind: 'projector', boardId: link.boardId, schoolId: link.schoolId, linkId: link.id },
          clearCookie,
          rateLimited: false,
        };
      }
    }
    return { actor: { kind: 'anonymous' }, clearCookie, rateLimited: false };
  }

  #memberFromSession(token: string): Omit<ResolvedActor, 'clearCookie' | 'rateLimited'> | null {
    const validated = this.deps.sessions.validateSessionToken(token);
    if (!validated) return null;
    const { session, fresh } = validated;
    const user = this.deps.schools.getUser(session.userId);
    const school = this.deps.schools.getSchool(session.schoolId);
    const membership = this.deps.schools.getMembership(session.userId, session.schoolId);
    if (!user || !school || !membership) {
      // Removed from the school meanwhile: the session is worthless, drop it.
      this.deps.sessions.invalidateSession(session.id);
      return null;
    }
    return {
      actor: { kind: 'member', user, school, role: membership.role, session },
      ...(fresh ? { refreshedSession: { token, expiresAt: session.expiresAt } } : {}),
    };
  }

  /** Resolve the actor of a Hono request (cookie; `?projector=` or the X-Koers-Projector header). */
  resolveRequest(c: Context): ResolvedActor {
    return this.resolveActor({
      sessionToken: readSessionCookie(c, this.deps.cookie),
      projectorToken: c.req.query(PROJECTOR_QUERY_PARAM) ?? c.req.header(PROJECTOR_HEADER),
      ip: clientIpFromContext(c, this.deps.trustProxy),
    });
  }

  /**
   * Hono middleware: sets `c.var.actor` (idempotent, so route modules can each include it) and keeps the
   * session cookie in step: re-set when the sliding expiry moved, cleared when the session is gone.
   * A projector token over its rate limit answers 429.
   */
  readonly withActor: MiddlewareHandler<AuthEnv> = async (c, next) => {
    if (c.get('actor')) return next();
    const resolved = this.resolveRequest(c);
    if (resolved.rateLimited) throw httpError(429, MESSAGES[429]);
    c.set('actor', resolved.actor);
    if (resolved.refreshedSession) {
      setSessionCookie(
        c,
        this.deps.cookie,
        resolved.refreshedSession.token,
        resolved.refreshedSession.expiresAt,
        this.#now(),
      );
    } else if (resolved.clearCookie) {
      deleteSessionCookie(c, this.deps.cookie);
    }
    return next();
  };

  #allowedOrigin(origin: string, host: string | undefined): boolean {
    if (this.deps.publicUrl && origin === new URL(this.deps.publicUrl).origin) return true;
    try {
      return host !== undefined && new URL(origin).host === host;
    } catch {
      return false;
    }
  }

  /**
   * The access check at the WebSocket upgrade of `/sync/<boardId>`: session cookie or `?projector=<token>`.
   * 401 when logged out (or the link is revoked/expired), 404 when the board does not exist or belongs to
   * another school (or is not the link's board), else ok with `readOnly` = may not `board:write`; the sync
   * server must drop every update from a read-only socket. A rate-limited projector token gets 403, and
   * so does a browser page of another origin (cross-site WebSocket hijacking: browsers send the cookie on
   * the handshake and CORS does not apply to WebSockets). Clients without Origin (Node, tests) pass.
   */
  async authorizeUpgrade(
    request: IncomingMessage,
    boardId: string,
    lookupBoardSchool: LookupBoardSchool,
  ): Promise<UpgradeDecision> {
    const origin = request.headers.origin;
    if (origin !== undefined && !this.#allowedOrigin(origin, request.headers.host))
      return { ok: false, status: 403 };
    const url = new URL(request.url ?? '/', 'http://localhost');
    const cookieHeader = request.headers.cookie;
    const resolved = this.resolveActor({
      sessionToken: sessionTokenFromCookieHeader(cookieHeader, this.deps.cookie),
      projectorToken: url.searchParams.get(PROJECTOR_QUERY_PARAM) ?? undefined,
      ip: clientIpFromNode(request, this.deps.trustProxy),
    });
    if (resolved.rateLimited) return { ok: false, status: 403 };
    const { actor } = resolved;
    if (actor.kind === 'anonymous') return { ok: false, status: 401 };
    const schoolId = await lookupBoardSchool(boardId);
    if (schoolId === null) return { ok: false, status: 404 };
    const resource = { schoolId, boardId };
    const read = decideAccess(actor, 'board:read', resource);
    if (read !== 'allow') return { ok: false, status: read };
    const readOnly = decideAccess(actor, 'board:write', resource) !== 'allow';
    if (actor.kind === 'member') {
      return {
        ok: true,
        readOnly,
        actor,
        user: {
          id: actor.user.id,
          name: actor.user.name,
          email: actor.user.email,
          role: actor.role,
          sessionId: actor.session.id,
        },
      };
    }
    // The link id travels as the connection's user id, so revoking the link can close its open sockets.
    return {
      ok: true,
      readOnly,
      actor,
      user: { id: projectorConnectionUserId(actor.linkId), name: 'Projector' },
    };
  }
}

/** For routes about the logged-in person themself (me, password): a member session or 401. */
export function requireLogin(actor: Actor): Extract<Actor, { kind: 'member' }> {
  if (actor.kind !== 'member') throw httpError(401, MESSAGES[401]);
  return actor;
}
