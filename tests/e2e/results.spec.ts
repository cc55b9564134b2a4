import type { Browser, BrowserContext } from '@playwright/test';
import { seriousViolations } from '../fixtures/axe';
import { KoersServer } from '../fixtures/koers-server';
import { expect, logInWithApi, test } from '../fixtures/test';

/** The demo school's leider (public demo login; see apps/server/src/auth/README.md). */
const DEMO_LEIDER = { email: 'demo@koers.local', password: 'koers-demo-2026' };

/** A small LVS export in Dutch headers; row 4 (Excel numbering, header = row 1) has 'ab' as its score. */
const BROKEN_CSV = [
  'leerling_id;naam;schooljaar;groep;jaargroep;vak;moment;afnamedatum;Vaardigheidsscore;niveau',
  'P1;Anna;2025-2026;5A;5;Rekenen-Wiskunde;M;2026-01-27;231,5;II',
  'P2;Bram;2025-2026;5A;5;Rekenen-Wiskunde;M;2026-01-27;220;III',
  'P3;Cem;2025-2026;5A;5;Rekenen-Wiskunde;M;2026-01-27;ab;IV',
  'P4;Daan;2025-2026;5A;5;Rekenen-Wiskunde;M;2026-01-27;240;I',
  'P5;Eva;2025-2026;5A;5;Rekenen-Wiskunde;M;2026-01-27;205;V',
  'P6;Fien;2025-2026;5A;5;Rekenen-Wiskunde;M;2026-01-27;215;III',
  '',
].join('\n');

interface ChartPoint {
  x: string;
  y: number | null;
  n: number;
  small: boolean;
  status?: string;
  row?: string;
}

/** The words the app shows for a norm status (colour-blind safe: a word and a shape, not only colour). */
const STATUS_WORD: Record<string, string> = {
  'onder-minimum': 'onder minimum',
  minimum: 'minimum',
  streef: 'streef',
  ambitie: 'ambitie',
};

/** A number as the Dutch UI writes it (at most one decimal, decimal comma). */
const dutch = (value: number) => new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1 }).format(value);

async function demoLeider(browser: Browser, server: KoersServer): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: server.url,
    locale: 'nl-NL',
    viewport: { width: 1366, height: 768 },
  });
  await logInWithApi(context.request, { name: 'leider', role: 'leider', ...DEMO_LEIDER });
  return context;
}

test('the leider imports a CSV with a broken row: the error is named, nothing stored until she skips the row', async ({
  page,
  person,
}) => {
  const file = { name: 'lvs-export.csv', mimeType: 'text/csv', buffer: Buffer.from(BROKEN_CSV, 'utf8') };

  await page.goto('/resultaten');
  await expect(page.getByTestId('datasets-empty')).toBeVisible();
  await page.getByTestId('import-link').click();
  await expect(page.getByRole('heading', { name: 'Resultaten importeren', level: 1 })).toBeVisible();

  await page.getByTestId('import-file').setInputFiles(file);
  // The columns were recognised, the score column among them.
  await expect(page.getByTestId('import-columns')).toContainText('Vaardigheidsscore');
  // The error: row 4, column 'Vaardigheidsscore', value 'ab'.
  const errorRow = page.getByTestId('import-error');
  await expect(errorRow).toHaveCount(1);
  await expect(errorRow).toHaveAttribute('data-row', '4');
  await expect(errorRow.locator('td').nth(1)).toHaveText('4');
  await expect(errorRow.locator('td').nth(2)).toHaveText('Vaardigheidsscore');
  await expect(errorRow.locator('td').nth(3)).toHaveText('ab');
  await expect(errorRow.locator('td').nth(4)).toContainText('geen getal');
  await expect(page.getByTestId('import-error-count')).toContainText('1');
  await expect(page.getByTestId('import-submit')).toHaveCount(0);
  expect(await seriousViolations(page)).toEqual([]);

  // Nothing was stored by looking at the file.
  const before = (await (await page.request.get('/api/datasets')).json()) as { datasets: unknown[] };
  expect(before.datasets).toEqual([]);

  // She skips the named row and checks again: the file is clean without it.
  await page.getByRole('checkbox', { name: 'Sla rij 4 over' }).check();
  await page.getByTestId('skip-apply').click();
  await expect(page.getByTestId('import-clean')).toContainText('5 uitslagen');
  await expect(page.getByTestId('import-skipped')).toHaveText('4');
  await page.getByLabel('Naam van deze import').fill('Midden 2026 groep 5');
  await page.getByTestId('import-submit').click();

  await expect(page.getByTestId('import-done')).toContainText('5 uitslagen van 5 leerlingen');
  await expect(page.getByTestId('import-done')).toContainText('Overgeslagen rijen: 4');
  await page.getByRole('link', { name: 'Naar alle resultaten' }).click();
  const row = page.getByTestId('dataset');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Midden 2026 groep 5');
  await expect(row).toContainText('lvs-export.csv');
  await expect(row).toContainText('2025-2026');

  // A leerkracht sees the results but can neither import nor delete.
  const anja = await person('Anja');
  await anja.page.goto('/resultaten');
  await expect(anja.page.getByTestId('dataset')).toContainText('Midden 2026 groep 5');
  await expect(anja.page.getByTestId('import-link')).toHaveCount(0);
  await expect(anja.page.getByRole('button', { name: /verwijderen/i })).toHaveCount(0);
});

