import type { IncomingMessage } from 'node:http';
import type { DatabaseSync } from 'node:sqlite';
import { AuditLog } from '../audit/audit-log';
import { createAuditRoutes } from '../audit/audit.routes';
import type { Config } from '../config';
import { originCheck, securityHeaders } from '../http/security';
import { createAuthRoutes } from '../routes/auth.routes';
import { createInvitesRoutes } from '../routes/invites.routes';
import { createMembersRoutes } from '../routes/members.routes';
import { createProjectorRoutes } from '../routes/projector.routes';
import { SchoolStore } from '../schools/school-store';
import { AccessControl, type UpgradeDecision } from './access';
import { AccessEvents, type AccessRevokedListener } from './access-events';
import { createRequireBoardAccess, type RequireBoardAccess } from './board-access';
import { sessionCookieSettings } from './cookies';
import { InviteStore } from './invites';
import { ProjectorLinkStore } from './projector-links';
import type { AuthServices, BoardDirectory } from './services';
import { SessionStore } from './session';
import { LoginThrottle } from './throttle';

export { decideAccess, requireAccess, requireLogin, requireMember, httpError } from './access';
export type { Actor, AuthEnv, Resource, UpgradeDecision, UpgradeUser, LookupBoardSchool } from './access';
export { ACTIONS, POLICY, isAllowed } from './policy';
export { projectorConnectionUserId } from './access-events';
export type { AccessRevoked, AccessRevokedListener } from './access-events';
export type { Action, Principal } from './policy';
export type { BoardDirectory, AuthServices } from './services';
export type { RequireBoardAccess } from './board-access';

/**
 * Everything accounts, schools and roles give the server, built from one database and the config.
 *
 * @example
 * // in app.ts — order matters: headers and CSRF first, then the actor, then the routes.
 * const auth = createAuthModule({ db, config, boards: { schoolOf: (id) => …, titleOf: (id) => … } });
 * app.use('*', auth.securityHeaders);
 * app.use('/api/*', auth.originCheck);
 * app.use('/api/*', auth.withActor);          // c.var.actor for every API route
 * for (const routes of Object.values(auth.routes)) app.route('/', routes);
 * // in a board route: requireAccess(c.var.actor, 'board:write', { schoolId: board.schoolId, boardId: board.id });
 * // at the WebSocket upgrade of /sync/<boardId>:
 * const decision = await auth.authorizeUpgrade(request, boardId); // { ok, readOnly } | { ok: false, status }
 */
export interface AuthModule {
  /** Hono middleware: sets `c.var.actor` (anonymous, member or projector) and keeps the session cookie sliding. */
  withActor: AccessControl['withActor'];
  /** Hono middleware: CSP (with the built index.html's inline-script hashes), nosniff, no-referrer, DENY, HSTS on https. */
  securityHeaders: ReturnType<typeof securityHeaders>;
  /** Hono middleware: CSRF protection by Origin check on POST/PUT/PATCH/DELETE. */
  originCheck: ReturnType<typeof originCheck>;
  /** Hono sub-apps with full paths: mount each with `app.route('/', …)`. */
  routes: {
    auth: ReturnType<typeof createAuthRoutes>;
    members: ReturnType<typeof createMembersRoutes>;
    invites: ReturnType<typeof createInvitesRoutes>;
    projector: ReturnType<typeof createProjectorRoutes>;
    audit: ReturnType<typeof createAuditRoutes>;
  };
  /**
   * The access check for a board route: `await auth.requireBoardAccess(c.var.actor, id, 'board:write')`
   * (401 logged out, 404 unknown or another school's board, 403 role), using `boards.schoolOf`.
   */
  requireBoardAccess: RequireBoardAccess;
  /** The access check at the WebSocket upgrade (session cookie or `?projector=<token>`), boards looked up via `boards.schoolOf`. */
  authorizeUpgrade(request: IncomingMessage, boardId: string): Promise<UpgradeDecision>;
  /**
   * Called when access ends for sockets that may be open: a projector link revoked (close connections whose
   * `user.id` is `event.connectionUserId`), a member removed (close that user's connections to the school's
   * boards). Returns the unsubscribe function.
   */
  onAccessRevoked(listener: AccessRevokedListener): () => void;
  /**
   * Delete expired sessions every hour (validation deletes them lazily too; this keeps the table small).
   * Returns the stop function; the timer does not keep the process alive.
   */
  startHousekeeping(intervalMs?: number): () => void;
  /** The stores and services, for other modules (dataset routes record to `audit`, the demo seed uses `schools`). */
  services: AuthServices;
  schools: SchoolStore;
  audit: AuditLog;
}

/** Build the auth module: applies its migrations (schools-, auth-, audit-) on `db`. */
export function createAuthModule(options: {
  db: DatabaseSync;
  config: Pick<Config, 'publicUrl' | 'webBuildDir' | 'sessionDays' | 'trustProxy'>;
  boards: BoardDirectory;
  now?: () => number;
}): AuthModule {
  const { db, config, boards } = options;
  const now = options.now ?? Date.now;
  const schools = new SchoolStore(db);
  const sessions = new SessionStore(db, { lifetimeDays: config.sessionDays, now });
  const invites = new InviteStore(db, { now });
  const projectorLinks = new ProjectorLinkStore(db, { now });
  const audit = new AuditLog(db);
  const cookie = sessionCookieSettings(config.publicUrl);
  const access = new AccessControl({
    schools,
    sessions,
    projectorLinks,
    cookie,
    trustProxy: config.trustProxy,
    publicUrl: config.publicUrl,
    now,
  });
  const events = new AccessEvents();
  const services: AuthServices = {
    schools,
    sessions,
    invites,
    projectorLinks,
    throttle: new LoginThrottle({ now }),
    audit,
    access,
    events,
    cookie,
    boards,
    publicUrl: config.publicUrl,
    trustProxy: config.trustProxy,
    now,
  };
  return {
    withActor: access.withActor,
    securityHeaders: securityHeaders({ publicUrl: config.publicUrl, webBuildDir: config.webBuildDir }),
    originCheck: originCheck({ publicUrl: config.publicUrl }),
    routes: {
      auth: createAuthRoutes(services),
      members: createMembersRoutes(services),
      invites: createInvitesRoutes(services),
      projector: createProjectorRoutes(services),
      audit: createAuditRoutes(services),
    },
    requireBoardAccess: createRequireBoardAccess(boards),
    authorizeUpgrade: (request, boardId) =>
      access.authorizeUpgrade(request, boardId, (id) => boards.schoolOf(id)),
    onAccessRevoked: (listener) => events.onAccessRevoked(listener),
    startHousekeeping(intervalMs = 60 * 60 * 1000) {
      const timer = setInterval(() => sessions.deleteExpiredSessions(), intervalMs);
      timer.unref();
      return () => clearInterval(timer);
    },
    services,
    schools,
    audit,
  };
}
