import type { Context } from 'hono';
import { httpError } from '../auth/access';

/** The JSON object body of a request, or a 400 with a Dutch message. */
export async function readJsonObject(c: Context): Promise<Record<string, unknown>> {
  const body: unknown = await c.req.json().catch(() => undefined);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw httpError(400, 'Het verzoek is ongeldig: verwacht een JSON-object.');
  }
  return body as Record<string, unknown>;
}

/** A trimmed string field, or undefined when absent or not a string. */
export function stringField(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  return typeof value === 'string' ? value.trim() : undefined;
}

/** The origin links are built on: PUBLIC_URL when set, else the origin the request came in on. */
export function linkOrigin(c: Context, publicUrl: string | undefined): string {
  return publicUrl ?? new URL(c.req.url).origin;
}

/** A string field exactly as sent (passwords are never trimmed). */
export function rawStringField(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  return typeof value === 'string' ? value : undefined;
}
