import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { seriousViolations } from '../fixtures/axe';
import { KoersServer } from '../fixtures/koers-server';
import { expect, logInWithApi, test } from '../fixtures/test';
import { DEMO_LEERKRACHT, DEMO_LEIDER } from '../fixtures/demo-accounts';

/** The demo school's logins (public; see apps/server/src/auth/README.md): a leider and a leerkracht. */

/** Screenshots for a human to look at, only with KOERS_SCREENSHOTS=<directory>. */
const shotDir = process.env.KOERS_SCREENSHOTS;

async function personIn(
  browser: Browser,
  server: KoersServer,
  account: typeof DEMO_LEIDER | typeof DEMO_LEERKRACHT,
  viewport = { width: 1366, height: 768 },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: server.url, locale: 'nl-NL', viewport });
  await logInWithApi(context.request, account);
  return { context, page: await context.newPage() };
}

async function openStep(page: Page, boardId: string, step: string): Promise<void> {
  await page.goto(`/borden/${boardId}?stap=${step}`);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-connection', 'online');
}

const facts = (page: Page) => page.getByTestId('facts').getByTestId('card');

let server: KoersServer;
let boardId: string;

test.beforeEach(async ({ playwright }) => {
  server = await KoersServer.start({ demo: true });
  // A new board of the demo school (its results are there to chart; the demo board's own cards are not).
  const api = await playwright.request.newContext({
    baseURL: server.url,
    extraHTTPHeaders: { origin: server.url },
  });
  await logInWithApi(api, DEMO_LEIDER);
  const response = await api.post('/api/boards', { data: { title: 'Studiedag: canvas' } });
  expect(response.status()).toBe(201);
  boardId = ((await response.json()) as { board: { id: string } }).board.id;
  await api.dispose();
});

test.afterEach(async () => {
  await server.stop();
});

