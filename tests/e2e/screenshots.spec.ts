import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { KoersServer } from '../fixtures/koers-server';
import { expect, logInWithApi, test, typeInStep } from '../fixtures/test';
import { DEMO_LEERKRACHT, DEMO_LEIDER } from '../fixtures/demo-accounts';

/**
 * Not a test: screenshots of the demo board for a human to look at (projector and laptop widths).
 * Runs only with KOERS_SCREENSHOTS=<directory>, e.g.
 *   KOERS_SCREENSHOTS=/tmp/koers-screens pnpm --filter @koers/tests e2e screenshots
 */
const outDir = process.env.KOERS_SCREENSHOTS;

test.skip(!outDir, 'set KOERS_SCREENSHOTS=<directory> to take screenshots');

test('screenshots of the demo board', async ({ browser }) => {
  const dir = path.resolve(outDir ?? '.');
  mkdirSync(dir, { recursive: true });
  const server = await KoersServer.start({ demo: true });
  try {
    const laptop = await browser.newContext({
      baseURL: server.url,
      viewport: { width: 1366, height: 768 },
      extraHTTPHeaders: { origin: server.url },
    });
    await logInWithApi(laptop.request, DEMO_LEIDER);
    const { boards } = (await (await laptop.request.get('/api/boards')).json()) as {
      boards: { id: string }[];
    };
    const boardId = boards[0]?.id;
    expect(boardId).toBeTruthy();
    const page = await laptop.newPage();
    const colleague = await browser.newContext({
      baseURL: server.url,
      viewport: { width: 1366, height: 768 },
    });
    await logInWithApi(colleague.request, DEMO_LEERKRACHT);
    const other = await colleague.newPage();

    await page.goto('/');
    await expect(page.getByRole('link').first()).toBeVisible();
    await page.screenshot({ path: path.join(dir, 'board-list-1366x768.png') });

    for (const step of ['s4', 's9']) {
      await page.goto(`/borden/${boardId}?stap=${step}`);
      await other.goto(`/borden/${boardId}?stap=${step}`);
      await expect(page.getByTestId('connection-status')).toHaveAttribute('data-connection', 'online');
      await typeInStep(other, ' ', step === 's4' ? 'Stap 4' : 'Stap 9');
      await expect(page.locator('.collaboration-carets__label')).toBeVisible();
      await page.screenshot({ path: path.join(dir, `laptop-${step}-1366x768.png`) });
      await page.locator('.collaboration-carets__label').scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(dir, `laptop-${step}-editor-1366x768.png`) });
    }

    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(`/borden/${boardId}?stap=s4`);
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-connection', 'online');
    await page.screenshot({ path: path.join(dir, 'board-s4-1920x1080.png') });
    await page.setViewportSize({ width: 1366, height: 768 });

    await page.getByRole('button', { name: 'Kwaliteitskaart' }).click();
    await page.screenshot({ path: path.join(dir, 'laptop-kwaliteitskaart-1366x768.png') });
    await page.keyboard.press('Escape');

    // Accounts: the login page, the team page with a fresh invite, the invite as the teacher sees it,
    // and the projector-link dialog with its QR code.
    const stranger = await browser.newPage({ baseURL: server.url, viewport: { width: 1366, height: 768 } });
    await stranger.goto('/inloggen');
    await stranger.getByLabel('E-mailadres').fill('demo@koers.local');
    await stranger.getByLabel('Wachtwoord').fill('niet-het-goede-wachtwoord');
    await stranger.getByRole('button', { name: 'Inloggen' }).click();
    await expect(stranger.getByRole('alert')).toBeVisible();
    await stranger.screenshot({ path: path.join(dir, 'login-1366x768.png') });

    await page.goto('/team');
    await page.getByLabel('E-mailadres', { exact: true }).fill('meester.joost@koers.local');
    await page.getByRole('button', { name: 'Uitnodiging maken' }).click();
    const link = page.getByTestId('invite-created').getByLabel('Link', { exact: true });
    await expect(link).toBeVisible();
    const inviteUrl = await link.inputValue();
    await page.screenshot({ path: path.join(dir, 'team-1366x768.png'), fullPage: true });

    await stranger.goto(inviteUrl);
    await expect(stranger.getByRole('heading', { level: 1 })).toContainText('Welkom bij');
    await stranger.getByLabel('Je naam').fill('Joost');
    await stranger.screenshot({ path: path.join(dir, 'invite-1366x768.png') });
    await stranger.close();

    await page.goto(`/borden/${boardId}?stap=s4`);
    await page.getByRole('button', { name: 'Projector', exact: true }).click();
    await page.getByRole('button', { name: 'Link maken' }).click();
    await expect(page.getByRole('img', { name: 'QR-code van de projectorlink' })).toBeVisible();
    await page.screenshot({ path: path.join(dir, 'projector-link-dialog-1366x768.png') });
    const projectorUrl = await page.getByRole('dialog').getByLabel('Link', { exact: true }).inputValue();
    await page.keyboard.press('Escape');

    for (const [width, height] of [
      [1920, 1080],
      [1280, 720],
    ] as const) {
      // The projector laptop has no account: it opens the projector link.
      const projector = await browser.newPage({ baseURL: server.url, viewport: { width, height } });
      for (const step of ['s4', 's9']) {
        await projector.goto(`${projectorUrl}&stap=${step}`);
        await expect(projector.locator('.ProseMirror')).not.toBeEmpty();
        await projector.screenshot({ path: path.join(dir, `projector-${step}-${width}x${height}.png`) });
      }
      await projector.close();
    }

    // The leider revokes the link: the open projector says so.
    const revoked = await browser.newPage({ baseURL: server.url, viewport: { width: 1280, height: 720 } });
    await revoked.goto(`${projectorUrl}&stap=s1`);
    await expect(revoked.locator('.ProseMirror')).not.toBeEmpty();
    await page.getByRole('button', { name: 'Projector', exact: true }).click();
    await page.getByRole('button', { name: /^Projectorlink van .* intrekken$/ }).click();
    await expect(
      revoked.getByRole('heading', { name: 'Deze projectorlink is ingetrokken of verlopen' }),
    ).toBeVisible();
    await revoked.screenshot({ path: path.join(dir, 'projector-revoked-1280x720.png') });
    await revoked.close();
    await laptop.close();
    await colleague.close();
  } finally {
    await server.stop();
  }
});

