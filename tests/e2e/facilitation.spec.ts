import type { Browser, BrowserContext, Page } from '@playwright/test';
import { stepDefinition, type StepId } from '@koers/board';
import { SessionSocket } from '../bench/facilitation-clients';
import { seriousViolations } from '../fixtures/axe';
import { KoersServer, type TestAccount } from '../fixtures/koers-server';
import { expect, logInWithApi, test } from '../fixtures/test';
import { DEMO_LEERKRACHT, DEMO_LEIDER } from '../fixtures/demo-accounts';

// Live facilitation with three browsers against a real server (apps/server/README.md "Facilitation"): the
// demo leider leads, a demo leerkracht follows (or wanders off), and a projector laptop opened with a
// projector link (no account) shows the room's step, the timer and the spotlight.

/** "Within a second": the promise for the projector and a following laptop. */
const WITHIN_A_SECOND = { timeout: 1000 };

let server: KoersServer;
let boardId: string;
let projectorUrl: string;
const contexts: BrowserContext[] = [];

test.beforeEach(async ({ playwright }) => {
  server = await KoersServer.start({ demo: true });
  const api = await playwright.request.newContext({
    baseURL: server.url,
    extraHTTPHeaders: { origin: server.url },
  });
  await logInWithApi(api, DEMO_LEIDER);
  const board = await api.post('/api/boards', { data: { title: 'Studiedag begrijpend lezen' } });
  expect(board.status()).toBe(201);
  boardId = ((await board.json()) as { board: { id: string } }).board.id;
  const link = await api.post(`/api/boards/${boardId}/projector-links`, { data: {} });
  expect(link.status(), await link.text()).toBe(201);
  projectorUrl = ((await link.json()) as { url: string }).url;
  await api.dispose();
});

test.afterEach(async () => {
  for (const context of contexts.splice(0)) await context.close();
  await server.stop();
});

async function laptop(browser: Browser, account?: TestAccount): Promise<Page> {
  const context = await browser.newContext({
    baseURL: server.url,
    locale: 'nl-NL',
    viewport: account ? { width: 1366, height: 768 } : { width: 1920, height: 1080 },
  });
  contexts.push(context);
  if (account) await logInWithApi(context.request, account);
  return context.newPage();
}

async function openStep(page: Page, step: StepId): Promise<void> {
  await page.goto(`/borden/${boardId}?stap=${step}`);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-connection', 'online');
}

const title = (step: StepId) => stepDefinition(step).title;
const stepHeading = (page: Page) => page.locator('main h2.step-title');
const projectorHeading = (page: Page) => page.getByRole('heading', { level: 1 });
const rail = (page: Page, step: StepId) =>
  page.getByRole('navigation', { name: 'Stappen' }).locator(`a[href$="stap=${step}"]`);
const followToggle = (page: Page) => page.getByRole('checkbox', { name: 'Volg de leider' });

async function startSession(leider: Page, step: StepId): Promise<void> {
  await openStep(leider, step);
  await leider.getByRole('button', { name: 'Sessie starten' }).click();
  await expect(leider.getByTestId('session-status')).toContainText('Je leidt de sessie');
}

