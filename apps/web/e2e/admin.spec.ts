import { expect, signIn, signInTo, test } from './fixtures';

test('an admin adds a collector to a new team, the collector signs in, and the admin deactivates them', async ({
  page,
  browser,
}) => {
  await signIn(page, 'admin1');
  await expect(page.getByRole('heading', { level: 1, name: 'Users & teams' })).toBeVisible();
  await page.getByLabel('New team name').fill('Weekend team');
  await page.getByRole('button', { name: 'Add team' }).click();
  const card = page.getByRole('list', { name: 'Teams' }).getByRole('listitem').filter({ hasText: 'Weekend team' });
  await expect(card).toBeVisible();
  await card.getByLabel('Supervisor').selectOption({ label: 'Morgan Reyes' });
  await expect(card.getByLabel('Supervisor')).toHaveValue(/.+/);

  await page.getByText('Add a user').click();
  const form = page.getByRole('form', { name: 'Add a user' });
  await form.getByLabel('Username', { exact: true }).fill('weekend.one');
  await form.getByLabel('Name', { exact: true }).fill('Wendy Weekend');
  await form.getByLabel('Team').selectOption({ label: 'Weekend team' });
  await form.getByLabel('Time zone').fill('Europe/London');
  await form.getByLabel('Initial password (12+ characters)').fill('weekend password 1');
  await form.getByRole('button', { name: 'Create user' }).click();
  await expect(form.getByRole('status')).toHaveText('Wendy Weekend can now sign in.');
  await page.screenshot({ path: 'test-results/admin-users.png', fullPage: true });

  const collector = await browser.newPage();
  await signIn(collector, 'weekend.one', 'weekend password 1');
  await expect(collector.getByRole('heading', { level: 1, name: 'Workstation' })).toBeVisible();

  const row = page.getByRole('row').filter({ hasText: 'weekend.one' });
  await row.getByRole('button', { name: /Manage/ }).click();
  await page.getByRole('button', { name: 'Deactivate' }).click();
  await expect(row).toContainText('Deactivated');
  // Their session has ended: the next request sends them to sign in.
  await collector.reload();
  await expect(collector).toHaveURL(/\/login/);
});

test('an admin previews a bulk assignment with the counts per collector', async ({ page }) => {
  await signIn(page, 'admin1');
  const form = page.getByRole('form', { name: 'Assign accounts' });
  await form.getByLabel('Stage').selectOption({ label: 'M1 · 1–30' });
  const creditor = form.getByLabel('Creditor');
  await expect(creditor.locator('option')).not.toHaveCount(1);
  await creditor.selectOption({ index: 1 });
  await expect(creditor).toHaveValue(/[0-9a-f-]{36}/);
  await form.getByLabel('Now with team').selectOption({ label: 'Team A' });
  await form.getByLabel('Assign to').selectOption({ label: 'Team B' });
  await form.getByRole('button', { name: 'Preview' }).click();
  const report = page.locator('.import-report');
  await expect(report).toContainText(/open accounts? would be assigned/);
  await expect(report).toContainText('Sam Okafor');
  await expect(form.getByRole('button', { name: 'Assign' })).toBeEnabled();
  await form.screenshot({ path: 'test-results/admin-assign.png' });
});

test('an admin edits a policy: a bad calling window is refused with the field named, a valid save becomes the next version', async ({
  page,
}) => {
  await signInTo(page, 'admin1', 'Policies');
  const us = page.getByRole('form', { name: 'Compliance profile US' });
  await us.getByLabel('Calls until (HH:mm)').fill('25:00');
  await us.getByRole('button', { name: 'Save new version' }).click();
  await expect(us.getByRole('alert')).toContainText('data.callWindow.end');
  const rules = page.getByRole('form', { name: 'Promise rules' });
  await rules.getByRole('button', { name: 'Save new version' }).click();
  await expect(rules.getByRole('heading', { name: 'Promise rules version 2' })).toBeVisible();
  // The history shows who saved each version and what it changed.
  await rules.getByLabel('Grace days').fill('4');
  await rules.getByRole('button', { name: 'Save new version' }).click();
  const saved = page.getByRole('form', { name: 'Promise rules' });
  await expect(saved.getByRole('heading', { name: 'Promise rules version 3' })).toBeVisible();
  await saved.getByRole('button', { name: 'History' }).click();
  const history = saved.getByRole('list', { name: 'Versions of Promise rules' });
  await expect(history.locator(':scope > li').first()).toContainText('v3');
  await expect(history.locator(':scope > li').first()).toContainText('Jordan Blake');
  await expect(history.locator(':scope > li').first()).toContainText('Grace days: 3 → 4');
  await expect(history.locator(':scope > li').nth(1)).toContainText('saved without changes');
  await saved.screenshot({ path: 'test-results/admin-policy-history.png' });
  await page.screenshot({ path: 'test-results/admin-policies.png', fullPage: true });
});

test('an admin switches off a queue reason and the collector’s queue is re-ranked without it at once', async ({
  page,
  browser,
}) => {
  const collector = await browser.newPage();
  await signIn(collector, 'collector3');
  const reasons = collector.locator('.queue-item .reasons');
  await expect(reasons.first()).toBeVisible();
  await expect(reasons.filter({ hasText: /Last attempt|Never contacted/ }).first()).toBeVisible();

  await signInTo(page, 'admin1', 'Policies');
  const weights = page.getByRole('form', { name: 'Queue weights (points per reason)' });
  await expect(weights.getByLabel('Per day since the last attempt')).toHaveValue('5');
  await weights.getByLabel('Per day since the last attempt').fill('-5');
  await weights.getByRole('button', { name: 'Save new version' }).click();
  await expect(weights.getByRole('alert')).toContainText('data.perDaySinceContact');
  await weights.getByLabel('Per day since the last attempt').fill('0');
  await weights.getByRole('button', { name: 'Save new version' }).click();
  await expect(weights.getByRole('heading', { name: /version 2/ })).toBeVisible();
  await page.screenshot({ path: 'test-results/admin-queue-weights.png', fullPage: true });

  await collector.reload();
  await expect(reasons.first()).toBeVisible();
  await expect(reasons.filter({ hasText: /Last attempt|Never contacted/ })).toHaveCount(0);

  // Back to the default weight (a new version again) for the specs that follow.
  await weights.getByLabel('Per day since the last attempt').fill('5');
  await weights.getByRole('button', { name: 'Save new version' }).click();
  await expect(weights.getByRole('heading', { name: /version 3/ })).toBeVisible();
});
