import {
  connectionStatus,
  expect,
  expectSaved,
  openBoard,
  stepEditor,
  stepPlainText,
  test,
  typeInStep,
  waitForDeviceCopy,
} from '../fixtures/test';

test('two teachers on one board see each other’s text, presence and named caret', async ({
  person,
  createBoard,
}) => {
  const boardId = await createBoard('Studiedag samen');
  const anna = await person('Anna');
  const bram = await person('Bram');
  await openBoard(anna.page, boardId);
  await openBoard(bram.page, boardId);

  await typeInStep(anna.page, 'Onze analysevraag: waarom daalt begrijpend lezen in groep 6?');
  await expect(stepEditor(bram.page)).toContainText(
    'Onze analysevraag: waarom daalt begrijpend lezen in groep 6?',
  );

  // Bram sees Anna in the list of who is here, with the step she is on.
  const annaInList = bram.page
    .getByTestId('presence')
    .locator('[data-testid="participant"][data-name="Anna"]');
  await expect(annaInList).toBeVisible();
  await expect(annaInList).toContainText('bij Stap 1');
  await expect(bram.page.getByTestId('presence')).toContainText('Bram (jij)');

  // Anna's caret is in Bram's editor, labelled with her name.
  await expect(
    stepEditor(bram.page).locator('.collaboration-carets__label', { hasText: 'Anna' }),
  ).toBeVisible();

  // And the other way round: Bram writes, Anna reads.
  await typeInStep(bram.page, ' Bram vult aan.');
  await expect(stepEditor(anna.page)).toContainText('Bram vult aan.');

  // Anna marks the step done; Bram's rail shows it.
  await anna.page.getByRole('checkbox', { name: 'Stap afgerond' }).check();
  const bramRail = bram.page.getByRole('navigation', { name: 'Stappen' });
  await expect(bramRail.getByRole('link', { name: /Stap 1: Analysevraag\s*, afgerond/ })).toBeVisible();
  await expect(bram.page.getByRole('checkbox', { name: 'Stap afgerond' })).toBeChecked();

  // When Anna moves to another step, Bram's list and rail show where she is.
  await anna.page
    .getByRole('navigation', { name: 'Stappen' })
    .getByRole('link', { name: /Stap 4/ })
    .click();
  await expect(annaInList).toContainText('bij Stap 4');
  await expect(
    bram.page.getByRole('navigation', { name: 'Stappen' }).locator('[data-step="s4"]'),
  ).toContainText('hier: Anna');
});

test('a teacher who loses the network keeps typing, and both texts merge when she is back', async ({
  person,
  createBoard,
}) => {
  const boardId = await createBoard('Wifi valt weg');
  const anna = await person('Anna');
  const bram = await person('Bram');
  await openBoard(anna.page, boardId);
  await openBoard(bram.page, boardId);
  await typeInStep(anna.page, 'Begin.');
  await expect(stepEditor(bram.page)).toContainText('Begin.');

  await bram.context.setOffline(true);
  await expect(connectionStatus(bram.page)).toHaveAttribute('data-connection', 'offline');
  await expect(connectionStatus(bram.page)).toContainText('Offline');

  await typeInStep(bram.page, ' Offline geschreven door Bram.');
  await expect(connectionStatus(bram.page)).toHaveAttribute('data-unsaved', 'true');
  await expect(connectionStatus(bram.page)).toContainText('Niet-opgeslagen wijzigingen');
  await expect(connectionStatus(bram.page)).toContainText('opgeslagen op dit apparaat');

  await typeInStep(anna.page, ' Ondertussen schrijft Anna.');
  await expectSaved(anna.page);
  // Nothing reaches Bram while he is offline.
  await expect(stepEditor(bram.page)).not.toContainText('Ondertussen schrijft Anna.');
  await expect(stepEditor(anna.page)).not.toContainText('Offline geschreven door Bram.');

  await bram.context.setOffline(false);
  await expect(connectionStatus(bram.page)).toHaveAttribute('data-connection', 'online');
  await expectSaved(bram.page);

  for (const { page } of [anna, bram]) {
    await expect(stepEditor(page)).toContainText('Offline geschreven door Bram.');
    await expect(stepEditor(page)).toContainText('Ondertussen schrijft Anna.');
  }
  // Both documents converge on the same text.
  expect(await stepPlainText(anna.page)).toBe(await stepPlainText(bram.page));
});

test('an edit made offline survives a reload while still offline and reaches the others afterwards', async ({
  person,
  createBoard,
}) => {
  const boardId = await createBoard('Herladen zonder netwerk');
  const anna = await person('Anna');
  const bram = await person('Bram');
  await openBoard(anna.page, boardId);
  await openBoard(bram.page, boardId);
  // The app shell must be on the device (service worker) before the network goes.
  await bram.page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });

  await bram.context.setOffline(true);
  await expect(connectionStatus(bram.page)).toHaveAttribute('data-connection', 'offline');
  await typeInStep(bram.page, 'Bewaard op mijn laptop.');
  await expect(connectionStatus(bram.page)).toContainText('opgeslagen op dit apparaat');
  await expect(stepEditor(bram.page)).toContainText('Bewaard op mijn laptop.');
  await waitForDeviceCopy(bram.page, boardId);

  await bram.page.reload();
  await expect(connectionStatus(bram.page)).toHaveAttribute('data-connection', 'offline');
  await expect(stepEditor(bram.page)).toContainText('Bewaard op mijn laptop.');
  await expect(connectionStatus(bram.page)).toHaveAttribute('data-unsaved', 'true');
  await expect(stepEditor(anna.page)).not.toContainText('Bewaard op mijn laptop.');

  await bram.context.setOffline(false);
  await expect(stepEditor(anna.page)).toContainText('Bewaard op mijn laptop.');
  await expectSaved(bram.page);
});

test('text the server confirmed survives a server crash, and text typed while it is down is saved when it is back', async ({
  person,
  createBoard,
  koers,
}) => {
  const boardId = await createBoard('Na een herstart');
  const anna = await person('Anna');
  await openBoard(anna.page, boardId, 's9');
  await typeInStep(anna.page, 'Kernoorzaak: te weinig directe instructie.', 'Stap 9');
  await expectSaved(anna.page);

  await koers.kill(true);
  await expect(connectionStatus(anna.page)).toHaveAttribute('data-connection', 'reconnecting');
  await expect(connectionStatus(anna.page)).toContainText('Opnieuw verbinden');
  await typeInStep(anna.page, ' Terwijl de server weg is.', 'Stap 9');
  await expect(connectionStatus(anna.page)).toHaveAttribute('data-unsaved', 'true');

  await koers.startAgain();
  // Anna's open page reconnects by itself and the server confirms what she typed meanwhile.
  await expect(connectionStatus(anna.page)).toHaveAttribute('data-connection', 'online', { timeout: 20_000 });
  await expectSaved(anna.page);

  // A fresh browser, so nothing can come from a device's copy: only the server has the text.
  const bram = await person('Bram');
  await openBoard(bram.page, boardId, 's9');
  await expect(stepEditor(bram.page, 'Stap 9')).toContainText(
    'Kernoorzaak: te weinig directe instructie. Terwijl de server weg is.',
  );

  await koers.restart({ hard: true });
  await anna.page.reload();
  await expect(connectionStatus(anna.page)).toHaveAttribute('data-connection', 'online');
  await expect(stepEditor(anna.page, 'Stap 9')).toContainText(
    'Kernoorzaak: te weinig directe instructie. Terwijl de server weg is.',
  );
});
