import { expect, signIn, test } from './fixtures';

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
  const customer = (await page.getByTestId('customer-name').innerText()).trim();
  // Allowed now: by the calling window, or at a callback time the customer agreed (the demo data has some due at any hour).
  await expect(page.getByText(/✓ (Can call now|Agreed callback time)/).first()).toBeVisible();
  await expect(page.getByTestId('script-steps').locator('li.step')).toHaveCount(7);
  await expect(page.getByText(/Reserved for you until/)).toBeVisible();

  // Objection search during the call.
  await page.keyboard.press('/');
  await page.keyboard.type('paid');
  await expect(page.locator('.objections li').first()).toBeVisible();

  // Record a promise to pay.
  const due = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel('Outcome', { exact: true }).selectOption('promise_to_pay');
  await page.getByLabel(/^Amount \(/).fill('10');
  await page.getByLabel('Date', { exact: true }).fill(due);
  await page.getByLabel('Notes').fill('E2E: agreed to pay in three days');
  await page.screenshot({ path: 'test-results/workstation-before-save.png', fullPage: true });
  await page.getByRole('button', { name: /Save and next/ }).click();

  // On to the next account.
  await expect(page).not.toHaveURL(firstUrl);
  await expect(page).toHaveURL(/\/work\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('customer-name')).not.toHaveText(customer);

  // The promise is in the first account's case file.
  await page.goto(firstUrl);
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
  await page.getByLabel(/^Amount \(/).fill('10');
  await page.getByLabel('Date', { exact: true }).fill('2020-01-01');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText(/is in the past/)).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'Please correct the highlighted fields.' })).toBeVisible();
});
