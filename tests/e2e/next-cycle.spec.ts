import { seriousViolations } from '../fixtures/axe';
import { KoersServer } from '../fixtures/koers-server';
import {
  expect,
  expectSaved,
  logInWithApi,
  newContext,
  openBoard,
  stepEditor,
  test,
  typeInStep,
} from '../fixtures/test';

/** Screenshots for a human to look at, only with KOERS_SCREENSHOTS=<directory>. */
const shotDir = process.env.KOERS_SCREENSHOTS;

/** The demo school's leider (public login; see apps/server/src/auth/README.md). */
const DEMO_LEIDER = {
  name: 'leider',
  email: 'demo@koers.local',
  role: 'leider',
  password: 'koers-demo-2026',
} as const;

test('the leider makes the next board from the demo board: it carries the actions, each asking "effect vastgesteld?"', async ({
  browser,
}) => {
  const server = await KoersServer.start({ demo: true });
  try {
    const context = await newContext(browser, server.url);
    await logInWithApi(context.request, DEMO_LEIDER);
    const { boards } = (await (await context.request.get('/api/boards')).json()) as {
      boards: { id: string; title: string }[];
    };
    const demo = boards.find((b) => b.title.startsWith('Demo: Studiedag februari'))!;
    const page = await context.newPage();
    await openBoard(page, demo.id, 'h1');
    // The demo board itself was carried over from the previous cycle.
    await expect(page.getByTestId('source-board')).toContainText('Vervolg op Demo: Studiedag september 2025');

    await page.getByRole('button', { name: 'Nieuw bord vanuit dit bord' }).click();
    const dialog = page.getByTestId('next-cycle-dialog');
    await expect(dialog).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByLabel('Titel van het nieuwe bord').fill('Studiedag juni 2026');
    await dialog.getByRole('button', { name: 'Nieuw bord maken' }).click();

    await expect(page).not.toHaveURL(new RegExp(`/borden/${demo.id}`));
    await expect(page.getByTestId('board-title')).toHaveText('Studiedag juni 2026');
    await expect(page.getByTestId('source-board')).toContainText(`Vervolg op ${demo.title}`);

    const newId = new URL(page.url()).pathname.split('/')[2]!;
    await openBoard(page, newId, 'h1');
    const carried = page.getByTestId('carried-action');
    // The demo board's open actions: its four own and the two it carried (effect deels / nee).
    await expect(carried).toHaveCount(6);
    const groep6 = carried.filter({ hasText: 'Leesaanpak volledig invoeren in groep 6' });
    await expect(groep6.getByRole('group', { name: 'Effect vastgesteld?' })).toBeVisible();
    await expect(groep6.getByText('Bij de methodetoets van april scoort 75% van groep 6')).toBeVisible();
    // The new figures of the group and subject it names (demo results, aggregates only).
    await expect(groep6.getByRole('table')).toContainText('Groep 6A · Begrijpend lezen');
    await expect(groep6.getByRole('table')).toContainText('% op I–III');

    if (shotDir) await groep6.screenshot({ path: `${shotDir}/carried-action.png` });
    // WCAG 2.1 AA on H1 with the carried actions and their tables.
    expect(await seriousViolations(page)).toEqual([]);

    await groep6.getByRole('radio', { name: 'Deels' }).check();
    await expectSaved(page);
    await page.reload();
    await expect(
      page.getByTestId('carried-action').filter({ hasText: 'Leesaanpak volledig invoeren in groep 6' }),
    ).toHaveAttribute('data-effect', 'deels');

    // An action that named no group shows the whole school; naming groep 6 shows that group's figures.
    const nt2 = page.getByTestId('carried-action').filter({ hasText: 'Woordenschatinstructie voor NT2' });
    await expect(nt2.getByRole('table')).toContainText('Nieuwe resultaten: de hele school');
    await nt2.getByLabel('Over groep').selectOption({ label: 'Groep 6' });
    await expect(nt2.getByRole('table')).toContainText('Nieuwe resultaten: groep 6');
    await expect(nt2.getByRole('table')).toContainText('Groep 6A · Spelling');
    await context.close();
  } finally {
    await server.stop();
  }
});

test('a version is saved, the board changes, and restoring the version removes the change on another open page', async ({
  page,
  person,
  createBoard,
}) => {
  const boardId = await createBoard('Studiedag versies');
  await openBoard(page, boardId);
  await typeInStep(page, 'Vastgesteld op de studiedag.');
  await expectSaved(page);

  await page.goto(`/borden/${boardId}/versies`);
  await page.getByLabel('Naam van de versie').fill('na de studiedag');
  await page.getByRole('button', { name: 'Versie opslaan' }).click();
  await expect(page.getByTestId('versions-notice')).toHaveText('Versie ‘na de studiedag’ opgeslagen.');
  expect(await seriousViolations(page)).toEqual([]);

  // Anna has the board open and adds a line after the version.
  const anna = await person('Anna');
  await openBoard(anna.page, boardId);
  await expect(stepEditor(anna.page)).toContainText('Vastgesteld op de studiedag.');
  await typeInStep(anna.page, ' Later toegevoegd.');
  await expectSaved(anna.page);

  // The version shows the board as it was, read-only.
  await page.getByRole('button', { name: 'Versie na de studiedag bekijken' }).click();
  const preview = page.getByTestId('version-preview');
  await expect(preview).toContainText('Vastgesteld op de studiedag.');
  await expect(preview).not.toContainText('Later toegevoegd');
  await expect(preview.getByRole('textbox')).toHaveCount(0);
  expect(await seriousViolations(page)).toEqual([]);
  if (shotDir) await page.screenshot({ path: `${shotDir}/version-preview.png` });
  await page.getByRole('button', { name: 'Sluiten' }).last().click();

  await page.getByRole('button', { name: 'Versie na de studiedag terugzetten' }).click();
  await page.getByRole('button', { name: 'Ja, terugzetten' }).click();
  await expect(page.getByTestId('versions-notice')).toContainText('Teruggezet naar ‘na de studiedag’');

  // Anna's open page receives the restore: her later line is gone.
  await expect(stepEditor(anna.page)).not.toContainText('Later toegevoegd');
  await expect(stepEditor(anna.page)).toContainText('Vastgesteld op de studiedag.');

  if (shotDir) await page.screenshot({ path: `${shotDir}/versions.png` });
  // The restore is itself undoable: the automatic version brings her line back.
  await expect(page.getByTestId('version').first()).toContainText('Voor herstel van na de studiedag');
  await page.getByRole('button', { name: 'Versie Voor herstel van na de studiedag terugzetten' }).click();
  await page.getByRole('button', { name: 'Ja, terugzetten' }).click();
  await expect(stepEditor(anna.page)).toContainText('Later toegevoegd.');
});
