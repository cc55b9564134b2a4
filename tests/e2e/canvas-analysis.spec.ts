import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { seriousViolations } from '../fixtures/axe';
import { expect, openBoard, test } from '../fixtures/test';

/**
 * Steps 8, 9 and 10 of the canvas with real people in their own browsers on one real server: the +/–/?
 * grid filled from the keyboard, causes with their evidence, conclusions resting on causes.
 * With KOERS_SCREENSHOTS=<directory> the tests also leave screenshots of steps 8 and 9 at 1366×768.
 */
const shots = process.env.KOERS_SCREENSHOTS;

async function screenshot(page: Page, name: string): Promise<void> {
  if (!shots) return;
  const dir = path.resolve(shots);
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}-1366x768.png`) });
}

const grid = (page: Page) => page.getByRole('grid', { name: 'Procesinformatie: factoren × groepen' });

/** A cell of the grid by its accessible name: "factor, group: value". */
const cell = (page: Page, factor: string, group: string, value: string) =>
  grid(page).getByRole('gridcell', { name: `${factor}, ${group}: ${value}`, exact: true });

async function addColumn(page: Page, label: string): Promise<void> {
  await page.getByLabel('Groep', { exact: true }).fill(label);
  await page.getByRole('button', { name: '+ Groep toevoegen' }).click();
  await expect(grid(page).getByRole('columnheader', { name: new RegExp(`^${label}`) })).toBeVisible();
}

/** Adds a card with the list's add button and types its text (the card opens in edit mode). */
async function addCard(page: Page, addButton: string, text: string): Promise<void> {
  await page.getByRole('button', { name: `+ ${addButton}` }).click();
  await page.keyboard.type(text);
  await page.keyboard.press('Escape');
}

/** Links a card through the link picker: pick the target by its text, keep the preset relation. */
async function pickLink(page: Page, target: string | RegExp): Promise<void> {
  const dialog = page.getByRole('dialog', { name: 'Kaart koppelen' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('radio', { name: target }).check();
  await dialog.getByRole('button', { name: 'Koppelen' }).click();
  await expect(dialog).toBeHidden();
}

function causeCard(page: Page, text: string): Locator {
  return page.locator('[data-card-id]', { has: page.getByTestId('cause-text').filter({ hasText: text }) });
}

test('two teachers fill their own grid columns at once with + – ? and both see both', async ({
  person,
  createBoard,
}) => {
  test.slow(); // two browsers on a shared two-core machine
  const boardId = await createBoard('Procesinformatie');
  const anna = await person('Anna');
  const bram = await person('Bram');
  await openBoard(anna.page, boardId, 's8');
  await openBoard(bram.page, boardId, 's8');

  // The Kwaliteitskaart's 20 explanations are the rows before anyone adds anything.
  await expect(grid(anna.page).getByRole('rowheader')).toHaveCount(20);

  await addColumn(anna.page, 'Groep 6');
  await addColumn(bram.page, 'Groep 7');
  for (const { page } of [anna, bram]) {
    await expect(grid(page).getByRole('columnheader', { name: /^Groep 7/ })).toBeVisible();
  }
  await anna.page.getByLabel('Jouw kolom').selectOption({ label: 'Groep 6' });
  await bram.page.getByLabel('Jouw kolom').selectOption({ label: 'Groep 7' });
  await expect(grid(anna.page).getByRole('columnheader', { name: /^Groep 6/ })).toContainText('jouw kolom');
  await expect(grid(anna.page).getByRole('columnheader', { name: /^Groep 7/ })).not.toContainText(
    'jouw kolom',
  );

  // Each starts on the first row of her own column and types at the same time.
  await cell(anna.page, 'De doelen zijn te laag', 'Groep 6', 'leeg').focus();
  await cell(bram.page, 'De doelen zijn te laag', 'Groep 7', 'leeg').focus();
  await Promise.all([
    (async () => {
      for (const key of ['-', 'ArrowDown', '-', 'ArrowDown', '?']) await anna.page.keyboard.press(key);
    })(),
    (async () => {
      for (const key of ['+', 'ArrowDown', '+', 'ArrowDown', '?']) await bram.page.keyboard.press(key);
    })(),
  ]);

  for (const { page } of [anna, bram]) {
    await expect(cell(page, 'De doelen zijn te laag', 'Groep 6', 'min, negatieve rol')).toHaveText('–');
    await expect(cell(page, 'De doelen zijn niet gehaald', 'Groep 6', 'min, negatieve rol')).toBeVisible();
    await expect(cell(page, 'De methode is niet goed', 'Groep 6', 'vraagteken, weet niet')).toBeVisible();
    await expect(cell(page, 'De doelen zijn te laag', 'Groep 7', 'plus, positieve rol')).toHaveText('+');
    await expect(cell(page, 'De doelen zijn niet gehaald', 'Groep 7', 'plus, positieve rol')).toBeVisible();
    await expect(cell(page, 'De methode is niet goed', 'Groep 7', 'vraagteken, weet niet')).toBeVisible();
    // The summary per factor counts both columns.
    await expect(page.locator('tr[data-factor="kk:1"]').getByTestId('factor-summary')).toContainText(
      '1 × +, 1 × –',
    );
    await expect(page.locator('tr[data-factor="kk:3"]').getByTestId('factor-summary')).toContainText('2 × ?');
  }

  // One tab stop in the grid (roving tabindex): the cell Anna left off on.
  await expect(grid(anna.page).locator('[role="gridcell"][tabindex="0"]')).toHaveCount(1);
  await expect(grid(anna.page).locator('[role="gridcell"][tabindex="0"]')).toHaveAccessibleName(
    'De methode is niet goed, Groep 6: vraagteken, weet niet',
  );

  // Backspace clears; a click cycles blank → + in someone else's column too (nobody is blocked).
  await cell(anna.page, 'De methode is niet goed', 'Groep 6', 'vraagteken, weet niet').focus();
  await anna.page.keyboard.press('Backspace');
  await expect(cell(bram.page, 'De methode is niet goed', 'Groep 6', 'leeg')).toBeVisible();
  await cell(anna.page, 'De methode heeft hiaten', 'Groep 7', 'leeg').click();
  await expect(cell(bram.page, 'De methode heeft hiaten', 'Groep 7', 'plus, positieve rol')).toBeVisible();

  // "Wat valt op?": the rows with – and ? come first, marked with a word, not only a colour.
  await anna.page.getByRole('button', { name: /Wat valt op\?/ }).click();
  await expect(grid(anna.page).getByRole('rowheader').first()).toHaveText('De doelen zijn te laag');
  await expect(anna.page.locator('tr[data-factor="kk:1"]').getByTestId('factor-summary')).toContainText(
    'valt op',
  );

  // A team factor is a row for everyone; marking it for research makes a cause in step 9.
  await bram.page.getByLabel('Nieuwe factor').fill('Veel invallers in de winter');
  await bram.page.getByRole('button', { name: '+ Factor toevoegen' }).click();
  await expect(grid(anna.page).getByRole('rowheader', { name: /Veel invallers in de winter/ })).toBeVisible();
  await anna.page
    .getByLabel('Factor', { exact: true })
    .selectOption({ label: 'Veel invallers in de winter' });
  await anna.page.getByRole('button', { name: 'Markeren voor nader onderzoek' }).click();
  await expect(bram.page.getByTestId('research-list')).toContainText('Veel invallers in de winter');

  // The filled grid passes axe's WCAG 2.1 AA rules (names, roles, contrast).
  expect(await seriousViolations(anna.page)).toEqual([]);

  // A whole school's columns still fit the laptop: the grid scrolls sideways, the factor names stay.
  for (const label of ['Groep 3', 'Groep 4', 'Groep 5', 'Groep 8']) await addColumn(anna.page, label);
  await screenshot(anna.page, 'stap-8-raster');
  await grid(anna.page).evaluate((table) => table.scrollIntoView({ block: 'start' }));
  await screenshot(anna.page, 'stap-8-raster-tabel');
});

test('a cause shows the two facts that support it, and a conclusion rests on that cause', async ({
  person,
  createBoard,
}) => {
  test.slow(); // two browsers on a shared two-core machine
  const boardId = await createBoard('Oorzaken en conclusies');
  const anna = await person('Anna');
  const bram = await person('Bram');

  // Two facts from the steps before, through the fact cards of step 4.
  await openBoard(anna.page, boardId, 's4');
  await addCard(anna.page, 'Feit toevoegen', 'Groep 6: 58% op niveau I–III bij begrijpend lezen');
  await addCard(anna.page, 'Feit toevoegen', 'Sinds 2023 daalt de score elk jaar');
  await expect(anna.page.getByTestId('fact-text')).toHaveCount(2);

  await openBoard(anna.page, boardId, 's9');
  await openBoard(bram.page, boardId, 's9');
  await expect(anna.page.getByRole('note')).toContainText('Voorkom tunnelvisie en aannames.');
  await addCard(anna.page, 'Negatieve oorzaak toevoegen', 'Te weinig tijd voor directe instructie');
  await addCard(bram.page, 'Positieve oorzaak toevoegen', 'Sterke leesmotivatie door de schoolbibliotheek');

  const cause = causeCard(anna.page, 'Te weinig tijd voor directe instructie');
  await cause.getByRole('button', { name: 'Feit of bron koppelen' }).click();
  await pickLink(anna.page, /Groep 6: 58%/);
  await cause.getByRole('button', { name: 'Feit of bron koppelen' }).click();
  await pickLink(anna.page, /Sinds 2023/);
  await cause.getByRole('button', { name: 'Alternatief koppelen' }).click();
  await pickLink(anna.page, /Sterke leesmotivatie/);
  await cause.getByRole('button', { name: 'Kernoorzaak' }).click();
  await cause.getByLabel('Denken of weten?').selectOption('weten');

  // Bram sees it in the negative column with the evidence grouped, the count and the mark.
  const seen = causeCard(bram.page, 'Te weinig tijd voor directe instructie');
  await expect(bram.page.getByTestId('causes-negatief')).toContainText(
    'Te weinig tijd voor directe instructie',
  );
  await expect(seen.getByTestId('supports')).toContainText('Groep 6: 58% op niveau I–III');
  await expect(seen.getByTestId('supports')).toContainText('Sinds 2023 daalt de score elk jaar');
  await expect(seen.getByTestId('multi-source')).toContainText('ja, 2 feiten of bronnen');
  await expect(seen.getByTestId('alternatives')).toContainText('Sterke leesmotivatie');
  await expect(seen.getByTestId('core-mark')).toHaveText(/Kernoorzaak/);
  await expect(bram.page.getByTestId('causes-negatief')).toContainText(
    'Kernoorzaak van tegenvallende resultaten: ★ Te weinig tijd voor directe instructie',
  );
  await expect(seen).toContainText('Weten');

  // "Wordt deze verklaring door anderen herkend?": each person's own toggle, counted for all.
  await seen.getByRole('button', { name: 'Ik herken deze verklaring' }).click();
  await cause.getByRole('button', { name: 'Ik herken deze verklaring' }).click();
  await expect(cause.getByTestId('recognised-count')).toHaveText('Herkend door 2');
  await expect(seen.getByRole('button', { name: 'Ik herken deze verklaring' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );

  expect(await seriousViolations(anna.page)).toEqual([]);
  await screenshot(anna.page, 'stap-9-oorzaken');
  await anna.page.getByTestId('causes-negatief').scrollIntoViewIfNeeded();
  await screenshot(anna.page, 'stap-9-oorzaken-kaarten');

  // Step 10a: a conclusion in the category "Zorgsignaal" resting on the cause.
  await openBoard(anna.page, boardId, 's10a');
  await openBoard(bram.page, boardId, 's10a');
  await addCard(
    anna.page,
    'Conclusie toevoegen: Zorgsignaal',
    'Begrijpend lezen in groep 6 is een zorgsignaal',
  );
  const conclusion = anna.page.getByTestId('conclusion-list-zorgsignaal').locator('[data-card-id]');
  await conclusion.getByRole('button', { name: 'Koppelen' }).click();
  await pickLink(anna.page, /Te weinig tijd voor directe instructie/);
  const bramsConclusion = bram.page.getByTestId('conclusion-list-zorgsignaal').locator('[data-card-id]');
  await expect(bramsConclusion).toContainText('Begrijpend lezen in groep 6 is een zorgsignaal');
  await expect(bramsConclusion.getByRole('list', { name: 'Gekoppeld' })).toContainText(
    'Rust op → Te weinig tijd voor directe instructie',
  );

  expect(await seriousViolations(anna.page)).toEqual([]);
  await screenshot(anna.page, 'stap-10a-conclusies');

  // Moving it to another category moves it to that group for everyone.
  await conclusion.getByLabel('Categorie').selectOption({ label: 'Gaat niet goed' });
  await expect(bram.page.getByTestId('conclusion-list-gaatNietGoed')).toContainText(
    'Begrijpend lezen in groep 6 is een zorgsignaal',
  );
});
