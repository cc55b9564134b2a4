import { describe, expect, it } from 'vitest';
import {
  isNestedMapField,
  isRecordKey,
  isValidNestedEntry,
  isValidRecordField,
  isValidRootEntry,
} from './entry-validation';
import { newRecordId } from './records/record-id';

describe('entry validation (what the server guard asks per write)', () => {
  it('root entries: meta, stepDone, grid cells, checks and analysis by their own rules; records never a value', () => {
    expect(isValidRootEntry('meta', 'title', 'Studiedag')).toBe(true);
    expect(isValidRootEntry('meta', 'title', 'x'.repeat(121))).toBe(false);
    expect(isValidRootEntry('stepDone', 's3', true)).toBe(true);
    expect(isValidRootEntry('gridCells', 'AAAAAAAAAAAAAAAA|BBBBBBBBBBBBBBBB', '+')).toBe(true);
    expect(isValidRootEntry('gridCells', 'AAAAAAAAAAAAAAAA|BBBBBBBBBBBBBBBB', 'x')).toBe(false);
    expect(isValidRootEntry('gridCells', 'geen-cel', '+')).toBe(false);
    expect(isValidRootEntry('checks', 'normen:helder:status', 'ja')).toBe(true);
    expect(isValidRootEntry('checks', 'normen:helder:status', 'misschien')).toBe(false);
    expect(isValidRootEntry('checks', 'normen:onbekend:note', 'tekst')).toBe(false);
    expect(isValidRootEntry('analysis', 'purpose', 'borgen')).toBe(true);
    expect(isValidRootEntry('analysis', 'purpose', 42)).toBe(false);
    expect(isValidRootEntry('records', newRecordId(), { type: 'fact' })).toBe(false);
    expect(isValidRootEntry('text:s1', 'x', 'y')).toBe(false);
  });

  it('record keys are record ids', () => {
    expect(isRecordKey(newRecordId())).toBe(true);
    expect(isRecordKey('kort')).toBe(false);
    expect(isRecordKey('AAAAAAAAAAAAAAA|')).toBe(false);
  });

  it('record fields by type: known fields with valid values, the type only as itself, unknown types never', () => {
    expect(isValidRecordField('fact', 'text', 'Rekenen daalt')).toBe(true);
    expect(isValidRecordField('fact', 'text', 'x'.repeat(1_000_000))).toBe(false);
    expect(isValidRecordField('fact', 'pupil', 'Sanne')).toBe(false);
    expect(isValidRecordField('fact', 'type', 'fact')).toBe(true);
    expect(isValidRecordField('fact', 'type', 'cause')).toBe(false);
    expect(isValidRecordField('cause', 'polarity', 'misschien')).toBe(false);
    expect(isValidRecordField('cause', 'stepId', 's9')).toBe(true);
    expect(isValidRecordField('sticker', 'text', 'hallo')).toBe(false);
  });

  it('nested maps only where the type declares one, with entries valid for it', () => {
    expect(isNestedMapField('cause', 'recognisedBy')).toBe(true);
    expect(isNestedMapField('fact', 'recognisedBy')).toBe(false);
    expect(isNestedMapField('cause', 'text')).toBe(false);
    expect(isValidNestedEntry('cause', 'recognisedBy', 'anja', true)).toBe(true);
    expect(isValidNestedEntry('cause', 'recognisedBy', 'anja', 'ja')).toBe(false);
    expect(isValidNestedEntry('cause', 'recognisedBy', 'x'.repeat(65), true)).toBe(false);
    expect(isValidNestedEntry('fact', 'recognisedBy', 'anja', true)).toBe(false);
  });
});
