import { describe, expect, it } from 'vitest';
import { isUndoKey, type UndoKeyEvent } from './undo-keys';

const press = (key: string, mods: Partial<UndoKeyEvent> = {}): UndoKeyEvent => ({
  key,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  target: null,
  ...mods,
});

describe('canvas undo keys', () => {
  it('reads Ctrl+Z as undo and Ctrl+Shift+Z or Ctrl+Y as redo, also with ⌘', () => {
    expect(isUndoKey(press('z', { ctrlKey: true }))).toBe('undo');
    expect(isUndoKey(press('Z', { ctrlKey: true, shiftKey: true }))).toBe('redo');
    expect(isUndoKey(press('y', { ctrlKey: true }))).toBe('redo');
    expect(isUndoKey(press('z', { metaKey: true }))).toBe('undo');
  });

  it('ignores other keys and plain z', () => {
    expect(isUndoKey(press('z'))).toBeNull();
    expect(isUndoKey(press('x', { ctrlKey: true }))).toBeNull();
    expect(isUndoKey(press('z', { ctrlKey: true, altKey: true }))).toBeNull();
  });
});
