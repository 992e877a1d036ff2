import path from 'node:path';
import { expect, signIn, test } from './fixtures';

test('an admin checks a payments file and sees every bad row with its line number', async ({ page }) => {
  await signIn(page, 'admin1');
  await page.getByRole('link', { name: 'Imports' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Payment imports' })).toBeVisible();
  await page.getByLabel('Payments file (CSV)').setInputFiles(path.resolve(import.meta.dirname, '../../../docs/samples/payments-with-errors.csv'));
  await page.getByRole('button', { name: 'Check file' }).click();
  await expect(page.getByText('Checked, nothing written.')).toBeVisible();
  const rows = page.locator('.import-report tbody tr');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText('2');
  await expect(rows.nth(0)).toContainText('amount');
  await expect(rows.nth(1)).toContainText('no account NO-SUCH-ACCOUNT');
  await expect(rows.nth(2)).toContainText('paid_at');
  await expect(page.getByRole('button', { name: 'Import all rows' })).toBeDisabled();
  await page.screenshot({ path: 'test-results/admin-imports.png', fullPage: true });
});
