import type { Role } from '../schools/school-store';

/** Everything the API and the sync endpoint can be asked to do; each route names one. */
export const ACTIONS = [
  'board:read',
  'board:write',
  'board:create',
  'board:delete',
  'board:export',
  'board:facilitate',
  'board:next-cycle',
  'board:versions-read',
  'board:versions-write',
  'members:manage',
  'dataset:list',
  'dataset:import',
  'dataset:read-pupils',
  'dataset:export',
  'dataset:delete',
  'norms:read',
  'norms:write',
  'projector:manage',
  'aggregates:read',
  'audit:read',
] as const;

export type Action = (typeof ACTIONS)[number];

/** Who asks: a school member, a projector link, or a role that only views (none yet; see README). */
export type Principal = Role | 'projector';

/**
 * THE policy table: which principal may do which action, within its own school (and, for a projector
 * link, its own board). Anything not listed is denied. Reading pupil rows is for members only: a
 * projector link gets aggregates (no names) and the board, never pupil-level data.
 */
export const POLICY: Readonly<Record<Action, readonly Principal[]>> = {
  'board:read': ['leider', 'leerkracht', 'projector'],
  'board:write': ['leider', 'leerkracht'],
  'board:create': ['leider'],
  'board:delete': ['leider'],
  // Step 11's report as a download: members only (a projector link shows the board, it does not take it home).
  'board:export': ['leider', 'leerkracht'],
  'board:facilitate': ['leider'],
  // "Nieuw bord vanuit dit bord": a new board of the school, like board:create.
  'board:next-cycle': ['leider'],
  // Named versions: every member looks at them; making one and restoring one (which changes the live
  // board for everyone) is the leider's. A projector link shows the live board only.
  'board:versions-read': ['leider', 'leerkracht'],
  'board:versions-write': ['leider'],
  'members:manage': ['leider'],
  'dataset:list': ['leider', 'leerkracht'],
  'dataset:import': ['leider'],
  'dataset:read-pupils': ['leider', 'leerkracht'],
  'dataset:export': ['leider'],
  'dataset:delete': ['leider'],
  // The school's norms (minimum/streef/ambitie): every member reads them, the leider sets them.
  'norms:read': ['leider', 'leerkracht'],
  'norms:write': ['leider'],
  'projector:manage': ['leider'],
  'aggregates:read': ['leider', 'leerkracht', 'projector'],
  'audit:read': ['leider'],
};

export function isAllowed(principal: Principal, action: Action): boolean {
  return POLICY[action].includes(principal);
}
