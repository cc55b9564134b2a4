import { ConfigError } from './config';
import { createLogger, errorFields } from './log';
import { startServer } from './server';

/**
 * `pnpm start`: one process serving the web app, the API and the sync endpoint. SIGTERM/SIGINT store and
 * unload every room before the database closes, so a graceful stop loses nothing.
 */
async function main(): Promise<void> {
  const running = await startServer();
  const { log, config } = running;
  log.info('listening', { url: running.url, port: running.port, host: config.host, dataDir: config.dataDir });

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    log.info('shutting down', { signal });
    // Every acknowledged edit is already on disk; this only bounds a hung shutdown.
    setTimeout(() => {
      log.error('shutdown took too long; exiting');
      process.exit(1);
    }, 15_000).unref();
    running.close().then(
      () => {
        log.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        log.error('shutdown failed', errorFields(error));
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  const log = createLogger('info');
  if (error instanceof ConfigError) log.error('invalid configuration', { error: error.message });
  else log.error('failed to start', errorFields(error));
  process.exit(1);
});
