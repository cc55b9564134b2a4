import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('.', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && e.name !== 'test-fixtures.ts' ? [p] : [];
  });
}

describe('package boundaries', () => {
  // Code only: comments may well say "window" or "document".
  const stripComments = (t: string): string =>
    t.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const files = sources(root).map((p) => ({
    path: relative(root, p),
    text: stripComments(readFileSync(p, 'utf8')),
  }));

  it('never imports Yjs, the DOM or apps/*', () => {
    for (const f of files) {
      expect(f.text, f.path).not.toMatch(/from ['"](yjs|y-[a-z-]+|lib0)[/'"]/);
      expect(f.text, f.path).not.toMatch(/from ['"][^'"]*apps\//);
      expect(f.text, f.path).not.toMatch(/\b(document|window|localStorage)\./);
    }
  });

  it('keeps Node modules out of the analysis core (only cli/ reads files)', () => {
    const core = files.filter((f) => !f.path.startsWith('cli'));
    expect(core.length).toBeGreaterThan(20);
    for (const f of core) expect(f.text, f.path).not.toMatch(/from ['"]node:/);
    // The CLI is loaded lazily, so importing the package pulls in no Node module.
    const index = files.find((f) => f.path === 'index.ts')!;
    expect(index.text).not.toMatch(/from ['"]\.\/cli\//);
  });
});
