import { analyseSchool } from '@koers/analysis';
import { describe, expect, it } from 'vitest';
import { aggregateReport } from './aggregate-view';
import { ReportCache } from './report-cache';

describe('report cache', () => {
  const report = aggregateReport(analyseSchool([]));

  it('drops the least recently used report beyond its capacity', () => {
    const cache = new ReportCache(2);
    const a = ReportCache.key('d1', '', '', 'null');
    const b = ReportCache.key('d1', '2025-2026', 'M', 'null');
    const c = ReportCache.key('d2', '', '', 'null');
    cache.set(a, 'd1', report);
    cache.set(b, 'd1', report);
    expect(cache.get(a)).toBe(report); // a is now the most recently used
    cache.set(c, 'd2', report);
    expect(cache.get(b)).toBeUndefined();
    expect(cache.get(a)).toBe(report);
    expect(cache.get(c)).toBe(report);
  });

  it('forgets every report of a deleted dataset', () => {
    const cache = new ReportCache();
    cache.set(ReportCache.key('d1', '', '', 'null'), 'd1', report);
    cache.set(ReportCache.key('d1', '2025-2026', 'E', 'null'), 'd1', report);
    cache.set(ReportCache.key('d2', '', '', 'null'), 'd2', report);
    cache.evictDataset('d1');
    expect(cache.size).toBe(1);
    expect(cache.get(ReportCache.key('d2', '', '', 'null'))).toBe(report);
  });
});