test('the projector and a following teacher move with the leider; a wandering teacher stays until "Breng iedereen hier"', async ({
  browser,
}) => {
  const leider = await laptop(browser, DEMO_LEIDER);
  const juf = await laptop(browser, DEMO_LEERKRACHT);
  const projector = await laptop(browser);

  // Before the session: the projector welcomes the room with the board's title and how to join.
  await projector.goto(projectorUrl);
  const welcome = projector.getByTestId('projector-welcome');
  await expect(welcome.getByRole('heading', { name: 'Studiedag begrijpend lezen' })).toBeVisible();
  await expect(welcome.getByRole('img', { name: 'QR-code met de link naar dit bord' })).toBeVisible();
  await expect(welcome.getByTestId('join-link')).toHaveText(`${new URL(server.url).host}/borden/${boardId}`);
  expect(await seriousViolations(projector)).toEqual([]);
  // A leerkracht sees no session bar while nothing runs.
  await openStep(juf, 's1');
  await expect(juf.getByTestId('session-bar')).toHaveCount(0);

  await startSession(leider, 's5');
  await expect(projectorHeading(projector)).toHaveText(title('s5'), WITHIN_A_SECOND);
  // The teacher joins the running session: she is taken to the room's step and follows.
  await expect(juf).toHaveURL(/stap=s5/);
  await expect(stepHeading(juf)).toHaveText(title('s5'));
  await expect(followToggle(juf)).toBeChecked();
  await expect(juf.getByTestId('session-status')).toContainText('Sessie geleid door');

  // Her step is the room's step.
  await rail(leider, 's6').click();
  await expect(projectorHeading(projector)).toHaveText(title('s6'), WITHIN_A_SECOND);
  await expect(stepHeading(juf)).toHaveText(title('s6'), WITHIN_A_SECOND);
  await expect(projector).toHaveURL(/stap=s6/);

  // The teacher goes to step 3 herself: she wandered off, and no longer follows.
  await rail(juf, 's3').click();
  await expect(stepHeading(juf)).toHaveText(title('s3'));
  await expect(followToggle(juf)).not.toBeChecked();

  await rail(leider, 's7').click();
  await expect(projectorHeading(projector)).toHaveText(title('s7'), WITHIN_A_SECOND);
  // The projector has moved; the wandering teacher has not, and is told where the group is.
  await juf.waitForTimeout(300);
  await expect(stepHeading(juf)).toHaveText(title('s3'));
  await expect(juf.getByTestId('room-elsewhere')).toContainText('De groep is bij Stap 7');

  // "Breng iedereen hier" brings her back, and she follows again.
  await leider.getByRole('button', { name: 'Breng iedereen hier' }).click();
  await expect(stepHeading(juf)).toHaveText(title('s7'), WITHIN_A_SECOND);
  await expect(followToggle(juf)).toBeChecked();
  await rail(leider, 's8').click();
  await expect(stepHeading(juf)).toHaveText(title('s8'), WITHIN_A_SECOND);

  // Ending the session: the projector stays on the last step, the teacher's bar goes.
  await leider.getByRole('button', { name: 'Sessie beëindigen' }).click();
  await expect(leider.getByRole('button', { name: 'Sessie starten' })).toBeVisible();
  await expect(juf.getByTestId('session-bar')).toHaveCount(0);
  await expect(projectorHeading(projector)).toHaveText(title('s8'));
});

