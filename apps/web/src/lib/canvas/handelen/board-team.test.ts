import { describe, expect, it } from 'vitest';
import { BoardTeam } from './board-team.svelte';

describe('BoardTeam', () => {
  it('names an owner by account id once the team is loaded, and keeps a departed owner as unknown choice', async () => {
    const team = new BoardTeam({
      load: async () => [
        { id: 'u1', name: 'Anna' },
        { id: 'u2', name: 'Bram' },
      ],
      describeError: () => 'fout',
    });
    expect(team.nameOf('u1')).toBeNull();
    await team.load();
    expect(team.nameOf('u1')).toBe('Anna');
    expect(team.nameOf(null)).toBeNull();
    expect(team.nameOf('gone')).toBeNull();
    expect(team.choices('u2', 'onbekend').map((m) => m.name)).toEqual(['Anna', 'Bram']);
    expect(team.choices('gone', 'onbekend')).toEqual([
      { id: 'u1', name: 'Anna' },
      { id: 'u2', name: 'Bram' },
      { id: 'gone', name: 'onbekend' },
    ]);
  });

  it('says why the team could not be loaded, in the words it is given', async () => {
    const team = new BoardTeam({
      load: async () => {
        throw new Error('403');
      },
      describeError: (e) => `Het team kon niet worden geladen (${(e as Error).message}).`,
    });
    await team.load();
    expect(team.members).toBeNull();
    expect(team.error).toBe('Het team kon niet worden geladen (403).');
  });

  it('asks the server once when loads overlap, and again after a failure', async () => {
    let calls = 0;
    let fail = true;
    const team = new BoardTeam({
      load: async () => {
        calls++;
        if (fail) throw new Error('offline');
        return [{ id: 'u1', name: 'Anna' }];
      },
      describeError: () => 'Geen verbinding met de server.',
    });
    await Promise.all([team.load(), team.load()]);
    expect(calls).toBe(1);
    expect(team.error).toBe('Geen verbinding met de server.');
    fail = false;
    await team.load();
    expect(calls).toBe(2);
    expect(team.error).toBe('');
    expect(team.nameOf('u1')).toBe('Anna');
  });
});
