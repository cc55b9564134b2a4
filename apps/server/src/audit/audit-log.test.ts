import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDatabase } from '../auth/testing';
import { AuditLog } from './audit-log';

describe('AuditLog', () => {
  let temp: ReturnType<typeof tempDatabase>;
  let audit: AuditLog;
  beforeEach(() => {
    temp = tempDatabase();
    audit = new AuditLog(temp.db);
  });
  afterEach(() => temp.cleanup());

  it('lists a school’s entries newest first, and only that school’s', () => {
    audit.record({
      actorUserId: 'u1',
      schoolId: 'a',
      action: 'dataset.import',
      subjectId: 'd1',
      details: { rows: 120 },
    });
    audit.record({ actorUserId: 'u2', schoolId: 'b', action: 'dataset.delete', subjectId: 'd9' });
    audit.record({ actorUserId: 'u1', schoolId: 'a', action: 'dataset.view-pupils', subjectId: 'd1' });
    const entries = audit.list('a');
    expect(entries.map((e) => e.action)).toEqual(['dataset.view-pupils', 'dataset.import']);
    expect(entries[1]).toMatchObject({ actorUserId: 'u1', subjectId: 'd1', details: { rows: 120 } });
    expect(audit.list('a', { before: entries[0]!.id }).map((e) => e.action)).toEqual(['dataset.import']);
  });

  it('is append-only: the database refuses updates and deletes', () => {
    audit.record({ actorUserId: 'u1', schoolId: 'a', action: 'dataset.export', subjectId: 'd1' });
    expect(() => temp.db.exec("UPDATE audit_log SET action = 'x'")).toThrow(/append-only/);
    expect(() => temp.db.exec('DELETE FROM audit_log')).toThrow(/append-only/);
    expect(audit.list('a')).toHaveLength(1);
  });
});
