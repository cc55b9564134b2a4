/**
 * `koers analyse <bestand> [--norms normen.json] [--year 2025-2026] [--moment M] [--format json|md]`
 * plus `--skip-rows 5,7`, `--map veld=Kop`, `--demo [--seed n]` (analyse the generated demo school) and
 * `--write-demo <map>` (write the demo school as canonical CSV + norms JSON). Node-only: reads files.
 */
import { createReadStream } from 'node:fs';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateDemoSchool } from '../demo/demo-school';
import { resultsToCanonicalCsv } from '../import/canonical-csv';
import type { ExplicitMapping, Field } from '../import/columns';
import { formatImportError } from '../import/import-error';
import type { ImportProgress } from '../import/csv';
import { importStream } from '../import/stream';
import { parseMoment, parseSchoolYear } from '../import/parse-values';
import type { Moment, Result } from '../model';
import { emptyNormSet, type NormSet } from '../norms/norm-set';
import { parseNormSet } from '../norms/parse-norms';
import { analyseSchool, analyseBoard } from '../run-analysis';
import { reportToMarkdown } from './format-markdown';

const USAGE = `Gebruik: pnpm koers analyse <bestand.csv|bestand.xlsx> [opties]
       pnpm koers analyse --demo [--seed 42] [opties]
       pnpm koers analyse --write-demo <map> [--seed 42]

Opties:
  --norms <normen.json>   normen, verwachte groei, doelen en interventies (zie README)
  --year <2025-2026>      schooljaar (standaard: het laatste in het bestand)
  --moment <B|M|E>        toetsmoment (standaard: het laatste van dat schooljaar)
  --format <json|md>      uitvoer (standaard: md)
  --skip-rows <5,7>       sla deze rijen over (nummers zoals in Excel)
  --map <veld=Kop>        koppel een kolom expliciet, bv. --map score="VS rekenen" (herhaalbaar)
`;

interface Args {
  file: string | null;
  norms: string | null;
  year: string | null;
  moment: Moment | null;
  format: 'json' | 'md';
  skipRows: number[];
  mapping: ExplicitMapping;
  demo: boolean;
  writeDemo: string | null;
  seed: number;
}

function parseArgs(argv: string[]): Args | string {
  const a: Args = {
    file: null,
    norms: null,
    year: null,
    moment: null,
    format: 'md',
    skipRows: [],
    mapping: {},
    demo: false,
    writeDemo: null,
    seed: 42,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const next = (): string | null => argv[++i] ?? null;
    switch (arg) {
      case '--norms':
        a.norms = next();
        break;
      case '--year': {
        const v = next();
        const p = v === null ? null : parseSchoolYear(v);
        if (!p?.ok) return `--year: ${p ? p.message : 'waarde ontbreekt'}`;
        a.year = p.value;
        break;
      }
      case '--moment': {
        const v = next();
        const p = v === null ? null : parseMoment(v);
        if (!p?.ok) return `--moment: ${p ? p.message : 'waarde ontbreekt'}`;
        a.moment = p.value.moment;
        break;
      }
      case '--format': {
        const v = next();
        if (v !== 'json' && v !== 'md') return "--format: 'json' of 'md' verwacht";
        a.format = v;
        break;
      }
      case '--skip-rows': {
        const v = next() ?? '';
        const rows = v.split(',').map((s) => Number(s.trim()));
        if (rows.some((n) => !Number.isInteger(n) || n < 2))
          return '--skip-rows: rijnummers (vanaf 2) gescheiden door komma’s verwacht';
        a.skipRows.push(...rows);
        break;
      }
      case '--map': {
        const v = next() ?? '';
        const eq = v.indexOf('=');
        if (eq < 1) return '--map: veld=Kop verwacht';
        a.mapping[v.slice(0, eq) as Field] = v.slice(eq + 1);
        break;
      }
      case '--demo':
        a.demo = true;
        break;
      case '--write-demo':
        a.writeDemo = next();
        break;
      case '--seed':
        a.seed = Number(next());
        if (!Number.isInteger(a.seed)) return '--seed: geheel getal verwacht';
        break;
      case '-h':
      case '--help':
        return '';
      default:
        if (arg.startsWith('--')) return `onbekende optie: ${arg}`;
        if (a.file !== null) return `meer dan één bestand opgegeven: ${arg}`;
        a.file = arg;
    }
  }
  if (!a.demo && a.writeDemo === null && a.file === null) return 'geen bestand opgegeven';
  return a;
}

/**
 * Runs the command. Returns the exit code: 0 success, 1 invalid input (errors listed on stderr),
 * 2 wrong usage.
 */
