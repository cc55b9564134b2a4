import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env';

/** Paths that never fall back to the web app. */
const NOT_WEB = /^\/(api|sync|healthz)(\/|$)/;

/**
 * The built web app: files as they are, `/_app/immutable/*` cached forever (their names carry a hash), and
 * every other GET answered with `index.html` so the SPA router handles deep links.
 */
export function staticWeb(buildDir: string): MiddlewareHandler<AppEnv>[] {
  const indexFile = path.join(buildDir, 'index.html');
  // Only when the folder exists: serveStatic warns on a missing root, and the fallback explains it better.
  const files = !existsSync(buildDir)
    ? undefined
    : serveStatic<AppEnv>({
        root: buildDir,
        onFound: (filePath, c) => {
          c.header(
            'Cache-Control',
            filePath.includes(`${path.sep}_app${path.sep}immutable${path.sep}`)
              ? 'public, max-age=31536000, immutable'
              : 'no-cache',
          );
        },
      });
  const fallback: MiddlewareHandler<AppEnv> = async (c, next) => {
    if ((c.req.method !== 'GET' && c.req.method !== 'HEAD') || NOT_WEB.test(c.req.path)) return next();
    if (!existsSync(indexFile)) {
      return c.text('De webapp is nog niet gebouwd. Voer eerst `pnpm build` uit.', 503);
    }
    c.header('Cache-Control', 'no-cache');
    return c.html(readFileSync(indexFile, 'utf8'));
  };
  const guardedFiles: MiddlewareHandler<AppEnv> = async (c, next) => {
    if (NOT_WEB.test(c.req.path) || !files) return next();
    return files(c, next);
  };
  return [guardedFiles, fallback];
}
