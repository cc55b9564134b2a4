import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from '@playwright/test';
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
  const context = await browser.newContext({
    baseURL: server.url,
    locale: 'nl-NL',
    viewport,
    acceptDownloads: true,
  });
  await logInWithApi(context.request, account);
  return { context, page: await context.newPage() };
}

async function openStep(page: Page, boardId: string, step: string): Promise<void> {
  await page.goto(`/borden/${boardId}?stap=${step}`);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-connection', 'online');
}

const actionCard = (page: Page, text: string): Locator =>
  page.getByTestId('actions').locator('li[data-card-id]').filter({ hasText: text });

/** Adds an action under a horizon and writes its text (Ctrl+Enter saves and leaves edit mode). */
async function addAction(page: Page, horizon: string, text: string): Promise<void> {
  await page.getByTestId(`action-list-${horizon}`).getByRole('button', { name: '+ Actie' }).click();
  const what = page.getByRole('textbox', { name: 'Actie/interventie', exact: true });
  await what.fill(text);
  await what.press('Control+Enter');
  await expect(actionCard(page, text)).toBeVisible();
}

let server: KoersServer;
let boardId: string;

test.beforeEach(async ({ playwright }) => {
  server = await KoersServer.start({ demo: true });
  const api = await playwright.request.newContext({
    baseURL: server.url,
    extraHTTPHeaders: { origin: server.url },
  });
  await logInWithApi(api, DEMO_LEIDER);
  const response = await api.post('/api/boards', { data: { title: 'Studiedag: handelen' } });
  expect(response.status()).toBe(201);
  boardId = ((await response.json()) as { board: { id: string } }).board.id;
  await api.dispose();
});

test.afterEach(async () => {
  await server.stop();
});