export async function analyseCommand(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    if (args === '') {
      process.stdout.write(USAGE);
      return 0;
    }
    process.stderr.write(`${args}\n\n${USAGE}`);
    return 2;
  }
  if (args.writeDemo !== null) {
    const demo = generateDemoSchool({ seed: args.seed });
    await mkdir(args.writeDemo, { recursive: true });
    await writeFile(join(args.writeDemo, 'demo-school.csv'), resultsToCanonicalCsv(demo.results));
    await writeFile(join(args.writeDemo, 'demo-normen.json'), `${JSON.stringify(demo.normSet, null, 2)}\n`);
    process.stdout.write(
      `Demo-school geschreven: ${demo.results.length} uitslagen in ${join(args.writeDemo, 'demo-school.csv')} en normen in ${join(args.writeDemo, 'demo-normen.json')}\n`,
    );
    return 0;
  }
  let normSet: NormSet = emptyNormSet();
  let results: Result[];
  if (args.demo) {
    const demo = generateDemoSchool({ seed: args.seed });
    results = demo.results;
    normSet = demo.normSet;
  } else {
    let size: number;
    try {
      size = (await stat(args.file!)).size;
    } catch (e) {
      process.stderr.write(`Kan ${args.file} niet lezen: ${e instanceof Error ? e.message : String(e)}\n`);
      return 1;
    }
    // Large files on a terminal get a progress line; pipes and small files stay quiet.
    const showProgress = size > 5_000_000 && process.stderr.isTTY;
    // Streamed: the file is decoded and validated chunk by chunk, never held as one text.
    const outcome = await importStream(createReadStream(args.file!, { highWaterMark: 1 << 20 }), {
      totalBytes: size,
      skipRows: args.skipRows,
      mapping: args.mapping,
      ...(showProgress
        ? {
            onProgress: (p: ImportProgress) =>
              process.stderr.write(`\rInlezen: ${Math.round(p.fraction * 100)}% (${p.rows} rijen)`),
          }
        : {}),
    });
    if (showProgress) process.stderr.write('\n');
    if (!outcome.ok) {
      process.stderr.write(
        `${args.file}: ${outcome.errorCount} fout${outcome.errorCount === 1 ? '' : 'en'}; er is niets opgeslagen.\n`,
      );
      for (const e of outcome.errors) process.stderr.write(`  ${formatImportError(e)}\n`);
      if (outcome.errorCount > outcome.errors.length)
        process.stderr.write(`  … en nog ${outcome.errorCount - outcome.errors.length} fouten\n`);
      if (args.format === 'json')
        process.stdout.write(
          `${JSON.stringify({ ok: false, errors: outcome.errors, errorCount: outcome.errorCount }, null, 2)}\n`,
        );
      return 1;
    }
    results = outcome.results;
    if (outcome.columns.unsure.length > 0) {
      process.stderr.write(
        `Let op, kolommen geraden: ${outcome.columns.unsure.map((u) => `'${u.header}' als ${u.field}`).join(', ')} (gebruik --map om te corrigeren)\n`,
      );
    }
    if (outcome.warningCount > 0)
      process.stderr.write(
        `${outcome.warningCount} waarschuwing(en), bv. ${formatImportError(outcome.warnings[0]!)}\n`,
      );
  }
  if (args.norms !== null) {
    let json: unknown;
    try {
      json = JSON.parse(await readFile(args.norms, 'utf8'));
    } catch (e) {
      process.stderr.write(
        `Normenbestand ${args.norms} is geen geldige JSON: ${e instanceof Error ? e.message : String(e)}\n`,
      );
      return 1;
    }
    const parsed = parseNormSet(json);
    if (!parsed.ok) {
      process.stderr.write(
        `Normenbestand ${args.norms} bevat fouten:\n${parsed.errors.map((e) => `  ${e}`).join('\n')}\n`,
      );
      return 1;
    }
    normSet = parsed.normSet;
  }
  const options = {
    ...(args.year ? { year: args.year } : {}),
    ...(args.moment ? { moment: args.moment } : {}),
  };
  const schools = new Set(results.map((r) => r.school ?? ''));
  if (schools.size > 1) {
    const board = analyseBoard(results, normSet, options);
    process.stdout.write(
      args.format === 'json'
        ? `${JSON.stringify(board, null, 2)}\n`
        : board.reports.map(reportToMarkdown).join('\n---\n\n'),
    );
    return 0;
  }
  const report = analyseSchool(results, normSet, options);
  process.stdout.write(
    args.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : reportToMarkdown(report),
  );
  return 0;
}
