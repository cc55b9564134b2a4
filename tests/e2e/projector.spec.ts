import { KoersServer } from '../fixtures/koers-server';
import { expect, expectSaved, logInWithApi, openBoard, stepEditor, test, typeInStep } from '../fixtures/test';

test('the projector shows the current step large and read-only, and follows the text live', async ({
  person,
  createBoard,
}) => {
  const boardId = await createBoard('Op het scherm');
  const anna = await person('Anna');
  await openBoard(anna.page, boardId, 's4');
  await typeInStep(anna.page, 'In groep 6 halen we de minimumnorm niet.', 'Stap 4');
  // The toolbar makes a bullet list.
  await anna.page.keyboard.press('Enter');
  await anna.page.getByRole('button', { name: 'Opsomming' }).click();
  await expect(anna.page.getByRole('button', { name: 'Opsomming' })).toHaveAttribute('aria-pressed', 'true');
  await anna.page.keyboard.type('Groep 4: streefnorm gehaald');
  const annaBlocks = stepEditor(anna.page, 'Stap 4').locator(':scope > *');
  await expect(annaBlocks).toHaveCount(2);
  await expectSaved(anna.page);

  const projector = await anna.context.newPage();
  await projector.setViewportSize({ width: 1280, height: 720 });
  await projector.goto(`/borden/${boardId}/projector?stap=s4`);

  await expect(
    projector.getByRole('heading', {
      level: 1,
      name: 'Breng de resultaten in beeld en relateer ze aan de doelen en normen',
    }),
  ).toBeVisible();
  const text = projector.getByRole('textbox', { name: 'Gedeelde tekst bij Stap 4' });
  await expect(text).toContainText('In groep 6 halen we de minimumnorm niet.');
  await expect(text.getByRole('listitem')).toHaveText('Groep 4: streefnorm gehaald');
  await expect(projector.getByText('Feiten, geen interpretatie.')).toBeVisible();

  // Read-only, no chrome: no toolbar, no navigation, no presence list, no name prompt.
  await expect(text).toHaveAttribute('contenteditable', 'false');
  await expect(projector.getByRole('toolbar')).toHaveCount(0);
  await expect(projector.getByRole('navigation')).toHaveCount(0);
  await expect(projector.getByTestId('presence')).toHaveCount(0);
  await expect(projector.getByRole('dialog')).toHaveCount(0);

  // Showing the board must not change it (no trailing paragraph or other normalisation written back).
  await expect(annaBlocks).toHaveCount(2);
  await expectSaved(anna.page);

  // Readable from the back of the room: body text at least 28 px, even at 1280×720.
  const bodySize = await text.evaluate((element) => parseFloat(getComputedStyle(element).fontSize));
  expect(bodySize).toBeGreaterThanOrEqual(28);
  const questionSize = await projector
    .getByText('Voldoen we aan de minimumnorm? Waar wel en waar niet?')
    .evaluate((element) => parseFloat(getComputedStyle(element).fontSize));
  expect(questionSize).toBeGreaterThanOrEqual(28);

  // What the team types appears on the projector at once.
  await typeInStep(anna.page, ' De streefnorm halen we in groep 4 wel.', 'Stap 4');
  await expect(text).toContainText('De streefnorm halen we in groep 4 wel.');

  // A presentation clicker moves to the next step.
  await projector.keyboard.press('PageDown');
  await expect(projector).toHaveURL(/stap=s5/);
  await expect(projector.getByRole('heading', { level: 1, name: 'Breng de trend in beeld' })).toBeVisible();

  // The projector is a screen, not a person: it does not appear in the presence list.
  await expect(anna.page.getByTestId('participant')).toHaveCount(1);
});

test('on the projector (1920×1080) every text of the demo board’s cards of steps 8, 9, 10a and h1 is at least 28 px', async ({
  browser,
  playwright,
}) => {
  test.setTimeout(120_000);
  const server = await KoersServer.start({ demo: true });
  try {
    const api = await playwright.request.newContext({
      baseURL: server.url,
      extraHTTPHeaders: { origin: server.url },
    });
    await logInWithApi(api, {
      name: 'leider',
      email: 'demo@koers.local',
      role: 'leider',
      password: 'koers-demo-2026',
    });
    const { boards } = (await (await api.get('/api/boards')).json()) as {
      boards: { id: string; title: string }[];
    };
    const demo = boards.find((b) => b.title.startsWith('Demo:'));
    expect(demo).toBeDefined();
    const created = await api.post(`/api/boards/${demo?.id}/projector-links`, { data: {} });
    const { url } = (await created.json()) as { url: string };
    await api.dispose();

    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const page = await context.newPage();
    for (const step of ['s8', 's9', 's10a', 'h1']) {
      await page.goto(`${url}&stap=${step}`);
      const wall = page.getByTestId('projector-canvas');
      await expect(wall).toBeVisible();
      // The demo board has content on each of these steps (the grid, causes, conclusions, actions).
      await expect(wall.locator('[data-testid="card"], [data-testid="factor-grid"]').first()).toBeVisible();
      // Every element that holds text of its own (charts' SVG labels aside, they are not on these steps).
      const small = await wall.evaluate((root) => {
        const out: string[] = [];
        let checked = 0;
        for (const element of root.querySelectorAll<HTMLElement>('*')) {
          if (element.closest('svg')) continue;
          const own = [...element.childNodes].some(
            (node) => node.nodeType === Node.TEXT_NODE && (node.textContent ?? '').trim() !== '',
          );
          if (!own || element.getClientRects().length === 0) continue;
          if (element.closest('.visually-hidden')) continue;
          checked++;
          const size = parseFloat(getComputedStyle(element).fontSize);
          if (size < 28)
            out.push(
              `${element.tagName.toLowerCase()}.${element.className}: ${size}px "${(element.textContent ?? '').trim().slice(0, 40)}"`,
            );
        }
        return { out, checked };
      });
      expect(small.checked).toBeGreaterThan(5);
      expect(small.out, `text under 28 px on ${step}`).toEqual([]);
    }
    await context.close();
  } finally {
    await server.stop();
  }
});