test('the results of the demo dataset: the overview heatmap shows status and n, and its table has the numbers of the API', async ({
  browser,
}) => {
  const server = await KoersServer.start({ demo: true });
  try {
    const context = await demoLeider(browser, server);
    const page = await context.newPage();
    await page.goto('/resultaten');
    await page.getByRole('link', { name: /^Demo: LVS-resultaten/ }).click();

    const heatmap = page.getByTestId('overview-heatmap');
    await expect(heatmap.getByRole('img')).toHaveAttribute('aria-label', /Overzicht/);
    const cells = heatmap.getByTestId('heatmap-cell');
    await expect(cells.first()).toBeVisible();

    // The same aggregates the page drew from (no pupil ids or names in them).
    const datasetId = page.url().split('/resultaten/')[1]?.split('?')[0] ?? '';
    const answer = (await (await page.request.get(`/api/datasets/${datasetId}/analysis`)).json()) as {
      schoolYear: string;
      moment: string;
      report: { overview: { chart: { series: { points: ChartPoint[] }[] } } };
    };
    const points = answer.report.overview.chart.series.flatMap((s) => s.points);
    expect(points.length).toBeGreaterThan(10);
    await expect(cells).toHaveCount(points.length);
    await expect(page.getByTestId('year-select')).toHaveValue(answer.schoolYear);
    await expect(page.getByTestId('moment-select')).toHaveValue(answer.moment);

    // A few cells in the picture: the status word and n.
    const below = points.find((p) => p.status === 'onder-minimum');
    const sample = [points[0], below, points[points.length - 1]].filter((p): p is ChartPoint => !!p);
    expect(sample.length).toBe(3);
    for (const p of sample) {
      const cell = heatmap.locator(`[data-testid="heatmap-cell"][data-row="${p.row}"][data-x="${p.x}"]`);
      await expect(cell).toContainText(STATUS_WORD[p.status ?? ''] ?? '');
      await expect(cell).toContainText(`n=${p.n}`);
      await expect(cell).toHaveAttribute('data-status', p.status ?? '');
    }

    // The table view has the same numbers.
    await heatmap.getByRole('button', { name: 'Toon als tabel' }).click();
    const table = heatmap.getByTestId('chart-table');
    await expect(table).toBeVisible();
    await expect(table.locator('tbody tr')).toHaveCount(new Set(points.map((p) => p.row)).size);
    for (const p of sample) {
      const td = table.locator(`td[data-row="${p.row}"][data-x="${p.x}"]`);
      await expect(td).toHaveAttribute('data-n', String(p.n));
      await expect(td).toContainText(`n=${p.n}`);
      await expect(td).toContainText(STATUS_WORD[p.status ?? ''] ?? '');
      if (p.y !== null) await expect(td).toContainText(dutch(p.y));
    }

    // With the classes of a jaargroep (5A, 5B) as rows too: one cell per class × test of the report.
    await heatmap.getByRole('button', { name: 'Toon als grafiek' }).click();
    const rows = (
      (await (await page.request.get(`/api/datasets/${datasetId}/analysis?kind=overview`)).json()) as {
        analysis: { rows: { className: string | null; cells: unknown[] }[] };
      }
    ).analysis.rows;
    await page.getByTestId('overview-classes').check();
    await expect(cells).toHaveCount(rows.flatMap((r) => r.cells.filter((c) => c !== null)).length);
    expect(rows.some((r) => r.className !== null)).toBe(true);

    // Another school year: the overviews follow the selector (and the URL keeps it).
    const years = (await page.getByTestId('year-select').locator('option').allTextContents()).filter(
      (y) => y !== answer.schoolYear,
    );
    const earlier = years[years.length - 1] ?? '';
    expect(earlier).toMatch(/^\d{4}-\d{4}$/);
    await page.getByTestId('year-select').selectOption(earlier);
    await expect(page).toHaveURL(new RegExp(`jaar=${earlier}`));
    await expect(heatmap.getByRole('heading')).toContainText(earlier);

    // The other overviews are there too, each with a chart that can be a table.
    for (const id of [
      'normen',
      'trend-jaargroep',
      'trend-leerlingengroep',
      'patronen',
      'datakwaliteit',
      'signalen',
    ])
      await expect(page.locator(`#${id}`)).toBeVisible();
    await expect(page.getByTestId('trend-grade').first().getByRole('img')).toBeVisible();
    await expect(page.getByTestId('signal').first()).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  } finally {
    await server.stop();
  }
});

test('deleting a dataset removes it (and its pupil rows) from the list', async ({ browser }) => {
  const server = await KoersServer.start({ demo: true });
  try {
    const context = await demoLeider(browser, server);
    const page = await context.newPage();
    await page.goto('/resultaten');
    const row = page.getByTestId('dataset');
    await expect(row).toHaveCount(1);
    expect(await seriousViolations(page)).toEqual([]);

    await row.getByRole('button', { name: /verwijderen/i }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText('leerlingrijen');
    await expect(dialog).toContainText('definitief');
    await dialog.getByRole('button', { name: 'Verwijderen' }).click();

    await expect(page.getByTestId('results-notice')).toContainText('is verwijderd');
    await expect(row).toHaveCount(0);
    await expect(page.getByTestId('datasets-empty')).toBeVisible();
    const after = (await (await page.request.get('/api/datasets')).json()) as { datasets: unknown[] };
    expect(after.datasets).toEqual([]);
    await context.close();
  } finally {
    await server.stop();
  }
});