test('screenshots of a live session: leider, teacher and projector side by side', async ({ browser }) => {
  const dir = path.resolve(outDir ?? '.');
  mkdirSync(dir, { recursive: true });
  const server = await KoersServer.start({ demo: true });
  try {
    const open = async (account?: typeof DEMO_LEIDER | typeof DEMO_LEERKRACHT) => {
      const context = await browser.newContext({
        baseURL: server.url,
        locale: 'nl-NL',
        viewport: account ? { width: 1366, height: 768 } : { width: 1920, height: 1080 },
        extraHTTPHeaders: { origin: server.url },
      });
      if (account) await logInWithApi(context.request, account);
      return context;
    };
    const leiderContext = await open(DEMO_LEIDER);
    const { boards } = (await (await leiderContext.request.get('/api/boards')).json()) as {
      boards: { id: string }[];
    };
    const boardId = boards[0]!.id;
    const link = await leiderContext.request.post(`/api/boards/${boardId}/projector-links`, { data: {} });
    const projectorUrl = ((await link.json()) as { url: string }).url;
    const projectorContext = await open();
    const projector = await projectorContext.newPage();

    // Before the session: the welcome screen, at both projector sizes.
    await projector.goto(projectorUrl);
    await expect(projector.getByTestId('projector-welcome').getByRole('heading', { level: 1 })).toBeVisible();
    await projector.screenshot({ path: path.join(dir, 'session-projector-welcome-1920x1080.png') });
    await projector.setViewportSize({ width: 1280, height: 720 });
    await projector.screenshot({ path: path.join(dir, 'session-projector-welcome-1280x720.png') });
    await projector.setViewportSize({ width: 1920, height: 1080 });

    const leider = await leiderContext.newPage();
    await leider.goto(`/borden/${boardId}?stap=s4`);
    await expect(leider.getByTestId('connection-status')).toHaveAttribute('data-connection', 'online');
    await leider.getByRole('button', { name: 'Sessie starten' }).click();
    const teacherContext = await open(DEMO_LEERKRACHT);
    const teacher = await teacherContext.newPage();
    await teacher.goto(`/borden/${boardId}?stap=s1`);
    await expect(teacher).toHaveURL(/stap=s4/);
    await leider.getByRole('button', { name: '5 min: timer starten' }).click();
    await teacher.getByRole('checkbox', { name: 'Klaar' }).check();
    await expect(leider.getByTestId('ready-list')).toContainText('Klaar (1)');
    await expect(projector.getByTestId('session-timer')).toBeVisible();
    await expect(projector.getByTestId('board-chart').first()).toBeVisible();
    await projector.waitForTimeout(800);

    // The same moment on the three screens.
    await leider.screenshot({ path: path.join(dir, 'session-leider-s4-1366x768.png') });
    await teacher.screenshot({ path: path.join(dir, 'session-teacher-s4-1366x768.png') });
    await projector.screenshot({ path: path.join(dir, 'session-projector-s4-1920x1080.png') });
    await projector.setViewportSize({ width: 1280, height: 720 });
    await projector.waitForTimeout(500);
    await projector.screenshot({ path: path.join(dir, 'session-projector-s4-1280x720.png') });
    await projector.setViewportSize({ width: 1920, height: 1080 });

    // The leider spotlights a fact card; the teacher's step is closed for input.
    await leider.getByTestId('card').first().getByRole('button', { name: 'Toon op projector' }).click();
    await leider.getByRole('button', { name: 'Stap sluiten voor invoer' }).click();
    await expect(projector.getByTestId('projector-spotlight')).toBeVisible();
    await expect(teacher.getByTestId('step-closed')).toBeVisible();
    await projector.waitForTimeout(1800);
    await leider.screenshot({ path: path.join(dir, 'session-leider-spotlight-1366x768.png') });
    await teacher.screenshot({ path: path.join(dir, 'session-teacher-closed-1366x768.png') });
    await projector.screenshot({ path: path.join(dir, 'session-projector-spotlight-1920x1080.png') });

    for (const context of [leiderContext, teacherContext, projectorContext]) await context.close();
  } finally {
    await server.stop();
  }
});