test('timer on all three screens, a closed step locks the teacher out, "klaar", spotlight on the projector, and a reload keeps the session', async ({
  browser,
}) => {
  // Three browsers, a 10-second timer run out and a reload: more than the default minute on a busy machine.
  test.setTimeout(120_000);
  const leider = await laptop(browser, DEMO_LEIDER);
  const juf = await laptop(browser, DEMO_LEERKRACHT);
  const projector = await laptop(browser);
  await startSession(leider, 's5');
  await projector.goto(projectorUrl);
  await expect(projectorHeading(projector)).toHaveText(title('s5'));
  await openStep(juf, 's5');

  // A 5-minute timer shows everywhere, counting down on the server's clock.
  await leider.getByRole('button', { name: '5 min: timer starten' }).click();
  for (const page of [leider, juf, projector]) {
    await expect(page.getByTestId('session-timer').first()).toContainText(/^\s*Timer\s*[45]:\d\d/);
  }
  await leider.getByRole('button', { name: '+1 min' }).click();
  await expect(projector.getByTestId('session-timer')).toContainText(/[56]:\d\d/);
  // A typed time that the server would refuse is refused in Dutch before it is sent.
  await leider.getByRole('button', { name: 'Timer stoppen' }).click();
  await expect(juf.getByTestId('session-timer')).toHaveCount(0);
  await leider.getByRole('textbox', { name: /Eigen tijd in minuten/ }).fill('5 uur');
  await leider.getByRole('button', { name: 'Start', exact: true }).click();
  await expect(leider.getByText('Kies een tijd tussen 10 seconden en 4 uur')).toBeVisible();
  await leider.getByRole('textbox', { name: /Eigen tijd in minuten/ }).fill('0:10');
  await leider.getByRole('button', { name: 'Start', exact: true }).click();
  await expect(projector.getByTestId('session-timer')).toContainText(/0:(10|0\d)/);
  // It ends calmly: one change ("Tijd is om"), on the teacher's laptop too.
  await expect(juf.getByTestId('session-timer')).toHaveAttribute('data-phase', 'done', { timeout: 15_000 });
  await expect(juf.getByTestId('session-timer')).toContainText('Tijd is om');

  // The teacher writes a fact; the leider closes the step: the teacher can no longer add, edit or type.
  await juf.getByRole('button', { name: '+ Feit toevoegen' }).click();
  await juf.getByRole('textbox', { name: 'Tekst van het feit' }).fill('Groep 6 leest minder dan vorig jaar.');
  await juf.keyboard.press('Escape');
  await leider.getByRole('button', { name: 'Stap sluiten voor invoer' }).click();
  await expect(juf.getByTestId('step-closed')).toBeVisible();
  // The card list is read-only (no add, edit, move or delete), and what remains is disabled.
  await expect(juf.getByRole('button', { name: '+ Feit toevoegen' })).toHaveCount(0);
  await expect(juf.getByTestId('facts').getByRole('button', { name: 'Bewerken' })).toHaveCount(0);
  await expect(juf.getByTestId('facts').getByTestId('card')).toHaveText(/Groep 6 leest minder/);
  await expect(juf.getByRole('checkbox', { name: 'Stap afgerond' })).toBeDisabled();
  const jufText = juf.getByRole('textbox', { name: 'Gedeelde tekst bij Stap 5' });
  await expect(jufText).toHaveAttribute('contenteditable', 'false');
  // The leider herself still writes there.
  await expect(leider.getByRole('button', { name: '+ Feit toevoegen' })).toBeEnabled();
  await leider.getByRole('button', { name: 'Stap openen voor invoer' }).click();
  await expect(juf.getByRole('button', { name: '+ Feit toevoegen' })).toBeEnabled();
  await expect(jufText).toHaveAttribute('contenteditable', 'true');

  // "Klaar": the leider sees who is done.
  await juf.getByRole('checkbox', { name: 'Klaar' }).check();
  await expect(leider.getByTestId('ready-list')).toContainText('Klaar (1)');

  // Spotlight: the leider shows the teacher's card on the projector, enlarged.
  const card = leider.getByTestId('facts').getByTestId('card').first();
  await card.getByRole('button', { name: 'Toon op projector' }).click();
  const spotlight = projector.getByTestId('projector-spotlight');
  await expect(spotlight).toContainText('Groep 6 leest minder dan vorig jaar.', WITHIN_A_SECOND);
  await expect(card.getByRole('button', { name: 'Op projector' })).toHaveAttribute('aria-pressed', 'true');
  // The teacher has no such button; the projector names nobody.
  await expect(juf.getByTestId('spotlight-button')).toHaveCount(0);
  await expect(projector.locator('body')).not.toContainText('Anja');
  // The three screens with everything on them pass axe (WCAG 2.1 A/AA): no serious or critical violations.
  for (const page of [leider, juf, projector]) expect(await seriousViolations(page)).toEqual([]);

  // A reload of the leider's laptop: the session goes on as she left it, and she still leads.
  await leider.reload();
  await expect(leider.getByTestId('session-status')).toContainText('Je leidt de sessie');
  await expect(leider.getByTestId('session-timer')).toBeVisible();
  await expect(spotlight).toBeVisible();
  await expect(projectorHeading(projector)).toHaveText(title('s5'));
  await leider.getByRole('button', { name: 'Uitlichten stoppen' }).click();
  await expect(spotlight).toHaveCount(0);
  await rail(leider, 's6').click();
  await expect(projectorHeading(projector)).toHaveText(title('s6'), WITHIN_A_SECOND);
});