test('a fact made by clicking a chart cell appears for the other teacher and on the projector, with its data point', async ({
  browser,
}) => {
  const leider = await personIn(browser, server, DEMO_LEIDER);
  const juf = await personIn(browser, server, DEMO_LEERKRACHT);

  // The leider chooses the board's dataset at the top of step 4; the step's default charts appear.
  await openStep(leider.page, boardId, 's4');
  const dataset = leider.page.getByTestId('context-dataset');
  const firstDataset = await dataset.locator('option').nth(1).getAttribute('value');
  await dataset.selectOption(firstDataset ?? '');
  await expect(leider.page.getByTestId('chart-view')).toHaveCount(2);
  await expect(
    leider.page
      .locator('[data-testid="chart-view"][data-kind="overzicht"] [data-testid="heatmap-cell"]')
      .first(),
  ).toBeVisible();

  // The colleague sees the same charts and clicks a heatmap cell.
  await openStep(juf.page, boardId, 's4');
  const cell = juf.page
    .locator('[data-testid="chart-view"][data-kind="overzicht"] [data-testid="heatmap-cell"]')
    .first();
  await expect(cell).toBeVisible();
  const row = await cell.getAttribute('data-row');
  const n = await cell.getAttribute('data-n');
  await cell.click();

  // The fact lands for both, prefilled: the cell's row, its n, and the chart point it came from.
  for (const page of [juf.page, leider.page]) {
    await expect(facts(page)).toHaveCount(1);
    await expect(facts(page).getByTestId('fact-text')).toContainText(`${row}`);
    await expect(facts(page).getByTestId('fact-text')).toContainText(`n = ${n}`);
    await expect(facts(page).getByTestId('fact-point')).toContainText('Uit grafiek');
  }
  expect(await seriousViolations(leider.page)).toEqual([]);

  // A bar of the level distribution per groep tells the groep's share at I–III with its n.
  const bar = leider.page.locator('[data-testid="chart-view"][data-kind="normen"] rect[data-x="II"]').first();
  const groep = await bar.getAttribute('data-series');
  await bar.click();
  await expect(facts(juf.page)).toHaveCount(2);
  await expect(facts(juf.page).nth(1).getByTestId('fact-text')).toContainText(`${groep}: `);
  await expect(facts(juf.page).nth(1).getByTestId('fact-text')).toContainText('% op I–III, n = ');
  await leider.page.locator('[data-testid="facts"] li.slot').nth(1).focus();
  await leider.page.keyboard.press('Delete');
  await leider.page
    .getByRole('dialog', { name: 'Kaart verwijderen?' })
    .getByRole('button', { name: 'Verwijderen' })
    .click();
  await expect(facts(juf.page)).toHaveCount(1);

  // Each card names its author (her own name at once; colleagues' names come from the server's ledger).
  await expect(facts(juf.page)).toContainText('Juf Anja');

  // The projector shows the step's charts and the card, large and without names.
  const projector = await personIn(browser, server, DEMO_LEIDER, { width: 1920, height: 1080 });
  await projector.page.goto(`/borden/${boardId}/projector?stap=s4`);
  const wall = projector.page.getByTestId('projector-canvas');
  await expect(wall.getByTestId('board-chart').first()).toBeVisible();
  await expect(wall.getByTestId('card')).toHaveCount(1);
  await expect(wall.getByTestId('card')).not.toContainText('Juf Anja');
  const size = await wall
    .getByTestId('fact-text')
    .first()
    .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(size).toBeGreaterThanOrEqual(28);
  expect(await seriousViolations(projector.page)).toEqual([]);

  // The keyboard path: the table view's button on a cell makes a second fact; the projector highlights it.
  await juf.page
    .locator('[data-testid="chart-view"][data-kind="overzicht"]')
    .getByRole('button', { name: 'Toon als tabel' })
    .click();
  await juf.page.getByTestId('point-fact').first().focus();
  await juf.page.keyboard.press('Enter');
  await expect(wall.getByTestId('card')).toHaveCount(2);
  await expect(wall.locator('.slot.fresh')).toHaveCount(1);

  if (shotDir) {
    const dir = path.resolve(shotDir);
    mkdirSync(dir, { recursive: true });
    await projector.page.screenshot({ path: path.join(dir, 'canvas-projector-s4-1920x1080.png') });
    await projector.page.setViewportSize({ width: 1280, height: 720 });
    await projector.page.screenshot({ path: path.join(dir, 'canvas-projector-s4-1280x720.png') });
    await wall.getByTestId('card').first().scrollIntoViewIfNeeded();
    await projector.page.screenshot({ path: path.join(dir, 'canvas-projector-s4-cards-1280x720.png') });
    await projector.page.setViewportSize({ width: 1920, height: 1080 });
    await wall.getByTestId('card').first().scrollIntoViewIfNeeded();
    await projector.page.screenshot({ path: path.join(dir, 'canvas-projector-s4-cards-1920x1080.png') });
    await leider.page.getByRole('heading', { name: 'Grafieken' }).scrollIntoViewIfNeeded();
    await leider.page.screenshot({ path: path.join(dir, 'canvas-s4-1366x768.png') });
    await leider.page.locator('[data-testid="chart-view"][data-kind="normen"]').scrollIntoViewIfNeeded();
    await leider.page.screenshot({ path: path.join(dir, 'canvas-s4-normen-1366x768.png') });
    await leider.page.getByTestId('facts').scrollIntoViewIfNeeded();
    await leider.page.screenshot({ path: path.join(dir, 'canvas-s4-facts-1366x768.png') });
    for (const step of ['s1', 's3', 's7']) {
      await openStep(leider.page, boardId, step);
      if (step === 's7') await leider.page.getByRole('button', { name: '+ Bron toevoegen' }).click();
      await leider.page
        .getByRole('button', { name: 'Hulpvragen' })
        .or(leider.page.locator('summary').first())
        .first()
        .click();
      await leider.page.screenshot({ path: path.join(dir, `canvas-${step}-1366x768.png`), fullPage: false });
    }
  }

  for (const p of [leider, juf, projector]) await p.context.close();
});

