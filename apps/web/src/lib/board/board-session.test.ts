import { BOARD_SCHEMA_VERSION } from '@koers/board';
import { describe, expect, it } from 'vitest';
import { CLOSE_OUTDATED, syncParams } from './board-session.svelte';

describe('the sync socket’s parameters', () => {
  it('always name the board schema this page was built for, and a projector link’s token when there is one', () => {
    expect(syncParams()).toEqual({ schema: String(BOARD_SCHEMA_VERSION) });
    expect(syncParams('tok')).toEqual({ schema: String(BOARD_SCHEMA_VERSION), projector: 'tok' });
    expect(CLOSE_OUTDATED).toBe(4426);
  });
});