test("a closed vote's result shows on the projector as a ranked bar list with the cards' texts", async ({
  browser,
}) => {
  const leider = await laptop(browser, DEMO_LEIDER);
  const juf = await laptop(browser, DEMO_LEERKRACHT);
  const projector = await laptop(browser);
  await startSession(leider, 's5');
  await projector.goto(projectorUrl);
  await expect(projectorHeading(projector)).toHaveText(title('s5'));
  await openStep(juf, 's5');
  for (const text of ['Minder leestijd in groep 6', 'Nieuwe methode in groep 5']) {
    await juf.getByRole('button', { name: '+ Feit toevoegen' }).click();
    await juf.getByRole('textbox', { name: 'Tekst van het feit' }).fill(text);
    await juf.keyboard.press('Escape');
  }
  const cards = juf.getByTestId('facts').locator('[data-card-id]');
  await expect(cards).toHaveCount(2);
  const [first, second] = await cards.evaluateAll((items) =>
    items.map((item) => (item as HTMLElement).dataset.cardId!),
  );

  // The vote itself (its laptop UI is built elsewhere) over the session protocol, with the same accounts.
  const socketFor = async (page: Page) => {
    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    return SessionSocket.open(server.url, boardId, { cookie, origin: new URL(server.url).origin });
  };
  const leiderSocket = await socketFor(leider);
  const jufSocket = await socketFor(juf);
  try {
    await leiderSocket.command('vote.start', {
      stepId: 's5',
      dotsPerPerson: 3,
      question: 'Wat nemen we mee?',
    });
    await jufSocket.command('dot.place', { recordId: second });
    await jufSocket.command('dot.place', { recordId: second });
    await jufSocket.command('dot.place', { recordId: first });
    await leiderSocket.command('dot.place', { recordId: second });
    // Blind: nothing of the result before the close.
    await expect(projector.getByTestId('vote-result')).toHaveCount(0);
    await leiderSocket.command('vote.close');
  } finally {
    leiderSocket.ws.close();
    jufSocket.ws.close();
  }

  const result = projector.getByTestId('vote-result');
  // The board keeps the result as a record; the projector shows it at the top of the step.
  await expect(result.getByRole('heading')).toHaveText('Uitslag: Wat nemen we mee?');
  await expect(result.getByTestId('vote-result-row')).toHaveText([
    /1\.\s*Nieuwe methode in groep 5\s*3 stippen/,
    /2\.\s*Minder leestijd in groep 6\s*1 stip$/,
  ]);
  await expect(result).toContainText('2 stemmers');
  await expect(projector.locator('body')).not.toContainText('Anja');
});

test('when the leider drops off the others see it, and a second leider takes over where the room is', async ({
  browser,
}) => {
  const ib = await server.addUser('Basisschool De Vlinder (demo)', {
    name: 'Ilse de IB-er',
    email: 'ilse@koers.local',
    role: 'leider',
  });
  const leider = await laptop(browser, DEMO_LEIDER);
  const second = await laptop(browser, ib);
  const projector = await laptop(browser);
  await startSession(leider, 's6');
  await projector.goto(projectorUrl);
  await expect(projectorHeading(projector)).toHaveText(title('s6'));

  // A second leider on another step sees who leads and may take over; her own moves do not move the room.
  await openStep(second, 's2');
  await expect(second.getByTestId('session-status')).toContainText('Sessie geleid door');
  await expect(second).toHaveURL(/stap=s6/);
  await expect(second.getByTestId('leader-offline')).toHaveCount(0);

  // The leider's laptop drops off: the session stays as it was, and the others see she is offline.
  await leider.context().close();
  await expect(second.getByTestId('leader-offline')).toHaveText('leider offline');
  await expect(projectorHeading(projector)).toHaveText(title('s6'));

  await second.getByRole('button', { name: 'Overnemen' }).click();
  await expect(second.getByTestId('session-status')).toContainText('Je leidt de sessie');
  await expect(second.getByTestId('leader-offline')).toHaveCount(0);
  await rail(second, 's7').click();
  await expect(projectorHeading(projector)).toHaveText(title('s7'), WITHIN_A_SECOND);
});
