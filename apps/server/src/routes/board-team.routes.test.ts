import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBoard } from '../boards/create-board';
import { addTestMember, startTestServer } from '../testing/sync-test-kit';

/** The team behind an action's owner picker, on the real server (HTTP with cookies, real SQLite). */

type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server;
let boardId: string;
let leerkracht: { cookie: string; userId: string };

beforeAll(async () => {
  server = await startTestServer();
  boardId = (await createBoard(server.store, { title: 'Studiedag', schoolId: server.schoolId })).id;
  leerkracht = await addTestMember(server, server.schoolId, 'anna@team.nl', 'leerkracht');
  const otherSchool = server.auth.schools.createSchool('Andere school');
  await addTestMember(server, otherSchool.id, 'bram@andere.nl', 'leerkracht');
});
afterAll(async () => {
  await server?.stop();
});

describe('GET /api/boards/:id/team', () => {
  it("gives a leerkracht her school's members by account id and name only, sorted by name", async () => {
    const response = await fetch(`${server.url}/api/boards/${boardId}/team`, {
      headers: { origin: server.url, cookie: leerkracht.cookie },
    });
    expect(response.status).toBe(200);
    const { team } = (await response.json()) as { team: { id: string; name: string }[] };
    const members = server.auth.schools.listMembers(server.schoolId);
    expect(team).toHaveLength(members.length);
    expect(team.map((t) => t.id).sort()).toEqual(members.map((m) => m.user.id).sort());
    expect(team.find((t) => t.id === leerkracht.userId)).toBeDefined();
    for (const member of team) expect(Object.keys(member).sort()).toEqual(['id', 'name']);
    const names = team.map((t) => t.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'nl')));
    expect(JSON.stringify(team)).not.toContain('bram');
  });
});
