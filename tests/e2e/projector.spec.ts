import { expect, expectSaved, openBoard, stepEditor, test, typeInStep } from '../fixtures/test';

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
