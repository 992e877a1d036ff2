import type { Page } from '@playwright/test';
import { expect, signIn, test } from './fixtures';

/** The first account of the signed-in collector under `profile` (any profile when none of it). */
async function firstAccount(page: Page, profile: string) {
  const res = await page.request.get('/api/accounts?limit=100');
  expect(res.ok()).toBe(true);
  const items = (await res.json()).items as { id: string; complianceProfile: string }[];
  return (items.find((a) => a.complianceProfile === profile) ?? items[0])!.id;
}

test('a collector adds a Hawaii number the customer gave; the case file shows Honolulu, from the number and as stated', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await signIn(page, 'collector1');
  await expect(page).toHaveURL(/\/work$/);
  const accountId = await firstAccount(page, 'US');
  await page.goto(`/work/${accountId}`);
  await expect(page.getByTestId('customer-name')).toBeVisible();

  await page.getByRole('button', { name: 'Add number or address' }).click();
  const form = page.getByRole('form', { name: 'Add number or address' });
  await form.getByLabel('Type').selectOption('work');
  await form.getByLabel('Phone number').fill('+1 808 555 0199');
  await form.getByLabel('Label').fill('office in Honolulu');
  await form.getByLabel('Zone the customer stated').fill('Pacific/Honolulu');
  await form.screenshot({ path: 'test-results/contact-point-add-en.png' });
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form).toBeHidden();

  const honolulu = page.getByTestId('customer-zones').locator('li[data-zone="Pacific/Honolulu"]');
  await expect(honolulu).toBeVisible();
  await expect(honolulu).toContainText('+1 808 555 0199 (set by a collector)');
  const listed = page.locator('.contact-points li', { hasText: '+1 808 555 0199' });
  await expect(listed).toContainText('office in Honolulu');
  await expect(listed).toContainText('Pacific/Honolulu');
  await honolulu.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/contact-point-zones-en.png' });

  // Marked invalid with a reason: its zone no longer counts.
  await listed.getByRole('button', { name: 'Edit +1 808 555 0199' }).click();
  const edit = page.getByRole('form', { name: 'Edit +1 808 555 0199' });
  await edit.getByLabel('Wrong or invalid number or address').check();
  await edit.getByLabel('Why (e.g. a restaurant answered)').fill('a bakery answered');
  await edit.screenshot({ path: 'test-results/contact-point-edit-en.png' });
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(listed).toContainText('Invalid: a bakery answered');
});

test('in Chinese, a collector adds a number with the zone from the number', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await signIn(page, 'collector2');
  await expect(page).toHaveURL(/\/work$/);
  const accountId = await firstAccount(page, 'CN');
  await page.goto(`/work/${accountId}`);
  await page.getByRole('button', { name: '添加号码或地址' }).click();
  const form = page.getByRole('form', { name: '添加号码或地址' });
  await form.getByLabel('电话号码').fill('+1 808 555 0188');
  await form.screenshot({ path: 'test-results/contact-point-add-zh.png' });
  await form.getByRole('button', { name: '保存' }).click();
  await expect(form).toBeHidden();
  const honolulu = page.getByTestId('customer-zones').locator('li[data-zone="Pacific/Honolulu"]');
  await expect(honolulu).toContainText('+1 808 555 0188 (根据号码)');
  await honolulu.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/contact-point-zones-zh.png' });
});
