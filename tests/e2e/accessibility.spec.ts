import { seriousViolations } from '../fixtures/axe';
import { expect, openBoard, test, typeInStep } from '../fixtures/test';

test('the board list, the board and the projector have no serious accessibility violations', async ({
  page,
  person,
  createBoard,
}) => {
  const boardId = await createBoard('Toegankelijk bord');

  await page.goto('/');
  await expect(page.getByRole('link', { name: 'Toegankelijk bord' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  // The name prompt is a labelled modal dialog.
  await page.goto(`/borden/${boardId}`);
  await expect(page.getByRole('dialog', { name: 'Hoe heet je?' })).toBeVisible();
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
  await anna.page.keyboard.press('Escape');

  await anna.page.goto(`/borden/${boardId}/projector?stap=s5`);
  await expect(anna.page.getByText('Een trend in de tekst.')).toBeVisible();
  expect(await seriousViolations(anna.page)).toEqual([]);
});
