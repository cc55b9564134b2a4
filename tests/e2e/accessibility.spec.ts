import { seriousViolations } from '../fixtures/axe';
import { emailFor, expect, newContext, openBoard, test, typeInStep } from '../fixtures/test';

test('the board list, the board and the projector have no serious accessibility violations', async ({
  page,
  person,
  createBoard,
}) => {
  const boardId = await createBoard('Toegankelijk bord');

  await page.goto('/');
  await expect(page.getByRole('link', { name: 'Toegankelijk bord' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  const anna = await person('Anna');
  const bram = await person('Bram');
  await openBoard(anna.page, boardId, 's5');
  // Keyboard: the skip link is the first stop and leads past the header and rail to the step.
  await anna.page.keyboard.press('Tab');
  await expect(anna.page.getByRole('link', { name: 'Naar de inhoud' })).toBeFocused();
  await anna.page.keyboard.press('Enter');
  await expect(anna.page.locator('#inhoud')).toBeFocused();
  await openBoard(bram.page, boardId, 's5');
  await typeInStep(bram.page, 'Een trend in de tekst.', 'Stap 5');
  await expect(anna.page.locator('.collaboration-carets__label', { hasText: 'Bram' })).toBeVisible();
  await anna.page
    .getByRole('group')
    .filter({ hasText: 'Kwaliteitskaart' })
    .first()
    .locator('summary')
    .click();
  expect(await seriousViolations(anna.page)).toEqual([]);

  // Every control has a name people and screen readers can use.
  for (const button of await anna.page.getByRole('button').all()) {
    expect(
      await button.evaluate((element) => element.textContent?.trim() || element.getAttribute('aria-label')),
    ).toBeTruthy();
  }

  await anna.page.getByRole('button', { name: 'Kwaliteitskaart' }).click();
  await expect(anna.page.getByRole('dialog', { name: 'Kwaliteitskaart' })).toBeVisible();
  await expect(anna.page.getByRole('dialog', { name: 'Kwaliteitskaart' })).toContainText(
    'Vaststellen effecten',
  );
  expect(await seriousViolations(anna.page)).toEqual([]);
  // Escape closes it and focus goes back to the button that opened it.
  await anna.page.keyboard.press('Escape');
  await expect(anna.page.getByRole('dialog', { name: 'Kwaliteitskaart' })).toBeHidden();
  await expect(anna.page.getByRole('button', { name: 'Kwaliteitskaart' })).toBeFocused();

  await anna.page.goto(`/borden/${boardId}/projector?stap=s5`);
  await expect(anna.page.getByText('Een trend in de tekst.')).toBeVisible();
  expect(await seriousViolations(anna.page)).toEqual([]);
});

test('login, invite, team page and the projector-link dialog have no serious accessibility violations', async ({
  page,
  browser,
  koers,
  person,
  createBoard,
}) => {
  const visitor = await (await newContext(browser, koers.url)).newPage();
  await visitor.goto('/inloggen');
  await expect(visitor.getByRole('heading', { level: 1, name: 'Inloggen' })).toBeVisible();
  expect(await seriousViolations(visitor)).toEqual([]);
  await visitor.getByLabel('E-mailadres').fill('niemand@regenboog.test');
  await visitor.getByLabel('Wachtwoord').fill('dit-klopt-niet-1234');
  await visitor.getByRole('button', { name: 'Inloggen' }).click();
  await expect(visitor.getByRole('alert')).toHaveText('E-mailadres of wachtwoord onjuist.');
  // The error is tied to the fields it is about.
  await expect(visitor.getByLabel('E-mailadres')).toHaveAttribute('aria-invalid', 'true');
  expect(await seriousViolations(visitor)).toEqual([]);

  // The team page, with a second member (so the remove button is enabled) and a fresh invite link.
  await person('Bram');
  await page.goto('/team');
  await expect(page.getByRole('heading', { level: 1, name: 'Team' })).toBeVisible();
  await expect(page.getByTestId('member')).toHaveCount(2);
  await page.getByLabel('E-mailadres', { exact: true }).fill(emailFor('Carla'));
  await page.getByRole('button', { name: 'Uitnodiging maken' }).click();
  await expect(page.getByTestId('invite-created').getByLabel('Link', { exact: true })).toHaveValue(
    /\/uitnodiging\//,
  );
  const inviteUrl = await page.getByTestId('invite-created').getByLabel('Link', { exact: true }).inputValue();
  expect(await seriousViolations(page)).toEqual([]);
  // Removing someone asks first, in a labelled modal dialog; focus starts on "Annuleren".
  await page.getByRole('button', { name: 'Bram uit het team verwijderen' }).click();
  const confirm = page.getByRole('dialog', { name: 'Bram uit het team verwijderen?' });
  await expect(confirm).toBeVisible();
  await expect(confirm.getByRole('button', { name: 'Annuleren' })).toBeFocused();
  expect(await seriousViolations(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(confirm).toBeHidden();
  await expect(page.getByRole('button', { name: 'Bram uit het team verwijderen' })).toBeFocused();
  await expect(page.getByTestId('member')).toHaveCount(2);

  await visitor.goto(inviteUrl);
  await expect(visitor.getByRole('heading', { name: 'Welkom bij Basisschool De Regenboog' })).toBeVisible();
  expect(await seriousViolations(visitor)).toEqual([]);

  const boardId = await createBoard('Bord voor de beamer');
  await openBoard(page, boardId);
  await page.getByRole('button', { name: 'Projector', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Projector voor dit bord' });
  await dialog.getByRole('button', { name: 'Link maken' }).click();
  await expect(dialog.getByRole('img', { name: 'QR-code van de projectorlink' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await visitor.context().close();
});
