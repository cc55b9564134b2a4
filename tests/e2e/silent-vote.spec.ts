import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { seriousViolations } from '../fixtures/axe';
import { expect, openBoard, test } from '../fixtures/test';

// Issue 10's silent writing and blind vote with real accounts (a leider, two leerkrachten and a projector
// opened by the leider) against a real server: drafts and dots are held by the server until the reveal or
// the close, so no screen can show them before; the vote's result is a record the board keeps.

/** Screenshots for a human to look at, only with KOERS_SCREENSHOTS=<directory>. */
const shotDir = process.env.KOERS_SCREENSHOTS;

async function shot(page: Page, name: string, scrollTo?: Locator): Promise<void> {
  if (!shotDir) return;
  mkdirSync(path.resolve(shotDir), { recursive: true });
  await scrollTo?.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(path.resolve(shotDir), `${name}.png`) });
}

const causeTexts = (page: Page) => page.getByTestId('cause-text');
const controls = (page: Page) => page.getByTestId('activity-controls');

/** Write one card in her private draft panel; it is hers once the server has it (the field empties). */
async function writeDraft(page: Page, text: string): Promise<void> {
  const panel = page.getByTestId('silent-panel');
  const drafts = panel.getByTestId('silent-draft').getByRole('textbox');
  const before = await drafts.count();
  await panel.getByLabel('Nieuwe kaart').fill(text);
  await panel.getByRole('button', { name: 'Kaart toevoegen' }).click();
  await expect(drafts).toHaveCount(before + 1);
  await expect(drafts.nth(before)).toHaveValue(text);
  await expect(panel.getByLabel('Nieuwe kaart')).toHaveValue('');
}

