import {
  connectionStatus,
  emailFor,
  expect,
  expectSaved,
  logInWithForm,
  openBoard,
  SCHOOL,
  stepEditor,
  test,
  typeInStep,
  waitForDeviceCopy,
} from '../fixtures/test';
import type { Page } from '@playwright/test';

/** The names of the IndexedDB copies of a board on this browser (one per account). */
async function copiesOf(page: Page, boardId: string): Promise<string[]> {
  return page.evaluate(
    async (id) =>
      (await indexedDB.databases())
        .map((db) => db.name ?? '')
        .filter((name) => name.startsWith('koers-board-') && name.endsWith(`-${id}`))
        .sort(),
    boardId,
  );
}

test('on a shared laptop one teacher’s unsent edit is kept for her own next login and never sent under another’s', async ({
  page,
  koers,
  person,
  createBoard,
}) => {
  const boardId = await createBoard('Gedeelde laptop');
  // Marieke watches the board from her own laptop: what reaches the server reaches her.
  await openBoard(page, boardId);

  const anna = await person('Anna');
  const bram = await koers.addUser(SCHOOL, { name: 'Bram', email: emailFor('Bram'), role: 'leerkracht' });
  const laptop = anna.page;
  // The wifi comes back before the sync does: while `syncBlocked`, the laptop's sync sockets are refused
  // (the HTTP API still works, so logout really ends Anna's session on the server).
  let syncBlocked = false;
  await anna.context.routeWebSocket(/\/sync\//, (socket) => {
    if (syncBlocked) void socket.close();
    else void socket.connectToServer();
  });

  await openBoard(laptop, boardId);
  syncBlocked = true;
  await anna.context.setOffline(true);
  await expect(connectionStatus(laptop)).toHaveAttribute('data-connection', 'offline');
  await typeInStep(laptop, 'Anna schreef dit zonder netwerk.');
  await expect(connectionStatus(laptop)).toHaveAttribute('data-unsaved', 'true');
  await waitForDeviceCopy(laptop, boardId);

  // Logging out first tries to send, then asks: wait, or log out and keep the copy on this laptop.
  await laptop.getByRole('button', { name: 'Uitloggen' }).click();
  const warning = laptop.getByRole('dialog', { name: 'Nog niet alles is bij de server' });
  await expect(warning).toBeVisible({ timeout: 10_000 });
  await expect(warning).toContainText('ze worden verstuurd zodra jij hier weer inlogt');
  // The safe answer has focus; the keyboard reaches the other.
  await expect(warning.getByRole('button', { name: 'Wachten (ingelogd blijven)' })).toBeFocused();
  await anna.context.setOffline(false);
  await laptop.keyboard.press('Tab');
  await expect(warning.getByRole('button', { name: 'Uitloggen en bewaren op deze laptop' })).toBeFocused();
  await laptop.keyboard.press('Enter');
  await expect(laptop).toHaveURL(/\/inloggen/);
  expect(await copiesOf(laptop, boardId)).toHaveLength(1);

  // Bram logs in on the same browser and opens the board, with the sync working again.
  syncBlocked = false;
  await logInWithForm(laptop, bram.email, bram.password);
  await expect(laptop.getByTestId('account')).toContainText('Bram');
  await openBoard(laptop, boardId);
  await typeInStep(laptop, 'Bram was hier.');
  await expectSaved(laptop);
  await expect(stepEditor(page)).toContainText('Bram was hier.');
  await expect(stepEditor(laptop)).not.toContainText('Anna schreef dit');
  await expect(stepEditor(page)).not.toContainText('Anna schreef dit');
  await expect(connectionStatus(laptop)).toHaveAttribute('data-connection', 'online');
  expect(await copiesOf(laptop, boardId)).toHaveLength(2);

  // Bram's copy holds nothing the server lacks: his logout asks nothing and deletes it.
  await laptop.getByRole('button', { name: 'Uitloggen' }).click();
  await expect(laptop).toHaveURL(/\/inloggen/);
  await expect.poll(() => copiesOf(laptop, boardId)).toHaveLength(1);

  // Anna logs in again: her edit is sent now, under her name.
  await logInWithForm(laptop, anna.account.email, anna.account.password);
  await expect(laptop.getByTestId('account')).toContainText('Anna');
  await openBoard(laptop, boardId);
  await expect(stepEditor(laptop)).toContainText('Anna schreef dit zonder netwerk.');
  await expectSaved(laptop);
  await expect(stepEditor(page)).toContainText('Anna schreef dit zonder netwerk.');

  const response = await page.request.get(`/api/boards/${boardId}/authors`);
  expect(response.status()).toBe(200);
  const { authors } = (await response.json()) as { authors: Record<string, { name: string }> };
  const names = Object.values(authors).map((author) => author.name);
  expect(names).toContain('Anna');
  expect(names).toContain('Bram');
  // Bram's one edit is his only client id: Anna's offline text was not sent under his login.
  expect(names.filter((name) => name === 'Bram')).toHaveLength(1);
});