/** Steps 1–10c in the order of the stappenplan (packages/board STEP_IDS). */
const CANVAS_STEPS = ['s1', 's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9', 's10a', 's10b', 's10c'] as const;

/** Wait until a step's canvas is drawn: connected, and every chart on it loaded (or said why not). */
async function canvasReady(page: Page, step: string, projector = false): Promise<void> {
  if (!projector)
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-connection', 'online');
  if (['s3', 's4', 's5', 's6'].includes(step))
    await expect(page.getByTestId('board-chart').first()).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText('Grafiek laden…')).toHaveCount(0, { timeout: 20_000 });
}

test('screenshots of the demo board’s canvas: steps 1–10c on a laptop, steps 4, 8 and 9 on the projector', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const dir = path.resolve(outDir ?? '.');
  mkdirSync(dir, { recursive: true });
  const server = await KoersServer.start({ demo: true });
  try {
    const laptop = await browser.newContext({
      baseURL: server.url,
      locale: 'nl-NL',
      viewport: { width: 1366, height: 768 },
    });
    await logInWithApi(laptop.request, DEMO_LEIDER);
    const { boards } = (await (await laptop.request.get('/api/boards')).json()) as {
      boards: { id: string }[];
    };
    const boardId = boards[0]?.id;
    expect(boardId).toBeTruthy();
    const page = await laptop.newPage();
    for (const step of CANVAS_STEPS) {
      await page.goto(`/borden/${boardId}?stap=${step}`);
      await canvasReady(page, step);
      await page.screenshot({ path: path.join(dir, `canvas-${step}-1366x768.png`) });
      // The step scrolls inside its own column: a tall window shows all of it at laptop width.
      const height = await page.locator('main.step').evaluate((main) => main.scrollHeight + 60);
      await page.setViewportSize({ width: 1366, height: Math.max(768, height) });
      await page.screenshot({ path: path.join(dir, `canvas-${step}-1366-full.png`) });
      await page.setViewportSize({ width: 1366, height: 768 });
    }

    const projector = await laptop.newPage();
    await projector.setViewportSize({ width: 1920, height: 1080 });
    for (const step of ['s4', 's8', 's9']) {
      await projector.goto(`/borden/${boardId}/projector?stap=${step}`);
      await canvasReady(projector, step, true);
      await projector.screenshot({ path: path.join(dir, `projector-canvas-${step}-1920x1080.png`) });
    }
    await laptop.close();
  } finally {
    await server.stop();
  }
});
