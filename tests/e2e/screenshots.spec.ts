import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { KoersServer } from '../fixtures/koers-server';
import { expect, test, typeInStep } from '../fixtures/test';

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
    const { boards } = (await (await fetch(`${server.url}/api/boards`)).json()) as {
      boards: { id: string }[];
    };
    const boardId = boards[0]?.id;
    expect(boardId).toBeTruthy();

    const laptop = await browser.newContext({ baseURL: server.url, viewport: { width: 1366, height: 768 } });
    await laptop.addInitScript(() => localStorage.setItem('koers.displayName', 'Marieke (IB)'));
    const page = await laptop.newPage();
    const colleague = await browser.newContext({
      baseURL: server.url,
      viewport: { width: 1366, height: 768 },
    });
    await colleague.addInitScript(() => localStorage.setItem('koers.displayName', 'Joost'));
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

    const stranger = await browser.newPage({ baseURL: server.url, viewport: { width: 1366, height: 768 } });
    await stranger.goto(`/borden/${boardId}?stap=s1`);
    await expect(stranger.getByRole('dialog', { name: 'Hoe heet je?' })).toBeVisible();
    await stranger.screenshot({ path: path.join(dir, 'laptop-name-dialog-1366x768.png') });
    await stranger.close();

    for (const [width, height] of [
      [1920, 1080],
      [1280, 720],
    ] as const) {
      const projector = await browser.newPage({ baseURL: server.url, viewport: { width, height } });
      for (const step of ['s4', 's9']) {
        await projector.goto(`/borden/${boardId}/projector?stap=${step}`);
        await expect(projector.locator('.ProseMirror')).not.toBeEmpty();
        await projector.screenshot({ path: path.join(dir, `projector-${step}-${width}x${height}.png`) });
      }
      await projector.close();
    }
    await laptop.close();
    await colleague.close();
  } finally {
    await server.stop();
  }
});