test('silent writing: two teachers write causes nobody else sees, and "Onthullen" shows them all at once, with names', async ({
  page: leider,
  person,
  createBoard,
}) => {
  const boardId = await createBoard('Studiedag: stil schrijven');
  const anna = await person('Anna');
  const bram = await person('Bram');
  await openBoard(leider, boardId, 's9');
  await openBoard(anna.page, boardId, 's9');
  await openBoard(bram.page, boardId, 's9');
  const projector = await leider.context().newPage();
  await projector.setViewportSize({ width: 1920, height: 1080 });
  await projector.goto(`/borden/${boardId}/projector?stap=s9`);
  await expect(projector.getByTestId('projector-canvas')).toBeVisible();

  // Teachers get no controls; the leider starts a named round of causes on step 9.
  await expect(controls(anna.page)).toHaveCount(0);
  await controls(leider).getByRole('button', { name: 'Stil schrijven starten…' }).click();
  // Step 9 shows causes, so the round collects causes.
  await expect(controls(leider)).toContainText('Iedereen schrijft oorzaken, ieder voor zich.');
  await controls(leider).getByRole('button', { name: 'Stil schrijven starten', exact: true }).click();
  await expect(controls(leider).getByTestId('silent-controls')).toContainText('Schrijfronde loopt op Stap 9');
  await expect(projector.getByTestId('projector-activity')).toContainText('Stil schrijven');

  // Each teacher writes in her own panel, marked private.
  const annaPanel = anna.page.getByTestId('silent-panel');
  await expect(annaPanel).toContainText('Alleen jij ziet dit.');
  // Up at the step's heading a cue leads her to the panel.
  await expect(anna.page.getByTestId('activity-cue')).toContainText('Stil schrijven loopt');
  await writeDraft(anna.page, 'Te weinig leestijd in de klas');
  await writeDraft(anna.page, 'Begrijpend lezen pas vanaf groep 5');
  await writeDraft(bram.page, 'Veel nieuwe methodes tegelijk');
  // Anna edits a draft; it is saved when she leaves the field.
  const annaFirst = annaPanel.getByTestId('silent-draft').first().getByRole('textbox');
  await annaFirst.fill('Te weinig leestijd in de klas en thuis');
  await annaFirst.blur();

  // The leider sees counts per person, never the text.
  await expect(controls(leider).getByTestId('silent-totals')).toHaveText('Kaarten: 3 · Schrijvers: 2');
  await expect(controls(leider).getByTestId('silent-counts')).toContainText('Anna 2');
  await expect(controls(leider).getByTestId('silent-counts')).toContainText('Bram 1');
  // WCAG A/AA: no serious violations in the leider's controls or the draft panel.
  expect(await seriousViolations(leider)).toEqual([]);
  expect(await seriousViolations(anna.page)).toEqual([]);
  await shot(leider, 'silent-leider-controls-1366x768', controls(leider));
  await shot(projector, 'silent-open-projector-1920x1080');
  await shot(anna.page, 'silent-teacher-drafts-1366x768', annaPanel);
  for (const text of ['leestijd', 'groep 5', 'methodes']) {
    await expect(leider.getByText(text)).toHaveCount(0);
    await expect(projector.getByText(text)).toHaveCount(0);
  }
  await expect(bram.page.getByText('leestijd')).toHaveCount(0);
  await expect(anna.page.getByText('methodes')).toHaveCount(0);
  await expect(causeTexts(leider)).toHaveCount(0);

  // The server is the truth: after a reload her drafts are still there, with the edit.
  await anna.page.reload();
  const annaDrafts = annaPanel.getByTestId('silent-draft').getByRole('textbox');
  await expect(annaDrafts).toHaveCount(2);
  await expect(annaDrafts.nth(0)).toHaveValue('Te weinig leestijd in de klas en thuis');
  await expect(annaDrafts.nth(1)).toHaveValue('Begrijpend lezen pas vanaf groep 5');

  // "Onthullen": all three cards appear at once on every screen, with the authors' names on laptops.
  await controls(leider).getByRole('button', { name: 'Onthullen' }).click();
  const all = [
    'Te weinig leestijd in de klas en thuis',
    'Begrijpend lezen pas vanaf groep 5',
    'Veel nieuwe methodes tegelijk',
  ];
  for (const screen of [leider, anna.page, bram.page, projector]) {
    await expect(causeTexts(screen)).toHaveCount(3);
    for (const text of all) await expect(causeTexts(screen).filter({ hasText: text })).toHaveCount(1);
  }
  await expect(annaPanel).toHaveCount(0);
  await expect(bram.page.getByTestId('silent-revealed')).toHaveText('3 kaarten onthuld.');
  const bramCard = bram.page.getByTestId('card').filter({ hasText: 'Veel nieuwe methodes tegelijk' });
  await expect(bramCard.locator('.by')).toContainText('Bram');
  await expect(leider.getByTestId('card').filter({ hasText: 'groep 5' }).locator('.by')).toContainText(
    'Anna',
  );
  // No names on the projector.
  await expect(projector.getByText(/\bAnna\b/)).toHaveCount(0);
  await expect(controls(leider).getByTestId('silent-controls')).toHaveCount(0);
  await shot(bram.page, 'silent-revealed-teacher-1366x768', bram.page.getByTestId('silent-revealed'));
  await shot(projector, 'silent-revealed-projector-1920x1080');
});

