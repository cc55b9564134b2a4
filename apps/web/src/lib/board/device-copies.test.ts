import { describe, expect, it } from 'vitest';
import { DeviceCopies, deviceCopyName, type KeyValueStorage } from './device-copies';

/** localStorage's behaviour on a Map: strings in, strings out. */
function memoryStorage(): KeyValueStorage & { entries: Map<string, string> } {
  const entries = new Map<string, string>();
  return {
    entries,
    getItem: (key) => entries.get(key) ?? null,
    setItem: (key, value) => void entries.set(key, String(value)),
    removeItem: (key) => void entries.delete(key),
  };
}

describe('the name of a board’s copy on this device', () => {
  it('names the account, so two teachers on one laptop never share a copy', () => {
    expect(deviceCopyName('user-a', 'board-1')).toBe('koers-board-user-a-board-1');
    expect(deviceCopyName('user-a', 'board-1')).not.toBe(deviceCopyName('user-b', 'board-1'));
  });

  it('is never the legacy name without an account', () => {
    expect(deviceCopyName('user-a', 'board-1')).not.toBe('koers-board-board-1');
  });
});

describe('the registry of an account’s copies', () => {
  it('keeps unconfirmed and confirmed boards apart, per account', () => {
    const storage = memoryStorage();
    const anna = new DeviceCopies(storage, 'anna');
    const bram = new DeviceCopies(storage, 'bram');
    anna.note('b1');
    anna.record('b2', true);
    bram.record('b1', true);
    expect(anna.unsent()).toEqual(['b2']);
    expect(anna.confirmed()).toEqual(['b1']);
    expect(bram.unsent()).toEqual(['b1']);
    expect(bram.confirmed()).toEqual([]);
  });

  it('a copy noted again keeps its unconfirmed edits; the server’s confirmation clears them', () => {
    const copies = new DeviceCopies(memoryStorage(), 'anna');
    copies.record('b1', true);
    copies.note('b1');
    expect(copies.unsent()).toEqual(['b1']);
    copies.record('b1', false);
    expect(copies.unsent()).toEqual([]);
    expect(copies.confirmed()).toEqual(['b1']);
  });

  it('forgets a deleted copy, and leaves no key behind when none is left', () => {
    const storage = memoryStorage();
    const copies = new DeviceCopies(storage, 'anna');
    copies.note('b1');
    copies.forget('b1');
    expect(copies.confirmed()).toEqual([]);
    expect(storage.entries.size).toBe(0);
  });

  it('holds board ids only: no titles, no names', () => {
    const storage = memoryStorage();
    new DeviceCopies(storage, 'anna').record('b1', true);
    expect([...storage.entries]).toEqual([['koers.deviceCopies.anna', '{"b1":true}']]);
  });

  it('a damaged registry deletes nothing: no board counts as confirmed', () => {
    const storage = memoryStorage();
    storage.setItem('koers.deviceCopies.anna', '{"b1": "yes", "b2": ');
    expect(new DeviceCopies(storage, 'anna').confirmed()).toEqual([]);
    storage.setItem('koers.deviceCopies.anna', '{"b1": "yes", "b2": true}');
    expect(new DeviceCopies(storage, 'anna').confirmed()).toEqual([]);
    expect(new DeviceCopies(storage, 'anna').unsent()).toEqual(['b2']);
  });

  it('without storage (blocked) it records nothing and confirms nothing', () => {
    const copies = new DeviceCopies(null, 'anna');
    copies.record('b1', false);
    expect(copies.confirmed()).toEqual([]);
  });
});