test('Ctrl+Z takes back only one’s own card, never the colleague’s; Enter, Escape and Alt+↓ edit and move a card; Delete asks first when cards are linked', async ({
  browser,
}) => {
  const leider = await personIn(browser, server, DEMO_LEIDER);
  const juf = await personIn(browser, server, DEMO_LEERKRACHT);
  await openStep(leider.page, boardId, 's5');
  await openStep(juf.page, boardId, 's5');

  async function addFact(page: Page, text: string) {
    await page.getByRole('button', { name: '+ Feit toevoegen' }).click();
    await page.getByRole('textbox', { name: 'Tekst van het feit' }).fill(text);
    await page.keyboard.press('Escape');
  }

  await addFact(leider.page, 'Groep 5 groeit minder dan verwacht.');
  await expect(facts(juf.page)).toHaveCount(1);
  await addFact(juf.page, 'Groep 7 stijgt drie jaar op rij.');
  await expect(facts(leider.page)).toHaveCount(2);

  // Ctrl+Z with focus on the card list (not in a text field): the leider's own last edit goes, twice
  // (text, then the card); the colleague's card stays.
  await facts(leider.page).first().locator('..').focus();
  await leider.page.keyboard.press('Control+z');
  await leider.page.keyboard.press('Control+z');
  await expect(facts(juf.page)).toHaveCount(1);
  await expect(facts(juf.page)).toContainText('Groep 7 stijgt drie jaar op rij.');
  await expect(facts(leider.page)).toHaveCount(1);

  // Redo brings it back for everyone.
  await leider.page.locator('body').click();
  await leider.page.keyboard.press('Control+Shift+z');
  await leider.page.keyboard.press('Control+Shift+z');
  await expect(facts(juf.page)).toHaveCount(2);
  await expect(facts(juf.page).first()).toContainText('Groep 5 groeit minder dan verwacht.');

  // Enter on a focused card edits it in place; Escape saves and gives focus back to the card.
  const own = leider.page.getByRole('listitem', { name: /^Feit \d van \d: Groep 5 groeit/ });
  await own.focus();
  await leider.page.keyboard.press('Enter');
  await expect(leider.page.getByRole('textbox', { name: 'Tekst van het feit' })).toBeFocused();
  await leider.page.keyboard.press('End');
  await leider.page.keyboard.type(' (M-toets)');
  await leider.page.keyboard.press('Escape');
  await expect(
    leider.page.getByRole('listitem', { name: /Groep 5 groeit minder dan verwacht\. \(M-toets\)/ }),
  ).toBeFocused();
  await expect(facts(juf.page).first()).toContainText('Groep 5 groeit minder dan verwacht. (M-toets)');

  // Alt+↓ moves the focused card down for everyone.
  const first = leider.page.locator('[data-testid="facts"] li.slot').first();
  await first.focus();
  await leider.page.keyboard.press('Alt+ArrowDown');
  await expect(facts(juf.page).nth(1)).toContainText('Groep 5 groeit minder dan verwacht.');

  // Linking the card to the other fact, then Delete: the question names the linked card.
  const card = leider.page.getByRole('listitem', { name: /^Feit \d van \d: Groep 5 groeit/ });
  await card.getByRole('button', { name: 'Koppelen' }).click();
  const dialog = leider.page.getByRole('dialog', { name: 'Kaart koppelen' });
  await dialog.getByRole('radio', { name: /Groep 7 stijgt/ }).check();
  await dialog.getByRole('button', { name: 'Koppelen' }).click();
  await expect(card.getByRole('list', { name: 'Gekoppeld' })).toContainText('Groep 7 stijgt');
  await card.focus();
  await leider.page.keyboard.press('Delete');
  const confirm = leider.page.getByRole('dialog', { name: 'Kaart verwijderen?' });
  await expect(confirm).toContainText('Deze kaart is gekoppeld aan 1 andere kaart. Toch verwijderen?');
  await confirm.getByRole('button', { name: 'Verwijderen' }).click();
  await expect(facts(juf.page)).toHaveCount(1);
  await expect(facts(juf.page)).not.toContainText('Gekoppeld');

  // Step 7: the triangulation table, edited in place; the colleague sees the answer.
  await openStep(leider.page, boardId, 's7');
  await openStep(juf.page, boardId, 's7');
  await expect(
    leider.page.getByRole('heading', { name: 'Vertellen al deze bronnen hetzelfde verhaal?' }),
  ).toBeVisible();
  await leider.page.getByRole('button', { name: '+ Bron toevoegen' }).click();
  await leider.page
    .getByRole('textbox', { name: /Wat laat het zien\?/ })
    .fill('Observaties: weinig betrokkenheid bij instructie');
  await leider.page.getByRole('textbox', { name: /Wat laat het zien\?/ }).blur();
  await leider.page.getByRole('radio', { name: 'deels' }).check();
  await expect(juf.page.getByTestId('source-row')).toHaveAttribute('data-same', 'deels');
  await expect(juf.page.getByRole('textbox', { name: /Wat laat het zien\?/ })).toHaveValue(
    'Observaties: weinig betrokkenheid bij instructie',
  );
  expect(await seriousViolations(juf.page)).toEqual([]);

  for (const p of [leider, juf]) await p.context.close();
});