test('a board tab left open when another account logs in on the same browser sends nothing under that login and says why (4409)', async ({
  page,
  koers,
  person,
  createBoard,
}) => {
  const boardId = await createBoard('Twee tabbladen');
  const anna = await person('Anna');
  const bram = await koers.addUser(SCHOOL, { name: 'Bram', email: emailFor('Bram'), role: 'leerkracht' });
  await openBoard(anna.page, boardId);
  await typeInStep(anna.page, 'Anna begint.');
  await expectSaved(anna.page);

  // Bram logs in in another tab of the same browser: the session cookie is his now.
  const otherTab = await anna.context.newPage();
  await otherTab.goto('/inloggen');
  await logInWithForm(otherTab, bram.email, bram.password);
  await expect(otherTab.getByTestId('account')).toContainText('Bram');

  // Anna's tab loses the network, she types on, and it reconnects: with Bram's cookie.
  await anna.context.setOffline(true);
  await expect(connectionStatus(anna.page)).toHaveAttribute('data-connection', 'offline');
  await typeInStep(anna.page, ' Anna typt door.');
  await anna.context.setOffline(false);

  const notice = anna.page.getByTestId('board-closed');
  await expect(notice).toHaveAttribute('data-close-code', '4409');
  await expect(notice.getByRole('alert')).toContainText('Dit bord is hier geopend onder een ander account.');
  await expect(notice).toContainText('bij het account waarmee je het schreef');
  await expect(notice.getByRole('button', { name: 'Opnieuw proberen' })).toBeVisible();

  await openBoard(page, boardId);
  await expect(stepEditor(page)).toContainText('Anna begint.');
  await expect(stepEditor(page)).not.toContainText('Anna typt door.');
  const response = await page.request.get(`/api/boards/${boardId}/authors`);
  const { authors } = (await response.json()) as { authors: Record<string, { name: string }> };
  expect(Object.values(authors).map((author) => author.name)).toEqual(['Anna']);
});

test('logging out from the board list first sends the unsent edits of a board she left while offline', async ({
  page,
  person,
  createBoard,
}) => {
  const boardId = await createBoard('Verlaten zonder netwerk');
  await openBoard(page, boardId);
  const anna = await person('Anna');
  await openBoard(anna.page, boardId);
  await anna.context.setOffline(true);
  await expect(connectionStatus(anna.page)).toHaveAttribute('data-connection', 'offline');
  await typeInStep(anna.page, 'Geschreven in de trein.');
  await waitForDeviceCopy(anna.page, boardId);
  // She leaves the board (the list cannot load offline) and the network comes back while she is elsewhere.
  await anna.page.getByRole('link', { name: 'Alle borden' }).click();
  await expect(anna.page).toHaveURL(/\/$/);
  await anna.context.setOffline(false);
  await expect(stepEditor(page)).not.toContainText('Geschreven in de trein.');

  // Logout opens her copy for a moment, sends it, waits for the server's confirmation, and then deletes it.
  await anna.page.getByRole('button', { name: 'Uitloggen' }).click();
  await expect(anna.page).toHaveURL(/\/inloggen/);
  await expect(anna.page.getByRole('dialog')).toHaveCount(0);
  await expect(stepEditor(page)).toContainText('Geschreven in de trein.');
  await expect.poll(() => copiesOf(anna.page, boardId)).toHaveLength(0);
});
