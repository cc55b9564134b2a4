import { describe, expect, it } from 'vitest';
import { createImportRunner, ImportBusyError } from './import-runner';
import type { ImportJob } from './import-job';

const HEAD = 'leerling_id;schooljaar;groep;vak;moment;vaardigheidsscore';
const job = (rows: number, mode: ImportJob['mode'] = 'import'): ImportJob => {
  const lines = [HEAD];
  for (let i = 0; i < rows; i++) lines.push(`L${i};2025-2026;5A;Spelling;M;${i % 90}`);
  return { mode, bytes: new TextEncoder().encode(lines.join('\n')) };
};

describe('import runner', () => {
  it('runs an import in a worker and hands back every result', async () => {
    const runner = createImportRunner();
    const { outcome } = await runner.run(job(12_345));
    expect(outcome.ok && outcome.results.map((r) => r.pupilId)).toEqual(
      Array.from({ length: 12_345 }, (_, i) => `L${i}`),
    );
  });

  it('hands a clean import over in slices of 2,000, and stops when storing a slice fails', async () => {
    const runner = createImportRunner();
    const sizes: number[] = [];
    const { outcome, counts } = await runner.run(job(4500), (slice) => {
      sizes.push(slice.length);
    });
    expect(sizes).toEqual([2000, 2000, 500]);
    expect(outcome.ok && outcome.results).toEqual([]);
    expect(counts?.results).toBe(4500);
    let calls = 0;
    await expect(
      runner.run(job(4500), () => {
        calls++;
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    expect(calls).toBe(1);
  });

  it('answers a preview with counts and the first rows only', async () => {
    const { outcome, counts, firstRows } = await createImportRunner().run(job(50, 'preview'));
    expect(outcome.ok && outcome.results).toEqual([]);
    expect(counts).toMatchObject({ results: 50, pupils: 50, subjects: ['Spelling'] });
    expect(firstRows.map((r) => r.pupilId)).toEqual([
      'L0',
      'L1',
      'L2',
      'L3',
      'L4',
      'L5',
      'L6',
      'L7',
      'L8',
      'L9',
    ]);
  });

  it('terminates a worker over its time limit and says so in Dutch', async () => {
    const logged: string[] = [];
    const runner = createImportRunner({ timeoutMs: 50, onUnexpected: (m) => logged.push(m) });
    const { outcome } = await runner.run(job(200_000));
    expect(outcome.ok ? [] : outcome.errors.map((e) => e.message)).toEqual([
      'het inlezen van het bestand duurde te lang en is gestopt; splits het bestand, bijvoorbeeld per schooljaar',
    ]);
    expect(logged).toEqual(['import timed out']);
  });

  it('ends a worker that runs out of its heap, not the server, and says so in Dutch', async () => {
    const logged: string[] = [];
    const runner = createImportRunner({ maxHeapMb: 32, onUnexpected: (m) => logged.push(m) });
    const { outcome } = await runner.run(job(300_000));
    expect(outcome.ok ? [] : outcome.errors.map((e) => e.message)).toEqual([
      'het bestand is te groot om in te lezen; splits het, bijvoorbeeld per schooljaar',
    ]);
    expect(outcome.format).toBe('csv');
    expect(logged).toEqual(['import ran out of memory']);
  });

  it('runs one import at a time and refuses more than the queue holds', async () => {
    const runner = createImportRunner({ concurrency: 1, maxQueued: 1 });
    const first = runner.run(job(20_000));
    const second = runner.run(job(10));
    await expect(runner.run(job(10))).rejects.toBeInstanceOf(ImportBusyError);
    const [a, b] = await Promise.all([first, second]);
    expect([a.outcome.ok, b.outcome.ok]).toEqual([true, true]);
    // The queue is free again.
    expect((await runner.run(job(1))).outcome.ok).toBe(true);
  });
});
