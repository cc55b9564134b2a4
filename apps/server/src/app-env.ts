import type { Actor } from './auth/access';
import type { Logger } from './log';

/** The Hono environment shared by every route: per-request variables set by the app's middleware. */
export interface AppEnv {
  Variables: {
    requestId: string;
    /** A logger bound to this request's id. */
    log: Logger;
    /** Who asks (anonymous, a member, or a projector link), set by the auth module's `withActor` on `/api/*`. */
    actor: Actor;
  };
}
