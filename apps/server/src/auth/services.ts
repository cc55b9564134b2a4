import type { AuditLog } from '../audit/audit-log';
import type { SchoolStore } from '../schools/school-store';
import type { AccessControl } from './access';
import type { AccessEvents } from './access-events';
import type { SessionCookieSettings } from './cookies';
import type { InviteStore } from './invites';
import type { ProjectorLinkStore } from './projector-links';
import type { SessionStore } from './session';
import type { LoginThrottle } from './throttle';

/** What the server knows about boards, as far as access needs it (boards are another module's table). */
export interface BoardDirectory {
  /** The board's school id, or null when the board does not exist. */
  schoolOf(boardId: string): string | null | Promise<string | null>;
  /** The board's title for the projector page, or null when unknown. */
  titleOf(boardId: string): string | null | Promise<string | null>;
}

/** Everything the auth route modules share; built once by `createAuthModule`. */
export interface AuthServices {
  schools: SchoolStore;
  sessions: SessionStore;
  invites: InviteStore;
  projectorLinks: ProjectorLinkStore;
  throttle: LoginThrottle;
  audit: AuditLog;
  access: AccessControl;
  /** Revocations the sync server listens to, to close sockets that are already open. */
  events: AccessEvents;
  cookie: SessionCookieSettings;
  boards: BoardDirectory;
  /** PUBLIC_URL's origin, for links in invites and projector links (else the request's own origin). */
  publicUrl: string | undefined;
  trustProxy: boolean;
  now: () => number;
}
