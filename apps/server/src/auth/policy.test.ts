import { describe, expect, it } from 'vitest';
import type { School, User } from '../schools/school-store';
import { decideAccess, requireAccess, type Actor } from './access';
import { ACTIONS, type Action } from './policy';

const school: School = { id: 'school-a', name: 'A', createdAt: '' };
const user: User = { id: 'u', email: 'u@a.nl', name: 'U', createdAt: '' };
const session = { id: 's', userId: 'u', schoolId: 'school-a', expiresAt: 0 };
const leider: Actor = { kind: 'member', user, school, role: 'leider', session };
const leerkracht: Actor = { kind: 'member', user, school, role: 'leerkracht', session };
const projector: Actor = { kind: 'projector', boardId: 'board-1', schoolId: 'school-a', linkId: 'l' };
const anonymous: Actor = { kind: 'anonymous' };

const own = { schoolId: 'school-a', boardId: 'board-1' };
const otherBoard = { schoolId: 'school-a', boardId: 'board-2' };
const otherSchool = { schoolId: 'school-b', boardId: 'board-9' };

/** The expected table, written out in full so a change to POLICY must change this test too. */
const EXPECTED: Record<Action, { leider: boolean; leerkracht: boolean; projector: boolean }> = {
  'board:read': { leider: true, leerkracht: true, projector: true },
  'board:write': { leider: true, leerkracht: true, projector: false },
  'board:create': { leider: true, leerkracht: false, projector: false },
  'board:delete': { leider: true, leerkracht: false, projector: false },
  'board:export': { leider: true, leerkracht: true, projector: false },
  'board:facilitate': { leider: true, leerkracht: false, projector: false },
  'board:next-cycle': { leider: true, leerkracht: false, projector: false },
  'board:versions-read': { leider: true, leerkracht: true, projector: false },
  'board:versions-write': { leider: true, leerkracht: false, projector: false },
  'members:manage': { leider: true, leerkracht: false, projector: false },
  'dataset:list': { leider: true, leerkracht: true, projector: false },
  'dataset:import': { leider: true, leerkracht: false, projector: false },
  'dataset:read-pupils': { leider: true, leerkracht: true, projector: false },
  'dataset:export': { leider: true, leerkracht: false, projector: false },
  'dataset:delete': { leider: true, leerkracht: false, projector: false },
  'norms:read': { leider: true, leerkracht: true, projector: false },
  'norms:write': { leider: true, leerkracht: false, projector: false },
  'projector:manage': { leider: true, leerkracht: false, projector: false },
  'aggregates:read': { leider: true, leerkracht: true, projector: true },
  'audit:read': { leider: true, leerkracht: false, projector: false },
};

describe('the access policy, every principal × action', () => {
  it('covers every action', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...ACTIONS].sort());
  });

  for (const action of ACTIONS) {
    it(`${action}`, () => {
      const expected = EXPECTED[action];
      expect(decideAccess(leider, action, own)).toBe(expected.leider ? 'allow' : 403);
      expect(decideAccess(leerkracht, action, own)).toBe(expected.leerkracht ? 'allow' : 403);
      expect(decideAccess(projector, action, own)).toBe(expected.projector ? 'allow' : 403);
      // Logged out is always 401; another school's resource is 404 for everyone, before the role counts.
      expect(decideAccess(anonymous, action, own)).toBe(401);
      expect(decideAccess(leider, action, otherSchool)).toBe(404);
      expect(decideAccess(leerkracht, action, otherSchool)).toBe(404);
      expect(decideAccess(projector, action, otherSchool)).toBe(404);
      // A projector link sees its own board only.
      expect(decideAccess(projector, action, otherBoard)).toBe(404);
      // School-level actions (no resource) are for members; a projector link gets 403.
      expect(decideAccess(projector, action)).toBe(403);
      expect(decideAccess(leider, action)).toBe(expected.leider ? 'allow' : 403);
    });
  }

  it('throws HTTP errors with a Dutch JSON message', async () => {
    expect(() => requireAccess(leider, 'board:write', own)).not.toThrow();
    try {
      requireAccess(leerkracht, 'members:manage');
      expect.unreachable();
    } catch (error) {
      const response = (error as { getResponse(): Response }).getResponse();
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({ error: 'Je hebt geen toestemming om dit te doen.' });
    }
  });
});