test('a blind vote: nobody sees the distribution until the leider closes it; the result shows on laptops and the projector and stays after reload', async ({
  page: leider,
  person,
  createBoard,
}) => {
  const boardId = await createBoard('Studiedag: stemmen');
  const anna = await person('Anna');
  const bram = await person('Bram');
  // Three causes on step 9, written by Anna as ordinary cards.
  await openBoard(anna.page, boardId, 's9');
  const causes = ['Te weinig leestijd', 'Nieuwe methode', 'Veel invallers'];
  for (const text of causes) {
    await anna.page.getByRole('button', { name: '+ Negatieve oorzaak toevoegen' }).click();
    await anna.page.keyboard.type(text);
    await anna.page.keyboard.press('Escape');
  }
  await openBoard(leider, boardId, 's9');
  await openBoard(bram.page, boardId, 's9');
  await expect(causeTexts(leider)).toHaveCount(3);
  const projector = await leider.context().newPage();
  await projector.setViewportSize({ width: 1920, height: 1080 });
  await projector.goto(`/borden/${boardId}/projector?stap=s9`);
  await expect(causeTexts(projector)).toHaveCount(3);

  // The leider starts a vote with 2 dots each and the default question.
  await controls(leider).getByRole('button', { name: 'Stemming starten…' }).click();
  await expect(controls(leider).getByLabel('Vraag')).toHaveValue('Welke oorzaken nemen we mee?');
  await controls(leider).getByLabel('Stippen per persoon').fill('2');
  await controls(leider).getByRole('button', { name: 'Stemming starten', exact: true }).click();
  await expect(controls(leider).getByTestId('vote-voters')).toHaveText('Gestemd: 0');
  await expect(projector.getByTestId('projector-activity')).toContainText('Stemming loopt');
  await expect(projector.getByTestId('dot-control')).toHaveCount(0);

  // Anna puts both dots on "Te weinig leestijd" with the keyboard; Bram one there and one on "Veel invallers".
  await expect(anna.page.getByTestId('dots-left')).toHaveText('Je hebt nog 2 van je 2 stippen.');
  const place = (page: Page, text: string) => page.getByRole('button', { name: `Stip plaatsen op: ${text}` });
  await place(anna.page, 'Te weinig leestijd').focus();
  await anna.page.keyboard.press('Enter');
  await expect(anna.page.getByTestId('dots-left')).toHaveText('Je hebt nog 1 van je 2 stippen.');
  await anna.page.keyboard.press('Enter');
  await expect(anna.page.getByTestId('dots-left')).toHaveText('Je hebt nog 0 van je 2 stippen.');
  // Her focus stays on the button (it is never disabled under her), which now says no more dots.
  await expect(place(anna.page, 'Te weinig leestijd')).toBeFocused();
  await expect(place(anna.page, 'Nieuwe methode')).toHaveAttribute('aria-disabled', 'true');
  await place(bram.page, 'Te weinig leestijd').click();
  await place(bram.page, 'Nieuwe methode').click();
  // Bram changes his mind: the dot comes off "Nieuwe methode" and goes to "Veel invallers".
  await bram.page.getByRole('button', { name: 'Stip weghalen van: Nieuwe methode' }).click();
  await place(bram.page, 'Veel invallers').click();
  await expect(bram.page.getByTestId('dots-left')).toHaveText('Je hebt nog 0 van je 2 stippen.');

  // Each sees her own dots only; the leider sees how many voted, not where; no result anywhere yet.
  const myDots = (page: Page, text: string) =>
    page.getByTestId('card').filter({ hasText: text }).getByTestId('my-dots');
  await expect(myDots(anna.page, 'Te weinig leestijd')).toHaveAttribute('data-dots', '2');
  await expect(myDots(bram.page, 'Te weinig leestijd')).toHaveAttribute('data-dots', '1');
  await expect(myDots(anna.page, 'Veel invallers')).toHaveAttribute('data-dots', '0');
  await expect(myDots(leider, 'Te weinig leestijd')).toHaveAttribute('data-dots', '0');
  await expect(controls(leider).getByTestId('vote-voters')).toHaveText('Gestemd: 2');
  for (const screen of [leider, anna.page, bram.page, projector]) {
    await expect(screen.getByTestId('vote-result')).toHaveCount(0);
  }
  expect(await seriousViolations(anna.page)).toEqual([]);
  await shot(bram.page, 'vote-teacher-banner-1366x768', bram.page.getByTestId('vote-banner'));
  await shot(anna.page, 'vote-teacher-dots-1366x768', myDots(anna.page, 'Te weinig leestijd'));
  await shot(leider, 'vote-leider-controls-1366x768', controls(leider));
  await shot(projector, 'vote-open-projector-1920x1080');

  // Closing: the ranking appears on the laptops and the projector.
  await controls(leider).getByRole('button', { name: 'Stemming sluiten' }).click();
  for (const screen of [leider, anna.page, bram.page, projector]) {
    const result = screen.getByTestId('vote-result');
    await expect(result).toContainText('Uitslag: Welke oorzaken nemen we mee?');
    await expect(result).toContainText('2 stemmers · 2 stippen per persoon');
    const rows = result.getByTestId('vote-result-row');
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(0)).toContainText('Te weinig leestijd');
    await expect(rows.nth(0)).toHaveAttribute('data-dots', '3');
    await expect(rows.nth(1)).toContainText('Veel invallers');
    await expect(rows.nth(1)).toContainText('1 stip');
  }
  await expect(projector.getByTestId('projector-activity')).toContainText('Stemming gesloten');
  expect(await seriousViolations(projector)).toEqual([]);
  await shot(projector, 'vote-result-projector-1920x1080');
  await projector.setViewportSize({ width: 1280, height: 720 });
  await shot(projector, 'vote-result-projector-1280x720');
  await shot(anna.page, 'vote-result-teacher-1366x768', anna.page.getByTestId('vote-result'));
  await expect(anna.page.getByTestId('dot-control')).toHaveCount(0);
  await expect(controls(leider).getByTestId('vote-controls')).toHaveCount(0);

  // The board keeps the result.
  await bram.page.reload();
  await expect(bram.page.getByTestId('vote-result').getByTestId('vote-result-row')).toHaveCount(2);
  await expect(bram.page.getByTestId('vote-result').getByTestId('vote-result-row').first()).toContainText(
    'Te weinig leestijd',
  );
});

