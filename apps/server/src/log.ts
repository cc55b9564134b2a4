/**
 * A tiny structured logger: one JSON object per line on stdout (stderr for warn and error), so the lines can
 * be shipped and queried without a parsing step. No dependency: the server needs four levels and fields.
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every line (e.g. a request id or a board id). */
  child(fields: LogFields): Logger;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Turn an unknown thrown value into loggable fields (message and stack, never the raw object). */
export function errorFields(error: unknown): LogFields {
  if (error instanceof Error) return { error: error.message, stack: error.stack };
  return { error: String(error) };
}

/**
 * @example
 * const log = createLogger('info');
 * log.info('listening', { port: 3000 });
 */
export function createLogger(level: LogLevel, bound: LogFields = {}): Logger {
  const min = RANK[level];
  const write = (lineLevel: LogLevel, message: string, fields?: LogFields): void => {
    if (RANK[lineLevel] < min) return;
    const line = JSON.stringify({
      time: new Date().toISOString(),
      level: lineLevel,
      msg: message,
      ...bound,
      ...fields,
    });
    (RANK[lineLevel] >= RANK.warn ? process.stderr : process.stdout).write(`${line}\n`);
  };
  return {
    debug: (message, fields) => write('debug', message, fields),
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
    child: (fields) => createLogger(level, { ...bound, ...fields }),
  };
}