test('a leider and a leerkracht add and edit actions at once and both keep theirs; the flags go as owner, criterion and date are filled', async ({
  browser,
}) => {
  const leider = await personIn(browser, server, DEMO_LEIDER);
  const juf = await personIn(browser, server, DEMO_LEERKRACHT);
  await Promise.all([openStep(leider.page, boardId, 'h1'), openStep(juf.page, boardId, 'h1')]);

  // Both add an action at the same moment, under different horizons.
  await Promise.all([
    addAction(leider.page, '4-6-weken', 'Dagelijks tien minuten begeleid inoefenen'),
    addAction(juf.page, '3-maanden', 'Lesbezoeken gericht op instructie'),
  ]);
  for (const page of [leider.page, juf.page]) {
    await expect(page.getByTestId('horizon-4-6-weken').getByTestId('action-what')).toHaveText([
      'Dagelijks tien minuten begeleid inoefenen',
    ]);
    await expect(page.getByTestId('horizon-3-maanden').getByTestId('action-what')).toHaveText([
      'Lesbezoeken gericht op instructie',
    ]);
  }

  // A new action is flagged for owner, criterion and date, in words, on both screens.
  const flags = (page: Page) =>
    actionCard(page, 'Dagelijks tien minuten begeleid inoefenen').getByTestId('action-flags').locator('li');
  for (const page of [leider.page, juf.page]) {
    await expect(flags(page)).toHaveText(['⚠ Geen eigenaar', '⚠ Geen succescriterium', '⚠ Geen datum']);
  }
  await expect(actionCard(leider.page, 'Dagelijks tien minuten begeleid inoefenen')).toHaveAttribute(
    'aria-label',
    /Geen eigenaar, Geen succescriterium, Geen datum/,
  );

  // Both edit the same action at once: the leider chooses the owner, the leerkracht the criterion and date.
  // By id: in edit mode the card's text is in a text field, not its text content.
  const id = await actionCard(leider.page, 'Dagelijks tien minuten begeleid inoefenen').getAttribute(
    'data-card-id',
  );
  const mine = leider.page.locator(`li[data-card-id="${id}"]`);
  const theirs = juf.page.locator(`li[data-card-id="${id}"]`);
  await mine.getByRole('button', { name: 'Bewerken' }).click();
  await theirs.getByRole('button', { name: 'Bewerken' }).click();
  const owner = mine.getByLabel('Bij wie ligt het eigenaarschap?');
  await expect(owner.locator('option', { hasText: 'Juf Anja' })).toHaveCount(1);
  await Promise.all([
    owner.selectOption({ label: 'Juf Anja' }),
    (async () => {
      await theirs
        .getByLabel('Wanneer zijn we tevreden (succescriteria)?')
        .fill('80% van groep 6 haalt de norm');
      await theirs.getByLabel(/^Datum/).fill('2027-02-01');
      await theirs.getByLabel(/^Datum/).blur();
    })(),
  ]);
  expect(await seriousViolations(leider.page)).toEqual([]);
  await mine.getByRole('button', { name: 'Klaar' }).click();
  await theirs.getByRole('button', { name: 'Klaar' }).click();
  for (const page of [leider.page, juf.page]) {
    const card = actionCard(page, 'Dagelijks tien minuten begeleid inoefenen');
    await expect(card.getByTestId('action-owner')).toHaveText('Juf Anja');
    await expect(card).toContainText('80% van groep 6 haalt de norm');
    await expect(card).toContainText('1 februari 2027');
    await expect(flags(page)).toHaveCount(0);
  }
  await expect(leider.page.getByTestId('actions-summary')).toHaveText('Acties: 2 · nog niet concreet: 1');

  // Clearing the criterion brings its flag back for both.
  await theirs.getByRole('button', { name: 'Bewerken' }).click();
  await theirs.getByLabel('Wanneer zijn we tevreden (succescriteria)?').fill('');
  await theirs.getByRole('button', { name: 'Klaar' }).click();
  await expect(flags(leider.page)).toHaveText(['⚠ Geen succescriterium']);

  // The action answers a conclusion: linked with the link picker, shown as a chip.
  await openStep(leider.page, boardId, 's10a');
  await leider.page
    .getByTestId('conclusion-list-gaatNietGoed')
    .getByRole('button', { name: '+ Conclusie toevoegen: Gaat niet goed' })
    .click();
  const conclusionText = leider.page.getByRole('textbox', { name: 'Tekst van de conclusie' });
  await conclusionText.fill('Inoefenen na de instructie schiet tekort');
  await conclusionText.press('Control+Enter');
  await openStep(leider.page, boardId, 'h1');
  await actionCard(leider.page, 'Dagelijks tien minuten begeleid inoefenen')
    .getByRole('button', { name: 'Koppelen' })
    .click();
  const dialog = leider.page.getByRole('dialog', { name: 'Kaart koppelen' });
  await dialog.getByRole('radio', { name: /Inoefenen na de instructie schiet tekort/ }).check();
  await dialog.getByRole('button', { name: 'Koppelen' }).click();
  await expect(
    actionCard(juf.page, 'Dagelijks tien minuten begeleid inoefenen').locator('.chip'),
  ).toContainText('Inoefenen na de instructie schiet tekort');

  // An ordinary action (not only a carried one) gets its groep/vak focus and "Afgerond": both see them, and
  // the report lists it under "Afgerond" with its focus.
  await mine.getByRole('button', { name: 'Bewerken' }).click();
  await mine.getByLabel(/^Over groep/).selectOption({ label: 'Groep 6' });
  await mine.getByLabel(/^Over vak/).selectOption({ label: 'Begrijpend lezen' });
  await mine.getByRole('checkbox', { name: /^Afgerond/ }).check();
  await mine.getByRole('button', { name: 'Klaar' }).click();
  const closed = actionCard(juf.page, 'Dagelijks tien minuten begeleid inoefenen');
  await expect(closed.getByTestId('action-focus-text')).toHaveText('Groep 6 · Begrijpend lezen');
  await expect(closed.getByTestId('action-done')).toHaveText('✓ Afgerond');
  const md = await (await juf.context.request.get(`/api/boards/${boardId}/export?format=md`)).text();
  expect(md).toMatch(
    /### Afgerond\n\n- Dagelijks tien minuten begeleid inoefenen\n {2}- Richt zich op: groep 6 · Begrijpend lezen\n/,
  );

  if (shotDir) {
    const out = dir(shotDir);
    await leider.page.getByTestId('group-plans').getByRole('button', { name: '+ Groepsplan' }).click();
    await leider.page.getByTestId('group-plans').getByLabel('Groep', { exact: true }).fill('Groep 6');
    await leider.page
      .getByLabel('Doelen voor de komende periode')
      .fill('Spelling: 75% beheerst de categorieën 1–8');
    const plans = leider.page.getByTestId('group-plans');
    await plans.getByLabel('Basis', { exact: true }).fill('16');
    await plans.getByLabel('Intensief', { exact: true }).fill('6');
    await plans.getByLabel('Verdiept', { exact: true }).fill('5');
    await leider.page.getByTestId('group-plans').getByRole('button', { name: 'Klaar' }).click();
    await leider.page.getByTestId('actions').scrollIntoViewIfNeeded();
    await leider.page.screenshot({ path: path.join(out, 'handelen-h1-1366x768.png') });
    await leider.page.getByTestId('group-plans').scrollIntoViewIfNeeded();
    await leider.page.screenshot({ path: path.join(out, 'handelen-h1-plans-1366x768.png') });
    const projector = await leider.context.newPage();
    await projector.setViewportSize({ width: 1920, height: 1080 });
    await projector.goto(`/borden/${boardId}/projector?stap=h1`);
    await expect(projector.getByTestId('action-what').first()).toBeVisible();
    await projector.screenshot({ path: path.join(out, 'handelen-projector-h1-1920x1080.png') });
  }
});

