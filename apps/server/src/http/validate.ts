/**
 * Request validation with zod, answering like every other Koers error: `{ error: <Dutch message> }` with
 * 400, the message of the first problem (each schema carries its own Dutch messages). The validated,
 * typed value is `c.req.valid('json' | 'query')`, and the route's input type reaches `hc<AppType>`.
 *
 * Access comes before validation: put {@link guard} with the route's access check in front of a
 * validator, so a caller without the right learns nothing from the validation messages.
 */
import { zValidator } from '@hono/zod-validator';
import type { Context, MiddlewareHandler } from 'hono';
import type { BlankInput } from 'hono/types';
import type { ZodType } from 'zod';
import type { AuthEnv } from '../auth/access';

/** The message of the first problem (each schema carries its own Dutch messages). */
function firstMessage(error: { issues: readonly { message: string }[] }): string {
  return error.issues[0]?.message ?? 'Het verzoek is ongeldig.';
}

// The hooks are written out per target so that their 400 answer is typed for `hc` (a shared, widened hook
// would add an untyped response to every route).

/** Validates the JSON body with `schema` (a non-JSON or absent body is validated as `{}`). */
export function jsonBody<T extends ZodType>(schema: T) {
  return zValidator('json', schema, (result, c) => {
    if (!result.success) return c.json({ error: firstMessage(result.error) }, 400);
    return undefined;
  });
}

/** Validates the query string with `schema` (each parameter a string, or an array when repeated). */
export function queryOf<T extends ZodType>(schema: T) {
  return zValidator('query', schema, (result, c) => {
    if (!result.success) return c.json({ error: firstMessage(result.error) }, 400);
    return undefined;
  });
}

/**
 * Runs an access check (it throws the 401/403/404) before the next handler, e.g. a validator. It never
 * answers itself (`never`), so it adds no response to the route's type.
 */
export function guard(
  check: (c: Context<AuthEnv>) => unknown,
): MiddlewareHandler<AuthEnv, string, BlankInput, never> {
  return async (c, next) => {
    await check(c);
    await next();
  };
}
