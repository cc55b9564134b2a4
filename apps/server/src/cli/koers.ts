#!/usr/bin/env -S npx tsx
/**
 * `pnpm koers …`: one command line for Koers. Subcommands live with the code they drive:
 * `analyse` in packages/analysis, the admin commands (school, user) in apps/server/src/cli/admin.
 */

const USAGE = `Gebruik: pnpm koers <opdracht>

  analyse <bestand> [--norms normen.json] [--year 2025-2026] [--moment M] [--format json|md]
  school add <naam>
  user add --school <school> --email <e-mail> --role leider|leerkracht
  user reset-password --email <e-mail>
  user remove --email <e-mail>
  board adopt --school <school>
  board repair <bord-id> [--write]
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'analyse': {
      const { analyseCommand } = await import('@koers/analysis');
      return analyseCommand(rest);
    }
    case 'school':
    case 'user':
    case 'board': {
      if (command === 'board' && rest[0] === 'repair') {
        const { boardRepairCommand } = await import('./board-repair');
        return boardRepairCommand(rest.slice(1), {
          out: (text) => process.stdout.write(text),
          err: (text) => process.stderr.write(text),
          env: process.env,
        });
      }
      const { adminCommand } = await import('./admin');
      return adminCommand(argv);
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return command === undefined ? 1 : 0;
    default:
      process.stderr.write(`Onbekende opdracht: ${command}\n\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