test('on a phone the leider fills the monitoring plan and the lesson-observation checklist during a class visit', async ({
  browser,
}) => {
  const leider = await personIn(browser, server, DEMO_LEIDER);
  await openStep(leider.page, boardId, 'h1');
  await addAction(leider.page, '4-6-weken', 'Dagelijks tien minuten begeleid inoefenen');

  const phone = await personIn(browser, server, DEMO_LEIDER, { width: 390, height: 844 });
  await openStep(phone.page, boardId, 'h3');
  const row = phone.page.getByTestId('monitoring-row').filter({ hasText: 'Dagelijks tien minuten' });
  await expect(row).toContainText('Nog 3 van 3 open');
  await row.getByLabel(/^Wie monitort\?/).fill('IB-er');
  await row.getByLabel(/^Wanneer\?/).fill('Elke twee weken');
  await row
    .getByLabel(/^Hoe\?/)
    .fill('Lesbezoek met de kijkwijzer; bijsturen als na 4 weken niets verandert');
  await row.getByLabel(/^Hoe\?/).blur();
  await expect(row).not.toContainText('open');

  const checklist = phone.page.getByTestId('checklist-lesobservatie');
  await expect(checklist.getByRole('heading', { name: 'Aandachtspunten bij lesobservatie' })).toBeVisible();
  const first = checklist.getByRole('group', { name: 'Begin de les met een terugblik' });
  await first.getByRole('radio', { name: 'ja', exact: true }).check();
  await first.getByRole('textbox').fill('Terugblik op de som van gisteren, kort en helder');
  await first.getByRole('textbox').blur();
  // The monitoring plan and the checklist fit the phone's width: nothing to scroll sideways.
  if (shotDir)
    await phone.page.screenshot({
      path: path.join(dir(shotDir), 'handelen-h3-phone-390x844.png'),
      fullPage: true,
    });
  for (const part of [checklist, phone.page.getByTestId('monitoring')]) {
    const box = await part.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
  }
  expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  expect(await seriousViolations(phone.page)).toEqual([]);

  // The laptop sees it at once.
  await openStep(leider.page, boardId, 'h3');
  await expect(
    leider.page.getByTestId('checklist-lesobservatie').locator('li[data-status="ja"]'),
  ).toHaveCount(1);
  await expect(leider.page.getByTestId('monitoring-row').getByLabel(/^Wie monitort\?/)).toHaveValue('IB-er');

  if (shotDir) {
    await leider.page.getByTestId('checklist-lesobservatie').scrollIntoViewIfNeeded();
    await leider.page.screenshot({ path: path.join(dir(shotDir), 'handelen-h3-1366x768.png') });
  }
});

