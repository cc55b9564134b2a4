import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import type { AppEnv } from './app-env';
import type { AuthModule } from './auth';
import type { Config } from './config';
import type * as Y from 'yjs';
import type { DatasetStore } from './datasets/dataset-store';
import { ReportCache } from './datasets/report-cache';
import { errorFields, type Logger } from './log';
import type { BoardVersionStore } from './boards/board-versions';
import { boardAuthorsRoutes } from './routes/board-authors.routes';
import { boardCycleRoutes } from './routes/board-cycle.routes';
import { boardVersionsRoutes } from './routes/board-versions.routes';
import { boardTeamRoutes } from './routes/board-team.routes';
import { boardViewsRoutes } from './routes/board-views.routes';
import { boardExportRoutes } from './routes/board-export.routes';
import { boardsRoutes } from './routes/boards';
import { createDatasetRoutes } from './routes/datasets.routes';
import { staticWeb } from './routes/static-web';
import type { BoardStore } from './storage/board-store';
import type { ClientLedgerStore } from './storage/client-ledger-store';

export interface AppDeps {
  config: Config;
  log: Logger;
  store: BoardStore;
  /** Accounts, schools and roles: who may call what (`src/auth/README.md`). */
  auth: AuthModule;
  /** The schools' imported LVS results (`src/datasets/README.md`). */
  datasets: DatasetStore;
  /** Which account wrote with each Yjs client id on each board. */
  ledger: ClientLedgerStore;
  /** Read a board's doc: the loaded room's, else from storage (`boards/read-board-doc.ts`). */
  readBoard: <T>(boardId: string, read: (doc: Y.Doc) => T) => Promise<T>;
  /** Close a board's sockets and wait for its room to unload, before the board is deleted. */
  evictBoard: (boardId: string) => Promise<unknown>;
  /** A server edit through the board's room, received by every connected client (`boards/edit-board.ts`). */
  editBoard: (boardId: string, edit: (doc: Y.Doc) => void) => Promise<void>;
  /** Named versions of the boards (`boards/board-versions.ts`). */
  versions: BoardVersionStore;
}

/** The generic answer to an unexpected error: never the raw error, which is logged with the request id. */
export const UNEXPECTED_ERROR = 'Er ging iets mis op de server. Probeer het zo nog eens.';

/** Hono's own messages for bad input, in the users' language. */
const EXPECTED_MESSAGES: Record<string, string> = {
  'Malformed JSON in request body': 'Het verzoek bevat geen geldige JSON.',
};

/**
 * The HTTP side of Koers: `/api/*`, `/healthz`, and the built web app. Routes are chained so that
 * `AppType` gives the web app a typed `hc` client.
 *
 * Order matters: security headers wrap every response (the web app's too); on `/api/*` the Origin check
 * (CSRF) runs before anything else, then the caller is resolved once (`c.var.actor`), and every route
 * starts with its own access check. All API routes sit before the `/api/*` 404.
 */
export function createApp(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.use(requestId());
  app.use(async (c, next) => {
    const log = deps.log.child({ requestId: c.get('requestId') });
    c.set('log', log);
    const started = performance.now();
    await next();
    log.debug('request', {
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round(performance.now() - started),
    });
  });

  app.onError((error, c) => {
    if (error instanceof HTTPException && error.status < 500) {
      return c.json({ error: EXPECTED_MESSAGES[error.message] ?? error.message }, error.status);
    }
    c.get('log').error('unexpected error', { method: c.req.method, path: c.req.path, ...errorFields(error) });
    return c.json({ error: UNEXPECTED_ERROR }, 500);
  });

  const { auth } = deps;
  // One cache of aggregate reports for the results page, the board's charts and the board export.
  const reports = new ReportCache();
  app.use('*', auth.securityHeaders);
  app.use('/api/*', auth.originCheck);
  app.use('/api/*', auth.withActor);

  const routes = app
    .get('/healthz', async (c) => {
      await deps.store.ping();
      return c.json({ ok: true as const });
    })
    .route('/api/boards', boardsRoutes({ store: deps.store, auth, evictBoard: deps.evictBoard }))
    .route(
      '/api/boards',
      boardExportRoutes({
        store: deps.store,
        auth,
        datasets: deps.datasets,
        reports,
        readBoard: deps.readBoard,
      }),
    )
    .route(
      '/api/boards',
      boardCycleRoutes({
        store: deps.store,
        auth,
        datasets: deps.datasets,
        reports,
        readBoard: deps.readBoard,
      }),
    )
    .route(
      '/api/boards',
      boardVersionsRoutes({
        store: deps.store,
        auth,
        versions: deps.versions,
        readBoard: deps.readBoard,
        editBoard: deps.editBoard,
      }),
    )
    // The auth and dataset route modules carry their full `/api/...` paths.
    .route('/', auth.routes.auth)
    .route('/', auth.routes.members)
    .route('/', auth.routes.invites)
    .route('/', auth.routes.projector)
    .route('/', auth.routes.audit)
    .route(
      '/',
      createDatasetRoutes({ store: deps.datasets, audit: auth.audit, withActor: auth.withActor, reports }),
    )
    .route('/', boardAuthorsRoutes({ requireBoardAccess: auth.requireBoardAccess, ledger: deps.ledger }))
    .route('/', boardTeamRoutes({ requireBoardAccess: auth.requireBoardAccess, schools: auth.schools }))
    .route(
      '/',
      boardViewsRoutes({
        requireBoardAccess: auth.requireBoardAccess,
        datasets: deps.datasets,
        reports,
        readBoard: deps.readBoard,
      }),
    );

  app.all('/api/*', (c) => c.json({ error: 'Niet gevonden' }, 404));
  for (const handler of staticWeb(deps.config.webBuildDir)) app.get('*', handler);
  app.notFound((c) => c.json({ error: 'Niet gevonden' }, 404));
  return routes;
}

/** The typed shape of the API, for `hc<AppType>(url)` in the web app. */
export type AppType = ReturnType<typeof createApp>;
