import { expect, signInTo, test } from './fixtures';

test('a supervisor opens the results, clicks a collector’s kept rate and lands in the filtered contact log', async ({
  page,
}) => {
  await signInTo(page, 'supervisor1', 'Results');
  await expect(page.getByRole('heading', { level: 1, name: 'Results' })).toBeVisible();
  await page.getByRole('button', { name: 'Last 90 days' }).click();
  const table = page.locator('.kpi-table');
  await expect(table.locator('tbody tr').first()).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Roll and cure rates' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Roll and cure rates' }).locator('tbody tr').first()).toContainText(
    'rolled',
  );
  await page.screenshot({ path: 'test-results/supervisor-results.png', fullPage: true });

  // The first collector's kept rate: its link names the number of kept promises behind it.
  const row = table.locator('tbody tr').first();
  const collector = (await row.locator('th').textContent())!.trim();
  const keptLink = row.getByRole('link', { name: /^Kept rate of / });
  const kept = Number((await keptLink.getAttribute('aria-label'))!.match(/: (\d+),/)![1]);
  await keptLink.click();

  await expect(page).toHaveURL(/\/contacts\?.*collectorId=.*promiseStatus=kept/);
  await expect(page.getByRole('heading', { level: 1, name: 'Contact log' })).toBeVisible();
  await expect(page.getByLabel('Promise outcome')).toHaveValue('kept');
  const rows = page.locator('.contact-log-table tbody tr');
  await expect(rows.first()).toBeVisible();
  const more = page.getByRole('button', { name: 'Load more' });
  while (await more.isVisible()) {
    const shown = await rows.count();
    await more.click();
    await expect.poll(() => rows.count()).toBeGreaterThan(shown);
  }
  // Each kept promise came from one attempt (plans: one attempt, several instalments), by this collector.
  expect(await rows.count()).toBeLessThanOrEqual(kept);
  expect(await rows.count()).toBeGreaterThan(0);
  for (const cell of await rows.locator('td:nth-child(2)').allInnerTexts()) expect(cell.trim()).toBe(collector);
  await rows.first().getByRole('button').click();
  await expect(page.getByRole('complementary', { name: 'Attempt details' })).toContainText('Kept');
  await page.screenshot({ path: 'test-results/supervisor-contact-log.png' });
});

test('a supervisor reviews a call and marks it for coaching; the collector reads the feedback', async ({
  page,
  browser,
}) => {
  await signInTo(page, 'supervisor1', 'Contact log');
  await page.getByLabel('Collector').selectOption({ label: 'Alex Chen' });
  await page.getByLabel('Reached').selectOption('debtor');
  await page.locator('.contact-log-table tbody tr').first().getByRole('button').click();
  const detail = page.getByRole('complementary', { name: 'Attempt details' });
  await detail.getByLabel('Identified self and creditor').check();
  await detail.getByLabel('Verified the right party').check();
  await detail.getByLabel('No prohibited language').check();
  await expect(detail).toContainText('Score 60 / 100');
  await detail.getByLabel('Comment for the collector').fill('Give the disclosure before discussing the amount.');
  await detail.getByLabel('Mark for coaching').check();
  await detail.getByRole('button', { name: 'Save review' }).click();
  await expect(detail.getByRole('status')).toHaveText('Saved.');
  await expect(page.locator('.contact-log-table tbody tr.selected')).toContainText('Coaching · 60');
  await page.screenshot({ path: 'test-results/supervisor-review.png' });

  const collector = await browser.newPage();
  await signInTo(collector, 'collector1', 'My calls');
  await collector.getByLabel('Marked for coaching').selectOption('true');
  await collector.locator('.contact-log-table tbody tr').first().getByRole('button').click();
  const feedback = collector.getByRole('complementary', { name: 'Attempt details' });
  await expect(feedback).toContainText('Give the disclosure before discussing the amount.');
  await expect(feedback).toContainText('Score 60 / 100');
  await expect(collector.getByLabel('Collector')).toHaveCount(0);
});