test('step 11 previews the report and downloads it as PDF, Word, HTML and Markdown; a failed export says so in Dutch', async ({
  browser,
}) => {
  const leider = await personIn(browser, server, DEMO_LEIDER);
  await openStep(leider.page, boardId, 'h1');
  await addAction(leider.page, '4-6-weken', 'Dagelijks tien minuten begeleid inoefenen');

  // H2: team learning with the Kwaliteitskaart's options ticked; H4: an insight and where it is anchored.
  const out = shotDir ? dir(shotDir) : null;
  await openStep(leider.page, boardId, 'h2');
  await leider.page.getByTestId('team-learning').getByRole('button', { name: '+ Teamleren' }).click();
  await leider.page
    .getByRole('textbox', { name: 'Wat heeft het team nodig?' })
    .fill('Effectieve instructie: begeleid inoefenen');
  await leider.page.getByRole('checkbox', { name: 'Coaching IB-er' }).check();
  await leider.page.getByRole('checkbox', { name: 'Scholing effectieve instructie' }).check();
  await leider.page.getByRole('checkbox', { name: 'Lesbezoeken' }).check();
  expect(await seriousViolations(leider.page)).toEqual([]);
  if (out) await leider.page.screenshot({ path: path.join(out, 'handelen-h2-edit-1366x768.png') });
  await leider.page.getByTestId('team-learning').getByRole('button', { name: 'Klaar' }).click();
  await expect(leider.page.getByTestId('team-learning')).toContainText(
    'Ondersteuning: Coaching IB-er, Scholing effectieve instructie',
  );
  if (out) {
    await leider.page.getByTestId('team-learning').scrollIntoViewIfNeeded();
    await leider.page.screenshot({ path: path.join(out, 'handelen-h2-1366x768.png') });
  }
  await openStep(leider.page, boardId, 'h4');
  await leider.page.getByTestId('borging').getByRole('button', { name: '+ Inzicht' }).click();
  await leider.page
    .getByRole('textbox', { name: 'Inzicht of sterk punt' })
    .fill('Elke les begint met een terugblik');
  await leider.page.getByRole('checkbox', { name: 'Afspraken' }).check();
  await leider.page.getByRole('checkbox', { name: 'Methodiek' }).check();
  await leider.page.getByLabel('Wie doet wat?').fill('Bouwcoördinatoren');
  await leider.page.getByTestId('borging').getByRole('button', { name: 'Klaar' }).click();
  await expect(leider.page.getByTestId('borging').getByRole('list', { name: 'Verankerd in' })).toHaveText(
    /Methodiek\s*Afspraken/,
  );
  if (out) {
    await leider.page.getByTestId('borging').scrollIntoViewIfNeeded();
    await leider.page.screenshot({ path: path.join(out, 'handelen-h4-1366x768.png') });
  }

  await openStep(leider.page, boardId, 's11');
  const preview = leider.page.getByTestId('report-preview');
  await expect(preview.locator('section[data-section]')).toHaveCount(9);
  await expect(preview.locator('section[data-section] h4').first()).toHaveText(
    'Welke data en bronnen hebben we gebruikt?',
  );
  await expect(preview.locator('section[data-section="acties"]')).toContainText(
    'Dagelijks tien minuten begeleid inoefenen',
  );
  await expect(preview.locator('section[data-section="acties"]')).toContainText('Geen eigenaar');
  await expect(preview.locator('section[data-section="acties"]')).toContainText(
    'Verankerd in: Methodiek, Afspraken',
  );
  expect(await seriousViolations(leider.page)).toEqual([]);
  if (shotDir) {
    await preview.locator('section[data-section="acties"]').scrollIntoViewIfNeeded();
    await leider.page.screenshot({ path: path.join(dir(shotDir), 'handelen-s11-1366x768.png') });
  }

  const expected = {
    pdf: { button: 'PDF', type: 'application/pdf', magic: '%PDF', min: 5000 },
    docx: {
      button: 'Word (DOCX)',
      type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      magic: 'PK',
      min: 5000,
    },
    html: { button: 'HTML', type: 'text/html; charset=utf-8', magic: '<!', min: 500 },
    md: { button: 'Markdown', type: 'text/markdown; charset=utf-8', magic: '# ', min: 100 },
  } as const;
  const exportBox = leider.page.getByTestId('report-export');
  for (const [format, e] of Object.entries(expected)) {
    const [download, response] = await Promise.all([
      leider.page.waitForEvent('download'),
      leider.page.waitForResponse((r) => r.url().includes(`/export?format=${format}`)),
      exportBox.getByRole('button', { name: e.button, exact: true }).click(),
    ]);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe(e.type);
    const today = new Date().toISOString().slice(0, 10);
    // The readable name from the title (the ':' no file system takes left out) and today's date.
    expect(download.suggestedFilename()).toBe(`Studiedag handelen ${today}.${format}`);
    const file = readFileSync(await download.path());
    expect(file.length).toBeGreaterThan(e.min);
    expect(file.subarray(0, e.magic.length).toString('latin1')).toBe(e.magic);
    if (format === 'html' || format === 'md') {
      expect(file.toString('utf8')).toContain('Dagelijks tien minuten begeleid inoefenen');
    }
    await expect(exportBox.getByRole('status')).toContainText('Gedownload:');
  }

  // The server goes away: the export says in Dutch that it failed, and nothing is downloaded.
  await server.kill();
  await exportBox.getByRole('button', { name: 'PDF', exact: true }).click();
  await expect(exportBox.getByRole('alert')).toHaveText(
    'Exporteren als PDF is niet gelukt. Geen verbinding met de server.',
  );
});

function dir(shots: string): string {
  const d = path.resolve(shots);
  mkdirSync(d, { recursive: true });
  return d;
}