test('a projector opened with a link (no account) draws the board’s charts from the board’s own views', async ({
  browser,
  playwright,
}) => {
  const api = await playwright.request.newContext({
    baseURL: server.url,
    extraHTTPHeaders: { origin: server.url },
  });
  await logInWithApi(api, DEMO_LEIDER);
  // The demo board has its data context and the charts of steps 3–6.
  const { boards } = (await (await api.get('/api/boards')).json()) as {
    boards: { id: string; title: string }[];
  };
  const demo = boards.find((b) => b.title.startsWith('Demo:'));
  expect(demo).toBeDefined();
  const created = await api.post(`/api/boards/${demo?.id}/projector-links`, { data: {} });
  expect(created.status()).toBe(201);
  const { url } = (await created.json()) as { url: string };
  await api.dispose();

  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  await page.goto(`${url}&stap=s4`);
  const wall = page.getByTestId('projector-canvas');
  await expect(wall.getByTestId('board-chart').first()).toBeVisible();
  await expect(wall.getByText('De grafiek kan niet worden geladen')).toHaveCount(0);
  await expect(wall.getByTestId('card').first()).toBeVisible();
  // A screen, not a control panel: no "Toon als tabel" toggles on the wall.
  await expect(page.getByRole('button', { name: 'Toon als tabel' })).toHaveCount(0);
  await context.close();
});

test('the demo board’s cards, written by the server and not by an account, show their time and no “onbekend” author', async ({
  browser,
  playwright,
}) => {
  const api = await playwright.request.newContext({
    baseURL: server.url,
    extraHTTPHeaders: { origin: server.url },
  });
  await logInWithApi(api, DEMO_LEIDER);
  const { boards } = (await (await api.get('/api/boards')).json()) as {
    boards: { id: string; title: string }[];
  };
  const demo = boards.find((b) => b.title.startsWith('Demo:'));
  await api.dispose();
  const leider = await personIn(browser, server, DEMO_LEIDER);
  await openStep(leider.page, demo?.id ?? '', 's4');
  const byLines = facts(leider.page).locator('.by');
  await expect(byLines.first()).toBeVisible();
  for (const line of await byLines.allTextContents()) {
    expect(line).not.toContain('onbekend');
    expect(line.trim()).toMatch(/^\d/);
  }
  await leider.context.close();
});
