import { createChineseAdmin, expect, signInTo, test } from './fixtures';

const SHOTS = process.env.SHOTS_DIR ?? 'test-results';

test('an admin opens the seeded experiment, reads a significant winner (also in Chinese), promotes it, and the library shows it published', async ({
  page,
  browser,
  request,
}) => {
  // A second admin who reads Chinese, created through the API by admin1.
  await createChineseAdmin(request, 'experiments-zh', '王芳 Fang Wang');

  await page.setViewportSize({ width: 1280, height: 720 });
  await signInTo(page, 'admin1', 'Experiments');
  await page.getByRole('button', { name: 'M2 close: written confirmation' }).click();
  const results = page.getByRole('region', { name: 'Results' });
  await expect(results.getByRole('heading', { level: 2 })).toContainText('Stopped');
  const challenger = results.getByRole('row', { name: /Challenger/ });
  await expect(challenger).toContainText(/v2 beats v1 \(p = /);
  // Rates with their 95% intervals.
  await expect(challenger).toContainText(/\d+\/\d+ · [\d.]+% \[[\d.]+%–[\d.]+%\]/);
  await page.screenshot({ path: `${SHOTS}/experiment-results-en.png` });

  // The same verdict in Chinese.
  const zh = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await signInTo(zh, 'experiments-zh', '话术实验');
  await zh.getByRole('button', { name: 'M2 close: written confirmation' }).click();
  const zhResults = zh.getByRole('region', { name: '结果' });
  await expect(zhResults.getByRole('row', { name: /挑战者/ })).toContainText('v2 优于 v1');
  await zh.screenshot({ path: `${SHOTS}/experiment-results-zh.png` });
  await zh.close();

  await challenger.getByRole('button', { name: 'Promote v2' }).click();
  await expect(results.getByRole('heading', { level: 2 })).toContainText('Promoted');
  await expect(challenger).toContainText('Winner');
  await expect(challenger).toContainText('Published');

  await page.getByRole('link', { name: 'Scripts' }).click();
  await page.getByRole('button', { name: 'M2 · 31–60 · en' }).click();
  await expect(page.getByRole('row', { name: /^v2 / })).toContainText('Published');
  await expect(page.getByRole('row', { name: /^v1 / })).toContainText('Archived');

  // A new experiment: the promoted v2 is now the champion, the archived v1 its challenger; started.
  await page.getByRole('link', { name: 'Experiments' }).click();
  await page.getByRole('button', { name: 'New experiment' }).click();
  await page.getByLabel('Name', { exact: true }).fill('M2 close: back to v1?');
  await page.getByLabel('Stage', { exact: true }).selectOption({ label: 'M2 · 31–60' });
  await expect(page.getByLabel('Champion v2 (published): share %')).toHaveValue('50');
  await page.getByLabel(/^v1 · Archived · share %/).fill('50');
  await page.getByRole('button', { name: 'Set up experiment' }).click();
  const fresh = page.getByRole('region', { name: 'Results' });
  await expect(fresh.getByRole('heading', { level: 2 })).toContainText('M2 close: back to v1?');
  await expect(fresh.getByRole('heading', { level: 2 })).toContainText('Draft');
  await fresh.getByRole('button', { name: 'Start' }).click();
  await expect(fresh.getByRole('heading', { level: 2 })).toContainText('Running');
  await expect(fresh.getByRole('row', { name: /Challenger/ })).toContainText('No right-party contacts yet');
});
