import type { Role } from '$lib/api';
import { m } from '$lib/i18n';

/** The roles a school member can have, in the order the UI offers them. */
export const ROLES: readonly Role[] = ['leerkracht', 'leider'];

/** A role's name in the interface language. */
export function roleLabel(role: Role): string {
  return role === 'leider' ? m.role_leider() : m.role_leerkracht();
}
