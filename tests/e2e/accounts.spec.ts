import {
  cspViolations,
  emailFor,
  expect,
  expectSaved,
  logInWithForm,
  newContext,
  openBoard,
  stepEditor,
  test,
  typeInStep,
} from '../fixtures/test';

test('the leider invites a teacher, who picks a password, lands on the school’s boards and joins a board; the leider sees her, changes her role and removes her', async ({
  page,
  browser,
  koers,
  createBoard,
}) => {
  const boardId = await createBoard('Studiedag midden-toetsen');
  const leiderCsp = cspViolations(page);

  // The leider makes a personal invite on the team page and gets the link to send.
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Team' }).click();
  await expect(page).toHaveURL(/\/team$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Team' })).toBeVisible();
  // A new page moves keyboard focus to its main content.
  await expect(page.locator('#inhoud')).toBeFocused();
  await expect(page.getByTestId('member')).toHaveCount(1);
  await page.getByLabel('E-mailadres', { exact: true }).fill(emailFor('Joke de Boer'));
  await page.getByLabel('Rol', { exact: true }).selectOption('leerkracht');
  await page.getByRole('button', { name: 'Uitnodiging maken' }).click();
  const created = page.getByTestId('invite-created');
  await expect(created).toContainText(`Stuur deze link aan ${emailFor('Joke de Boer')}`);
  const inviteUrl = await created.getByLabel('Link', { exact: true }).inputValue();
  expect(inviteUrl).toMatch(new RegExp(`^${koers.url}/uitnodiging/[a-z0-9]+$`));
  await expect(page.getByTestId('open-invites')).toContainText(`Persoonlijk: ${emailFor('Joke de Boer')}`);

  // The teacher opens the link on her own laptop (no account, no cookies).
  const joke = await (await newContext(browser, koers.url)).newPage();
  const jokeCsp = cspViolations(joke);
  await joke.goto(inviteUrl);
  await expect(joke.getByRole('heading', { level: 1 })).toHaveText('Welkom bij Basisschool De Regenboog');
  await expect(joke.getByText('Je bent uitgenodigd als leerkracht.')).toBeVisible();
  await joke.getByLabel('Je naam').fill('Joke de Boer');
  // The rules are explained next to the field, and the server's verdict on a weak password is shown.
  await expect(joke.getByLabel('Kies een wachtwoord')).toHaveAccessibleDescription(/Minstens 10 tekens/);
  await joke.getByLabel('Kies een wachtwoord').fill('wachtwoord123');
  await joke.getByRole('button', { name: 'Account maken' }).click();
  await expect(joke.getByRole('alert')).toHaveText(
    'Dit wachtwoord wordt veel gebruikt en is makkelijk te raden. Kies een ander.',
  );
  // A refused password does not use up the invite.
  await joke.getByLabel('Kies een wachtwoord').fill('fietsen langs de vecht');
  await joke.getByRole('button', { name: 'Account maken' }).click();

  // She lands on the school's boards, logged in.
  await expect(joke).toHaveURL(`${koers.url}/`);
  await expect(joke.getByTestId('account')).toHaveText('Joke de Boer · Leerkracht');
  await expect(joke.getByTestId('school-name')).toHaveText('Basisschool De Regenboog');
  await joke.getByRole('link', { name: 'Studiedag midden-toetsen' }).click();
  await expect(joke).toHaveURL(`${koers.url}/borden/${boardId}`);
  await expect(joke.getByTestId('connection-status')).toHaveAttribute('data-connection', 'online');
  await expect(joke.getByTestId('presence')).toContainText('Joke de Boer (jij)');

  // The invite is used: it is no longer open, and opening it again says so.
  const again = await (await newContext(browser, koers.url)).newPage();
  await again.goto(inviteUrl);
  await expect(again.getByRole('alert')).toHaveText(
    'Deze uitnodiging is al gebruikt. Log in, of vraag je leider om een nieuwe.',
  );
  await again.context().close();

  // The leider sees who joined, and changes her role.
  await page.reload();
  await expect(page.getByTestId('member')).toHaveCount(2);
  const row = page.getByTestId('member').filter({ hasText: 'Joke de Boer' });
  await expect(row).toContainText(emailFor('Joke de Boer'));
  await expect(page.getByText('Er staan geen uitnodigingen open.')).toBeVisible();
  await row.getByLabel('Rol van Joke de Boer').selectOption('leider');
  await expect(page.getByTestId('team-notice')).toHaveText('Joke de Boer is nu leider.');
  await row.getByLabel('Rol van Joke de Boer').selectOption('leerkracht');
  await expect(page.getByTestId('team-notice')).toHaveText('Joke de Boer is nu leerkracht.');

  // The last leider can be neither removed nor demoted.
  const marieke = page.getByTestId('member').filter({ hasText: 'Marieke' });
  await expect(marieke.getByRole('button', { name: 'Marieke uit het team verwijderen' })).toBeDisabled();
  await expect(marieke.getByLabel('Rol van Marieke')).toBeDisabled();

  // Joke left the school: the leider removes her (after confirming); her open board closes at once.
  await row.getByRole('button', { name: 'Joke de Boer uit het team verwijderen' }).click();
  const confirm = page.getByRole('dialog', { name: 'Joke de Boer uit het team verwijderen?' });
  await confirm.getByRole('button', { name: 'Verwijderen' }).click();
  await expect(page.getByTestId('team-notice')).toHaveText('Joke de Boer is uit het team verwijderd.');
  await expect(page.getByTestId('member')).toHaveCount(1);
  await expect(
    joke.getByRole('heading', { name: 'Je hebt geen toegang (meer) tot dit bord.' }),
  ).toBeVisible();
  await joke.reload();
  await expect(joke).toHaveURL(/\/inloggen\?terug=/);
  // Every page ran under the server's Content-Security-Policy without a single violation.
  expect([...leiderCsp, ...jokeCsp]).toEqual([]);
  await joke.context().close();
});

test('a team link lets a teacher join with her own e-mail address, as leerkracht, until the leider revokes it', async ({
  page,
  browser,
  koers,
}) => {
  await page.goto('/team');
  await page.getByLabel('Geldig (dagen, hoogstens 30)').fill('3');
  await page.getByLabel('Maximaal aantal aanmeldingen (hoogstens 200)').fill('25');
  await page.getByRole('button', { name: 'Teamlink maken' }).click();
  const created = page.getByTestId('invite-created');
  await expect(created).toContainText('Deel deze teamlink met je team.');
  const teamUrl = await created.getByLabel('Link', { exact: true }).inputValue();
  await expect(page.getByTestId('open-invites')).toContainText('Leerkracht · 0 van 25 gebruikt');

  const teacher = await (await newContext(browser, koers.url)).newPage();
  await teacher.goto(teamUrl);
  await expect(teacher.getByText('Je bent uitgenodigd als leerkracht.')).toBeVisible();
  await teacher.getByLabel('Je naam').fill('Sanne');
  await teacher.getByLabel('E-mailadres').fill(emailFor('Sanne'));
  await teacher.getByLabel('Kies een wachtwoord').fill('de tuin staat vol tulpen');
  await teacher.getByRole('button', { name: 'Account maken' }).click();
  await expect(teacher.getByTestId('account')).toHaveText('Sanne · Leerkracht');
  await teacher.context().close();

  await page.reload();
  await expect(page.getByTestId('member').filter({ hasText: 'Sanne' })).toContainText(emailFor('Sanne'));
  await expect(page.getByTestId('open-invites')).toContainText('1 van 25 gebruikt');
  await page.getByRole('button', { name: 'Uitnodiging intrekken: Teamlink' }).click();
  await expect(page.getByTestId('team-notice')).toHaveText('De uitnodiging is ingetrokken.');
  await expect(page.getByText('Er staan geen uitnodigingen open.')).toBeVisible();

  const late = await (await newContext(browser, koers.url)).newPage();
  await late.goto(teamUrl);
  await expect(late.getByRole('alert')).toHaveText(
    'Deze uitnodiging is ingetrokken. Vraag je leider om een nieuwe.',
  );
  await expect(late.getByLabel('Kies een wachtwoord')).toHaveCount(0);
  await late.context().close();
});

test('a projector link shows the live board read-only without login or names, and stops working when the leider revokes it', async ({
  page,
  browser,
  koers,
  createBoard,
}) => {
  const boardId = await createBoard('Studiedag op het scherm');
  await openBoard(page, boardId, 's1');
  await typeInStep(page, 'Onze analysevraag: hoe staat begrijpend lezen ervoor?');
  await expectSaved(page);

  await page.getByRole('button', { name: 'Projector', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Projector voor dit bord' });
  await expect(dialog.getByText('Er zijn geen actieve projectorlinks.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Link maken' }).click();
  const url = await dialog.getByLabel('Link', { exact: true }).inputValue();
  expect(url).toMatch(new RegExp(`^${koers.url}/borden/${boardId}/projector\\?projector=[a-z0-9]+$`));
  await expect(dialog.getByRole('img', { name: 'QR-code van de projectorlink' })).toBeVisible();
  await expect(dialog.getByTestId('projector-link-list').getByRole('listitem')).toHaveCount(1);
  await dialog.getByRole('button', { name: 'Sluiten' }).click();
  await expect(dialog).toBeHidden();

  // The projector laptop: a browser without any account.
  const projectorContext = await newContext(browser, koers.url);
  const projector = await projectorContext.newPage();
  await projector.setViewportSize({ width: 1280, height: 720 });
  const projectorCsp = cspViolations(projector);
  await projector.goto(url);
  // Without a live session, a bare link opens on the welcome screen; the clicker starts at step 1.
  await expect(projector.getByTestId('projector-welcome')).toBeVisible();
  await projector.keyboard.press('PageDown');
  const text = projector.getByRole('textbox', { name: 'Gedeelde tekst bij Stap 1' });
  await expect(text).toContainText('Onze analysevraag: hoe staat begrijpend lezen ervoor?');
  await expect(
    projector.getByRole('heading', { level: 1, name: 'Wat willen we weten en waarom?' }),
  ).toBeVisible();
  // Read-only and without names: no toolbar, no presence, no account, nobody's name on the screen.
  await expect(text).toHaveAttribute('contenteditable', 'false');
  await expect(projector.getByRole('toolbar')).toHaveCount(0);
  await expect(projector.getByTestId('presence')).toHaveCount(0);
  await expect(projector.getByTestId('account')).toHaveCount(0);
  // The leider's text appears live.
  await typeInStep(page, ' Groep 6 blijft achter.');
  await expect(text).toContainText('Groep 6 blijft achter.');
  await expect(projector.locator('body')).not.toContainText('Marieke');
  // The link's token travels along when the clicker changes step.
  await projector.keyboard.press('PageDown');
  await expect(projector).toHaveURL(/stap=s2.*projector=|projector=.*stap=s2/);
  await expect(projector.getByRole('textbox', { name: 'Gedeelde tekst bij Stap 2' })).toBeVisible();
  // The projector never wrote anything: the leider's page has nothing unsaved from others either.
  await expectSaved(page);
  // Without a link and without a login there is nothing to see.
  const stranger = await projectorContext.newPage();
  await stranger.goto(`/borden/${boardId}/projector?stap=s1`);
  await expect(stranger).toHaveURL(/\/inloggen\?terug=/);
  await stranger.close();

  // The study day is over: the leider revokes the link; the open projector stops at once.
  await page.getByRole('button', { name: 'Projector', exact: true }).click();
  await dialog.getByRole('button', { name: /^Projectorlink van .* intrekken$/ }).click();
  await expect(dialog.getByText('De projectorlink is ingetrokken.')).toBeVisible();
  await expect(dialog.getByText('Er zijn geen actieve projectorlinks.')).toBeVisible();
  await expect(
    projector.getByRole('heading', { name: 'Deze projectorlink is ingetrokken of verlopen' }),
  ).toBeVisible();
  await expect(projector.getByText('Groep 6 blijft achter.')).toHaveCount(0);
  // Reloading does not bring it back.
  await projector.reload();
  await expect(
    projector.getByRole('heading', { name: 'Deze projectorlink is ingetrokken of verlopen' }),
  ).toBeVisible();
  await expect(projector.getByRole('textbox')).toHaveCount(0);
  expect(projectorCsp).toEqual([]);
  await projectorContext.close();

  // The board itself is untouched.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(stepEditor(page)).toContainText('Groep 6 blijft achter.');
});

test('a logged-out visitor of the board list or a board lands on the login page and comes back after logging in', async ({
  browser,
  koers,
  leiderAccount,
  createBoard,
}) => {
  const boardId = await createBoard('Alleen voor het team');
  const visitor = await (await newContext(browser, koers.url)).newPage();

  await visitor.goto('/');
  await expect(visitor).toHaveURL(`${koers.url}/inloggen`);
  await expect(visitor.getByRole('heading', { level: 1, name: 'Inloggen' })).toBeVisible();

  await visitor.goto(`/borden/${boardId}?stap=s3`);
  await expect(visitor).toHaveURL(
    `${koers.url}/inloggen?terug=${encodeURIComponent(`/borden/${boardId}?stap=s3`)}`,
  );
  await expect(visitor.getByText('Alleen voor het team')).toHaveCount(0);
  await logInWithForm(visitor, leiderAccount.email, leiderAccount.password);
  await expect(visitor).toHaveURL(`${koers.url}/borden/${boardId}?stap=s3`);
  await expect(visitor.getByTestId('board-title')).toHaveText('Alleen voor het team');

  // Logging out ends the session: the board list sends her to the login page again.
  await visitor.getByRole('button', { name: 'Uitloggen' }).click();
  await expect(visitor).toHaveURL(`${koers.url}/inloggen`);
  await visitor.goto('/');
  await expect(visitor).toHaveURL(`${koers.url}/inloggen`);
  await visitor.context().close();
});

test('a member of another school sees none of this school’s boards, not even by their address', async ({
  browser,
  koers,
  createBoard,
}) => {
  const boardId = await createBoard('Alleen voor De Regenboog');
  await koers.addSchool('OBS De Linde');
  const kees = await koers.addUser('OBS De Linde', {
    name: 'Kees',
    email: 'kees@linde.test',
    role: 'leider',
  });
  const page = await (await newContext(browser, koers.url)).newPage();
  await page.goto('/inloggen');
  await logInWithForm(page, kees.email, kees.password);
  await expect(page.getByTestId('school-name')).toHaveText('OBS De Linde');
  await expect(page.getByText('Er zijn nog geen borden.')).toBeVisible();
  await expect(page.getByText('Alleen voor De Regenboog')).toHaveCount(0);

  // The address of the other school's board gives the same answer as a board that does not exist.
  await page.goto(`/borden/${boardId}`);
  await expect(page.getByRole('heading', { name: 'Dit bord bestaat niet (meer).' })).toBeVisible();
  await expect(page.getByText('Alleen voor De Regenboog')).toHaveCount(0);
  await page.context().close();
});

test('a leerkracht sees the boards but no "Nieuw bord", no team page and no projector-link management', async ({
  person,
  createBoard,
}) => {
  const boardId = await createBoard('Bord van de leider');
  const anna = await person('Anna');
  await anna.page.goto('/');
  await expect(anna.page.getByTestId('account')).toHaveText('Anna · Leerkracht');
  await expect(anna.page.getByRole('link', { name: 'Bord van de leider' })).toBeVisible();
  await expect(anna.page.getByRole('heading', { name: 'Nieuw bord' })).toHaveCount(0);
  await expect(anna.page.getByLabel('Titel van het nieuwe bord')).toHaveCount(0);
  await expect(anna.page.getByRole('link', { name: 'Team' })).toHaveCount(0);

  await openBoard(anna.page, boardId);
  await expect(anna.page.getByRole('button', { name: 'Projector', exact: true })).toHaveCount(0);
  // She writes on the board like everyone else.
  await typeInStep(anna.page, 'Anna schrijft mee.');
  await expectSaved(anna.page);

  // The team page is not hers (the server refuses its data too).
  await anna.page.goto('/team');
  await expect(anna.page.getByRole('alert')).toHaveText('Alleen een leider beheert het team.');
  await expect(anna.page.getByTestId('member')).toHaveCount(0);
});

test('a wrong password gets one generic error, and repeated failures are slowed down with a clear message', async ({
  browser,
  koers,
  leiderAccount,
}) => {
  const visitor = await (await newContext(browser, koers.url)).newPage();
  await visitor.goto('/inloggen');
  await logInWithForm(visitor, leiderAccount.email, 'verkeerd-wachtwoord-1');
  await expect(visitor.getByRole('alert')).toHaveText('E-mailadres of wachtwoord onjuist.');
  // An address without an account gets exactly the same answer.
  await logInWithForm(visitor, 'bestaat.niet@regenboog.test', 'verkeerd-wachtwoord-1');
  await expect(visitor.getByRole('alert')).toHaveText('E-mailadres of wachtwoord onjuist.');
  await expect(visitor).toHaveURL(`${koers.url}/inloggen`);

  // After five failures for one account the server makes her wait; the page says how long.
  const alert = visitor.getByRole('alert');
  for (let attempt = 0; attempt < 10; attempt++) {
    await logInWithForm(visitor, leiderAccount.email, `verkeerd-wachtwoord-${attempt + 2}`);
    await expect(visitor.getByRole('button', { name: 'Inloggen' })).toBeEnabled();
    if (/Te veel/.test((await alert.textContent()) ?? '')) break;
  }
  await expect(alert).toHaveText(/^Te veel inlogpogingen\. Probeer het over \d+ seconden opnieuw\.$/);
});
