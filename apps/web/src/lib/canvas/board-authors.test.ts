import { describe, expect, it } from 'vitest';
import { AUTHORS_REFRESH_MS, BoardAuthors } from './board-authors.svelte';

describe('BoardAuthors', () => {
  it('names a card’s author from the server’s ledger, and oneself without asking', async () => {
    let calls = 0;
    const authors = new BoardAuthors({
      load: async () => {
        calls++;
        return { '17': { name: 'Anna' } };
      },
      self: { clientId: 99, name: 'Bram' },
    });
    expect(authors.nameOf(99)).toBe('Bram');
    expect(calls).toBe(0);
    expect(authors.nameOf(17)).toBeNull();
    await authors.refresh();
    expect(authors.nameOf(17)).toBe('Anna');
    expect(calls).toBe(1);
  });

  it('asks again for an unknown author at most once per interval, and says unknown when the server has none', async () => {
    let clock = 0;
    let calls = 0;
    const authors = new BoardAuthors({
      load: async () => {
        calls++;
        return {};
      },
      now: () => clock,
    });
    expect(authors.nameOf(5)).toBeNull();
    await authors.refresh();
    expect(authors.nameOf(5)).toBeNull();
    expect(calls).toBe(1);
    clock += AUTHORS_REFRESH_MS + 1;
    authors.nameOf(5);
    await authors.refresh();
    expect(calls).toBe(2);
    expect(authors.nameOf(undefined)).toBeNull();
  });
});