test('the leider cancels a round (asked first) and a vote: nothing reaches the board; a round revealed without names shows none', async ({
  page: leider,
  person,
  createBoard,
}) => {
  const boardId = await createBoard('Studiedag: annuleren');
  const anna = await person('Anna');
  await openBoard(leider, boardId, 's4');
  await openBoard(anna.page, boardId, 's4');
  await controls(leider).getByRole('button', { name: 'Stil schrijven starten…' }).click();
  await controls(leider).getByRole('button', { name: 'Stil schrijven starten', exact: true }).click();
  await writeDraft(anna.page, 'Groep 6 scoort lager dan vorig jaar');
  await expect(controls(leider).getByTestId('silent-totals')).toHaveText('Kaarten: 1 · Schrijvers: 1');

  await controls(leider).getByRole('button', { name: 'Ronde annuleren' }).click();
  const dialog = leider.getByRole('dialog', { name: 'Schrijfronde annuleren?' });
  await expect(dialog).toContainText('gaan verloren');
  // "Annuleren" in the dialog keeps the round.
  await dialog.getByRole('button', { name: 'Annuleren', exact: true }).click();
  await expect(controls(leider).getByTestId('silent-controls')).toBeVisible();
  await controls(leider).getByRole('button', { name: 'Ronde annuleren' }).click();
  await leider.getByRole('dialog').getByRole('button', { name: 'Ronde annuleren' }).click();
  await expect(controls(leider).getByTestId('silent-controls')).toHaveCount(0);
  await expect(anna.page.getByTestId('silent-panel')).toHaveCount(0);
  await expect(anna.page.getByTestId('facts').getByTestId('card')).toHaveCount(0);

  // A named round revealed without names after all (her choice at reveal): no name on the card.
  await controls(leider).getByRole('button', { name: 'Stil schrijven starten…' }).click();
  await controls(leider).getByRole('button', { name: 'Stil schrijven starten', exact: true }).click();
  await expect(anna.page.getByTestId('silent-panel')).toContainText('Je naam komt bij je kaarten te staan.');
  await writeDraft(anna.page, 'Groep 6 leest minder dan vorig jaar');
  await expect(controls(leider).getByTestId('silent-totals')).toHaveText('Kaarten: 1 · Schrijvers: 1');
  await controls(leider).getByLabel('Zonder namen onthullen').check();
  await controls(leider).getByRole('button', { name: 'Onthullen' }).click();
  const revealed = leider.getByTestId('facts').getByTestId('card');
  await expect(revealed).toHaveCount(1);
  await expect(revealed).toContainText('Groep 6 leest minder dan vorig jaar');
  await expect(revealed.locator('.by')).toContainText('anoniem (stil schrijven)');
  await expect(anna.page.getByTestId('facts').getByTestId('card').locator('.by')).not.toContainText('Anna');

  // A vote cancelled is not counted: no result.
  await controls(leider).getByRole('button', { name: 'Stemming starten…' }).click();
  await controls(leider).getByLabel('Stippen per persoon').fill('25');
  await expect(controls(leider).getByRole('alert')).toHaveText('Kies 1 tot en met 20 stippen.');
  await expect(
    controls(leider).getByRole('button', { name: 'Stemming starten', exact: true }),
  ).toBeDisabled();
  await controls(leider).getByLabel('Stippen per persoon').fill('3');
  await controls(leider).getByRole('button', { name: 'Stemming starten', exact: true }).click();
  await expect(anna.page.getByTestId('vote-banner')).toBeVisible();
  await controls(leider).getByRole('button', { name: 'Stemming annuleren' }).click();
  await leider.getByRole('dialog').getByRole('button', { name: 'Stemming annuleren' }).click();
  await expect(anna.page.getByTestId('vote-banner')).toHaveCount(0);
  await expect(leider.getByTestId('vote-result')).toHaveCount(0);
  await expect(leider.getByTestId('facts').getByTestId('card')).toHaveCount(1);
});
