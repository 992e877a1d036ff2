import { expect, signIn, signInTo, test } from './fixtures';

test('an admin finds who opened a customer’s case file, and who was refused it, in the audit trail (English and Chinese)', async ({
  page,
  browser,
}) => {
  // A supervisor opens a case file from the team's accounts (one of Alex Chen's, Team A).
  const supervisor = await browser.newPage();
  await signInTo(supervisor, 'supervisor1', 'Team accounts');
  const first = supervisor.locator('table tbody tr').filter({ hasText: 'Alex Chen' }).first();
  await expect(first).toBeVisible();
  const accountNumber = (await first.locator('.mono').first().textContent())!.trim();
  await first.getByRole('link').first().click();
  await expect(supervisor.getByRole('heading', { level: 1, name: 'Case file' })).toBeVisible();
  const accountId = supervisor.url().match(/accounts\/([0-9a-f-]{36})\/case-file/)![1]!;

  // A collector of Team B asks for it anyway: refused, and recorded.
  const collector = await browser.newPage();
  await signIn(collector, 'collector3');
  await expect(collector.getByRole('heading', { level: 1, name: 'Workstation' })).toBeVisible();
  const refused = await collector.request.get(`/api/accounts/${accountId}/case-file`);
  expect(refused.status()).toBe(403);

  await signIn(page, 'admin1');
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.getByRole('link', { name: 'Audit trail' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Audit trail' })).toBeVisible();
  await page.getByLabel('Account', { exact: true }).fill(accountNumber);
  await page.getByLabel('Action', { exact: true }).fill('case_file.view');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(new RegExp(`account=${accountNumber}`));
  const rows = page.locator('.audit-table tbody tr');
  const viewed = rows.filter({ hasText: 'Morgan Reyes' }).first();
  await expect(viewed).toContainText('Opened a case file');
  await expect(viewed).toContainText('Supervision');
  await expect(viewed).toContainText(accountNumber);
  const denied = rows.filter({ hasText: 'Sam Okafor' }).first();
  await expect(denied).toContainText('refused');
  await expect(denied).toContainText('case_file.view.denied');
  await page.screenshot({ path: 'test-results/audit-trail-en.png' });

  // The CSV export has the same events (and is recorded too).
  const href = await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href');
  const csv = await page.request.get(href!);
  expect(csv.status()).toBe(200);
  const text = await csv.text();
  expect(text).toContain('case_file.view.denied');
  expect(text).toContain('supervisor1');

  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
  await expect(page.getByRole('heading', { level: 1, name: '审计日志' })).toBeVisible();
  await expect(rows.filter({ hasText: 'Morgan Reyes' }).first()).toContainText('打开案件档案');
  await expect(rows.filter({ hasText: 'Sam Okafor' }).first()).toContainText('已拒绝');
  await page.screenshot({ path: 'test-results/audit-trail-zh.png' });
  // Leave admin1 in English for the other specs.
  await page.getByRole('combobox', { name: '语言' }).selectOption('en');
  await expect(page.getByRole('heading', { level: 1, name: 'Audit trail' })).toBeVisible();
});
