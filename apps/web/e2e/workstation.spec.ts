import { expect, signIn, test, verifyCustomer } from './fixtures';

test('a collector takes the next account, records a promise, moves on, and finds the promise in the case file', async ({
  page,
}) => {
  await signIn(page, 'collector1');
  await expect(page).toHaveURL(/\/work$/);
  await expect(page.getByText(/Keyboard: N next account/)).toBeVisible();
  await expect(page.locator('.queue-item').first()).toBeVisible();

  // Keyboard first: N leases the top account and opens its case file with the script beside it.
  await page.keyboard.press('n');
  await expect(page).toHaveURL(/\/work\/[0-9a-f-]{36}$/);
  const firstUrl = page.url();
  // Allowed now: by the calling window, or at a callback time the customer agreed (the demo data has some due at any hour).
  await expect(page.getByText(/✓ (Can call now|Agreed callback time)/).first()).toBeVisible();
  // Right-party verification first: no debt figure, no collection script until the customer is confirmed.
  await expect(page.getByTestId('who-answered')).toBeVisible();
  // The debt's "Overdue" figure in the case pane ("My callbacks today" may mark a callback overdue too).
  const casePane = page.locator('[data-pane="case"]');
  await expect(casePane.getByText('Overdue', { exact: true })).toHaveCount(0);
  await expect(page.getByTestId('script-steps')).toHaveCount(0);
  await verifyCustomer(page);
  await expect(casePane.getByText('Overdue', { exact: true })).toBeVisible();
  await expect(page.getByTestId('script-steps').locator('li.step')).toHaveCount(7);
  await expect(page.getByText(/Reserved for you:/)).toBeVisible();
  await expect(page.getByRole('timer')).toHaveText(/^1[45]:\d\d$/);

  // Objection search during the call.
  await page.keyboard.press('/');
  await page.keyboard.type('paid');
  await expect(page.locator('.objections li').first()).toBeVisible();

  // The willingness branch the customer fits: recorded with the call, with the script version shown (issue 14).
  // Its title is in the script's language, the customer's (the top account may be a Chinese speaker's).
  await page.locator('[data-branch="willing_able"]').click();

  // Record a promise to pay.
  const due = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel('Outcome', { exact: true }).selectOption('promise_to_pay');
  await page.getByLabel(/^Amount \(/).fill('10');
  await page.getByLabel('Date', { exact: true }).fill(due);
  await page.getByLabel('Notes').fill('E2E: agreed to pay in three days');
  await page.screenshot({ path: 'test-results/workstation-before-save.png', fullPage: true });
  const posted = page.waitForRequest((r) => r.method() === 'POST' && /\/contacts$/.test(r.url()));
  await page.getByRole('button', { name: /Save and next/ }).click();
  expect((await posted).postDataJSON()).toMatchObject({
    scriptVersionId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    scriptBranch: 'willing_able',
  });

  // On to the next account.
  await expect(page).not.toHaveURL(firstUrl);
  await expect(page).toHaveURL(/\/work\/[0-9a-f-]{36}$/);
  // The case pane shows the new account (its customer may share a name with the first, or be the same person).
  const nextId = page.url().split('/').pop()!;
  await expect(page.locator('.case-file')).toHaveAttribute('data-account-id', nextId);

  // The promise is in the first account's case file.
  await page.goto(firstUrl);
  await verifyCustomer(page);
  const history = page.getByTestId('history');
  await expect(history.locator('li').first()).toContainText('Promise');
  await expect(history.locator('li').first()).toContainText('10.00');
  await expect(history.locator('li').first()).toContainText('Pending');
  await expect(history).toContainText('E2E: agreed to pay in three days');
  await page.screenshot({ path: 'test-results/workstation-after-save.png', fullPage: true });
});

test('the outcome form shows the server’s reason next to the field', async ({ page }) => {
  await signIn(page, 'collector2');
  // collector2 works in Chinese; this check reads English messages.
  await page.getByRole('combobox', { name: '语言' }).selectOption('en');
  await page.getByRole('button', { name: /Next account/ }).click();
  await expect(page).toHaveURL(/\/work\/[0-9a-f-]{36}$/);
  await verifyCustomer(page);
  await page.getByLabel(/^Amount \(/).fill('10');
  await page.getByLabel('Date', { exact: true }).fill('2020-01-01');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText(/is in the past/)).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'Please correct the highlighted fields.' })).toBeVisible();
});

test('an outcome recorded in the workstation shows in My calls and My results without a reload', async ({ page }) => {
  await signIn(page, 'collector1');
  await expect(page).toHaveURL(/\/work$/);
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  const promisesMade = page.locator('.kpi-cards .card').filter({ hasText: 'Promises made' }).locator('strong');
  const count = async () => Number((await promisesMade.innerText()).replace(/\D/g, ''));

  // Both screens seen first, so their answers are in the page's cache.
  await nav.getByRole('link', { name: 'My calls' }).click();
  await expect(page.locator('.contact-log-table tbody tr').first()).toBeVisible();
  await nav.getByRole('link', { name: 'My results' }).click();
  await expect(promisesMade).toHaveText(/^\d[\d,]*$/);
  const before = await count();

  // Record a promise in the workstation (Save, not Save and next).
  await nav.getByRole('link', { name: 'Workstation' }).click();
  await page.getByRole('button', { name: /Next account/ }).click();
  await expect(page).toHaveURL(/\/work\/[0-9a-f-]{36}$/);
  const customer = (await page.getByTestId('customer-name').innerText()).trim();
  await verifyCustomer(page);
  const note = `E2E fresh views ${Date.now()}`;
  const due = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel('Outcome', { exact: true }).selectOption('promise_to_pay');
  await page.getByLabel(/^Amount \(/).fill('10');
  await page.getByLabel('Date', { exact: true }).fill(due);
  await page.getByLabel('Notes').fill(note);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByTestId('history')).toContainText(note);

  // The same page, no reload: the new attempt heads My calls (the cached list is shown until the
  // refetch answers), and My results counts its promise.
  await nav.getByRole('link', { name: 'My calls' }).click();
  // The customer may have earlier calls (another spec's), so the cached first row can name them too:
  // the new attempt is the one whose detail holds this note, once the refetch has answered.
  const newest = page.locator('.contact-log-table tbody tr').first();
  await expect(async () => {
    await expect(newest).toContainText(customer, { timeout: 1_000 });
    await newest.getByRole('button').click();
    await expect(page.locator('.contact-detail')).toContainText(note, { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await nav.getByRole('link', { name: 'My results' }).click();
  await expect.poll(count).toBe(before + 1);
});
