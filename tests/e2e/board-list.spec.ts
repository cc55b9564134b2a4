import { STAPPENPLAN } from '@koers/board';
import { expect, stepEditor, test } from '../fixtures/test';

test('the leider creates a board from the list and finds every step in the rail', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Borden' })).toBeVisible();
  await expect(page.getByText('Er zijn nog geen borden.')).toBeVisible();
  // The header names the school and who is logged in.
  await expect(page.getByTestId('school-name')).toHaveText('Basisschool De Regenboog');
  await expect(page.getByTestId('account')).toHaveText('Marieke · Leider');

  await page.getByLabel('Titel van het nieuwe bord').fill('Studiedag groep 5');
  await page.getByRole('button', { name: 'Bord maken' }).click();
  await expect(page).toHaveURL(/\/borden\/[^/?]+$/);

  // The account's name is the name on the board: nobody is asked "Hoe heet je?" any more.
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByTestId('board-title')).toHaveText('Studiedag groep 5');
  const rail = page.getByRole('navigation', { name: 'Stappen' });
  await expect(rail.getByRole('link')).toHaveCount(17);
  for (const step of STAPPENPLAN)
    await expect(rail.locator(`[data-step="${step.id}"]`)).toContainText(step.shortTitle);
  await expect(rail.getByRole('heading', { name: 'Handelen op basis van de analyse' })).toBeVisible();

  // The first step, with the seed's title and guiding questions as prompts.
  await expect(page.getByRole('heading', { level: 2, name: 'Wat willen we weten en waarom?' })).toBeVisible();
  await expect(page.getByText('Wat is de analysevraag?')).toBeVisible();
  await expect(stepEditor(page)).toBeVisible();
  await expect(page.getByTestId('presence').getByTestId('participant')).toHaveText([/Marieke/]);

  // The rail navigates; the step is in the URL so a link lands on it.
  await rail.getByRole('link', { name: /Stap 5/ }).click();
  await expect(page).toHaveURL(/\?stap=s5$/);
  await expect(page.getByRole('heading', { level: 2, name: 'Breng de trend in beeld' })).toBeFocused();
  await expect(page.getByText('Op subgroepniveau')).toBeVisible();
  await expect(rail.getByRole('link', { name: /Stap 5/ })).toHaveAttribute('aria-current', 'step');
  await page.reload();
  await expect(page.getByRole('heading', { level: 2, name: 'Breng de trend in beeld' })).toBeVisible();
  await expect(page.getByRole('dialog')).toBeHidden();

  await page.getByRole('link', { name: 'Alle borden' }).click();
  await expect(page.getByRole('link', { name: 'Studiedag groep 5' })).toBeVisible();
});

test('an unknown board says so instead of showing an empty board', async ({ page }) => {
  await page.goto('/borden/bestaat-niet');
  await expect(page.getByRole('heading', { name: 'Dit bord bestaat niet (meer).' })).toBeVisible();
});

test('the interface can switch to English and back; Dutch is the default', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Boards' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.reload();
  await expect(page.getByRole('button', { name: 'Create board' })).toBeVisible();
  await page.getByRole('button', { name: 'Nederlands' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Borden' })).toBeVisible();
});
