import type { Browser, BrowserContext, Page } from '@playwright/test';
import { seriousViolations } from '../fixtures/axe';
import { KoersServer } from '../fixtures/koers-server';
import { expect, logInWithApi, test } from '../fixtures/test';

/**
 * A chart on the board narrowed to a subgroup (the view's `filters.subgroup`): the leider picks NT2 with the
 * keyboard on step 4's overview, and her colleague sees the same narrowed chart live, with the subgroup named.
 */
const DEMO_PASSWORD = 'koers-demo-2026';
const DEMO_LEIDER = { email: 'demo@koers.local', password: DEMO_PASSWORD };
const DEMO_LEERKRACHT = { email: 'juf.anja@koers.local', password: DEMO_PASSWORD };

let server: KoersServer;
let boardId: string;

async function personIn(
  browser: Browser,
  account: typeof DEMO_LEIDER,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: server.url,
    locale: 'nl-NL',
    viewport: { width: 1366, height: 768 },
  });
  await logInWithApi(context.request, { ...account, name: '', role: 'leider' });
  return { context, page: await context.newPage() };
}

async function openStep(page: Page, step: string): Promise<void> {
  await page.goto(`/borden/${boardId}?stap=${step}`);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-connection', 'online');
}

const overview = (page: Page) => page.locator('[data-testid="chart-view"][data-kind="overzicht"]');

/** The n of every heatmap cell of the overview, by row and column. */
async function cellCounts(page: Page): Promise<Map<string, number>> {
  const cells = overview(page).getByTestId('heatmap-cell');
  await expect(cells.first()).toBeVisible();
  const entries = await cells.evaluateAll((all) =>
    all.map((cell) => [
      `${cell.getAttribute('data-row')}|${cell.getAttribute('data-x') ?? cell.getAttribute('data-col')}`,
      Number(cell.getAttribute('data-n')),
    ]),
  );
  return new Map(entries as [string, number][]);
}

test.beforeEach(async ({ playwright }) => {
  server = await KoersServer.start({ demo: true });
  const api = await playwright.request.newContext({
    baseURL: server.url,
    extraHTTPHeaders: { origin: server.url },
  });
  await logInWithApi(api, { ...DEMO_LEIDER, name: '', role: 'leider' });
  const response = await api.post('/api/boards', { data: { title: 'Studiedag: subgroepen' } });
  expect(response.status()).toBe(201);
  boardId = ((await response.json()) as { board: { id: string } }).board.id;
  await api.dispose();
});

test.afterEach(async () => {
  await server.stop();
});

test('a chart narrowed to NT2 from the keyboard shows only NT2 pupils, live for the colleague, with the subgroup named', async ({
  browser,
}) => {
  test.slow(); // two browsers and the demo school's analysis on a shared two-core machine
  const leider = await personIn(browser, DEMO_LEIDER);
  const juf = await personIn(browser, DEMO_LEERKRACHT);
  await openStep(leider.page, 's4');
  const dataset = leider.page.getByTestId('context-dataset');
  await dataset.selectOption((await dataset.locator('option').nth(1).getAttribute('value')) ?? '');
  const whole = await cellCounts(leider.page);

  await openStep(juf.page, 's4');
  await expect(overview(juf.page).getByTestId('heatmap-cell').first()).toBeVisible();

  // The filter is a labelled native select: reachable with Tab, changed with the arrow keys.
  const filter = overview(leider.page).getByRole('combobox', { name: 'Subgroep' });
  await expect(filter).toHaveValue('');
  await expect(filter.locator('option')).toContainText(['Alle leerlingen', 'NT2']);
  await filter.focus();
  await filter.selectOption({ label: 'NT2' });
  await expect(filter).toHaveValue('nt2');

  for (const page of [leider.page, juf.page]) {
    await expect(overview(page).getByTestId('chart-subgroup-note')).toHaveText(
      'Alleen NT2: kleine groepen (n < 5) zijn gemarkeerd.',
    );
    await expect(overview(page).getByRole('combobox', { name: 'Subgroep' })).toHaveValue('nt2');
  }
  // Every cell counts NT2 pupils only: never more than the whole group, and fewer in total.
  await expect
    .poll(async () => {
      const narrowed = await cellCounts(juf.page);
      let total = 0;
      for (const [key, n] of narrowed) {
        if (n > (whole.get(key) ?? 0)) return 'more than the whole group';
        total += n;
      }
      const wholeTotal = [...whole.values()].reduce((a, b) => a + b, 0);
      return total > 0 && total < wholeTotal ? 'narrowed' : `total ${total} of ${wholeTotal}`;
    })
    .toBe('narrowed');
  expect(await cellCounts(leider.page)).toEqual(await cellCounts(juf.page));
  expect(await seriousViolations(juf.page)).toEqual([]);

  // Back to all pupils: the whole school's numbers again, for both.
  await overview(juf.page).getByRole('combobox', { name: 'Subgroep' }).selectOption('');
  await expect(overview(leider.page).getByTestId('chart-subgroup-note')).toHaveCount(0);
  await expect.poll(() => cellCounts(leider.page)).toEqual(whole);

  await leider.context.close();
  await juf.context.close();
});
