import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';

/**
 * The client's address for throttling. Behind our own reverse proxy (TRUST_PROXY=true) that is the last
 * X-Forwarded-For entry: the one the proxy appended; earlier entries are client-controlled. Otherwise the
 * socket's peer address. Never used for authorization, only for rate limits.
 */
export function clientIpFromNode(request: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = lastForwarded(request.headers['x-forwarded-for']);
    if (forwarded) return forwarded;
  }
  return request.socket?.remoteAddress ?? 'unknown';
}

/** {@link clientIpFromNode} for a Hono context served by `@hono/node-server` (env.incoming). */
export function clientIpFromContext(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = lastForwarded(c.req.header('x-forwarded-for'));
    if (forwarded) return forwarded;
  }
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'unknown';
}

function lastForwarded(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (!value) return undefined;
  const parts = value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  return parts.at(-1);
}
