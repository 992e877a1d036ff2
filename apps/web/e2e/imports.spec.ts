import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, signInTo, test } from './fixtures';

const sample = (name: string) => path.resolve(import.meta.dirname, '../../../docs/samples', name);

test('an admin checks a payments file and sees every bad row with its line number', async ({ page }) => {
  await signInTo(page, 'admin1', 'Imports');
  await expect(page.getByRole('heading', { level: 1, name: 'Imports' })).toBeVisible();
  await page.getByLabel('Payments file (CSV)').setInputFiles(sample('payments-with-errors.csv'));
  await page.getByRole('button', { name: 'Check file' }).click();
  await expect(page.getByText('Checked, nothing written.')).toBeVisible();
  const rows = page.locator('.import-report tbody tr');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText('2');
  await expect(rows.nth(0)).toContainText('amount');
  await expect(rows.nth(1)).toContainText('no account NO-SUCH-ACCOUNT');
  await expect(rows.nth(2)).toContainText('paid_at');
  await expect(page.getByRole('button', { name: 'Import all rows' })).toBeDisabled();
  await expect(page.getByText('3 rows: 0 valid, 3 with problems (3 problems).')).toBeVisible();

  // Every problem as CSV: line, column, value, problem.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download all 3 problems (CSV)' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('payments-problems.csv');
  const csv = readFileSync((await download.path())!, 'utf8')
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r?\n/);
  expect(csv[0]).toBe('line,column,value,problem');
  expect(csv.slice(1).map((l) => l.split(',').slice(0, 3).join(','))).toEqual([
    '2,amount,twelve',
    '3,account_external_id,NO-SUCH-ACCOUNT',
    '4,paid_at,2026-11-31',
  ]);
  await page.screenshot({ path: 'test-results/admin-imports.png', fullPage: true });
});

test('the payments sample imports cleanly against the demo data', async ({ page }) => {
  await signInTo(page, 'admin1', 'Imports');
  await page.getByLabel('Payments file (CSV)').setInputFiles(sample('payments.csv'));
  await page.getByRole('button', { name: 'Check file' }).click();
  await expect(page.getByText('3 rows: 3 valid, 0 with problems (0 problems).')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Import all rows' })).toBeEnabled();
});

test('an admin imports customers and accounts, and the collector finds the new account', async ({ page, browser }) => {
  await signInTo(page, 'admin1', 'Imports');
  await page.getByRole('link', { name: 'Customers and accounts' }).click();
  await expect(page).toHaveURL(/kind=portfolio/);

  await page.getByLabel('Portfolio file (CSV)').setInputFiles(sample('portfolio-with-errors.csv'));
  await page.getByRole('button', { name: 'Check file' }).click();
  const rows = page.locator('.import-report tbody tr');
  await expect(rows).toHaveCount(5);
  await expect(rows.nth(2)).toContainText('must be an IANA time zone');
  await expect(page.getByRole('button', { name: 'Import all rows' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Import the valid rows only' })).toBeEnabled();

  await page.getByLabel('Portfolio file (CSV)').setInputFiles(sample('portfolio.csv'));
  await page.getByRole('button', { name: 'Check file' }).click();
  await expect(page.getByText('Checked, nothing written.')).toBeVisible();
  await expect(page.locator('.import-counts')).toContainText('New customers 3');
  await page.getByRole('button', { name: 'Import all rows' }).click();
  await expect(page.getByText('Imported 4 rows.')).toBeVisible();
  await expect(page.locator('.import-counts')).toContainText('New accounts 4');
  await page.screenshot({ path: 'test-results/admin-portfolio-import.png', fullPage: true });

  const collector = await browser.newPage();
  await signInTo(collector, 'collector1', 'My accounts');
  await collector.getByLabel('Search accounts').fill('Rivera');
  await expect(collector.getByRole('row', { name: /Ana Rivera/ })).toHaveCount(2);
});

test('an import is followed by its id: the URL names it, a reload resumes it, the recent list shows it', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await signInTo(page, 'admin1', 'Imports');
  await page.getByLabel('Payments file (CSV)').setInputFiles(sample('payments.csv'));
  await page.getByRole('button', { name: 'Check file' }).click();
  // The upload answers with the import's id at once; a worker runs it, the screen polls it.
  await expect(page).toHaveURL(/[?&]import=[0-9a-f-]{36}/);
  const summary = page.getByText('3 rows: 3 valid, 0 with problems (0 problems).');
  await expect(summary).toBeVisible();
  const id = new URL(page.url()).searchParams.get('import')!;

  await page.reload();
  await expect(summary).toBeVisible();
  await expect(page.getByRole('table', { name: 'Recent imports' })).toBeVisible();
  const recent = page.locator('.recent-imports table');
  const row = recent.getByRole('row').filter({ has: page.locator(`a[href*="${id}"]`) });
  await expect(row).toContainText('Finished');
  await expect(row).toContainText('Check');
  await page.screenshot({ path: '/work/shots/i15-imports/imports-en.png' });

  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
  await expect(page.getByRole('heading', { level: 2, name: '最近的导入' })).toBeVisible();
  await expect(row).toContainText('已完成');
  await page.screenshot({ path: '/work/shots/i15-imports/imports-zh.png' });
  // Leave admin1 in English for the other specs.
  await page.getByRole('combobox', { name: '语言' }).selectOption('en');
  await expect(page.getByRole('heading', { level: 1, name: 'Imports' })).toBeVisible();
});
