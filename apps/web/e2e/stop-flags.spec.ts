import type { Page } from '@playwright/test';
import { expect, signIn, test } from './fixtures';

const SHOTS = process.env.SHOTS_DIR ?? 'test-results';

/** A UK account of the signed-in collector with no stop flag yet (from the API the accounts screen uses). */
async function ukAccountWithoutFlags(page: Page): Promise<string> {
  const res = await page.request.get('/api/accounts?limit=100');
  expect(res.ok()).toBe(true);
  const { items } = (await res.json()) as {
    items: { id: string; complianceProfile: string; activeStopFlags: string[] }[];
  };
  const account = items.find((a) => a.complianceProfile === 'UK' && a.activeStopFlags.length === 0);
  expect(account, 'a UK account in collector1’s book').toBeTruthy();
  return account!.id;
}

test('a collector sets a breathing space and sees its end date; a supervisor clears a flag with a reason and the history shows it', async ({
  page,
  browser,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await signIn(page, 'collector1');
  await expect(page).toHaveURL(/\/work$/);
  const accountId = await ukAccountWithoutFlags(page);
  await page.goto(`/work/${accountId}`);
  const panel = page.getByTestId('stop-flags');
  await expect(panel.getByRole('heading', { name: 'Stop flags' })).toBeVisible();
  await expect(panel.getByText('No stop flag in force.')).toBeVisible();
  // A collector cannot lift flags.
  await expect(panel.getByRole('button', { name: 'Clear' })).toHaveCount(0);

  await panel.getByRole('button', { name: 'Set a stop flag' }).click();
  await panel.getByLabel('Flag').selectOption('breathing_space');
  await panel.getByLabel('Why').fill('E2E: customer entered a breathing space');
  await panel.getByLabel('Evidence').fill('E2E: Insolvency Service notification by e-mail');
  await panel.getByLabel('Reference (optional)').fill('BSM-E2E-1');
  await panel.getByRole('button', { name: 'Set the flag' }).click();

  const active = panel.getByTestId('active-flag');
  await expect(active).toHaveCount(1);
  await expect(active).toContainText('Breathing space');
  await expect(active).toContainText('Set by Alex Chen');
  await expect(active).toContainText(/ends \w{3} \d{1,2}, \d{4}/);
  await expect(active).toContainText('BSM-E2E-1');
  // The gate now says why contact is stopped.
  // (The case file's verdict: the queue lists the account's reasons too, folded away after hours.)
  await expect(page.getByRole('status').getByText('Contact stopped: Breathing space', { exact: true })).toBeVisible();
  await panel.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/stop-flags-collector-en.png` });

  // A supervisor lifts it, with a reason.
  const supervisorContext = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const sup = await supervisorContext.newPage();
  await signIn(sup, 'supervisor1');
  await expect(sup).not.toHaveURL(/\/login/);
  await sup.goto(`/accounts/${accountId}/case-file`);
  const supPanel = sup.getByTestId('stop-flags');
  await supPanel.getByRole('button', { name: 'Clear' }).click();
  // The reason is required.
  await supPanel.getByRole('button', { name: 'Clear the flag' }).click();
  await expect(supPanel.getByTestId('active-flag')).toHaveCount(1);
  await supPanel.getByLabel('Why is it lifted?').fill('E2E: the adviser cancelled the moratorium');
  await supPanel.getByRole('button', { name: 'Clear the flag' }).click();
  await expect(supPanel.getByText('No stop flag in force.')).toBeVisible();
  const history = supPanel.getByTestId('flag-history');
  await expect(history).toContainText('Breathing space');
  await expect(history).toContainText('cleared');
  await expect(history).toContainText('Cleared by Morgan Reyes');
  await expect(history).toContainText('E2E: the adviser cancelled the moratorium');
  await supPanel.scrollIntoViewIfNeeded();
  await sup.screenshot({ path: `${SHOTS}/stop-flags-supervisor-en.png` });
  await supervisorContext.close();
});

test('a collector working in Chinese reads the stop flags panel in Chinese', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await signIn(page, 'collector2');
  await expect(page).toHaveURL(/\/work$/);
  const res = await page.request.get('/api/accounts?limit=100');
  const { items } = (await res.json()) as { items: { id: string; complianceProfile: string }[] };
  const account = items.find((a) => a.complianceProfile === 'UK') ?? items[0]!;
  await page.goto(`/work/${account.id}`);
  const panel = page.getByTestId('stop-flags');
  await expect(panel.getByRole('heading', { name: '停催标记' })).toBeVisible();
  await panel.getByRole('button', { name: '设置停催标记' }).click();
  await panel.getByLabel('标记').selectOption('breathing_space');
  await expect(panel.getByLabel('开始日期（可选）')).toBeVisible();
  await panel.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/stop-flags-form-zh.png` });
});
