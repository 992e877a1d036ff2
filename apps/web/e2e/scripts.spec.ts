import { createChineseAdmin, expect, signIn, signInTo, test } from './fixtures';

test('an admin edits a script, sees a lint warning on an abusive sentence, fixes it, publishes, and the collector gets the new text', async ({
  page,
  browser,
}) => {
  await signInTo(page, 'admin1', 'Scripts');
  await page.getByRole('button', { name: 'M1 · 1–30 · en' }).click();
  await page.getByRole('button', { name: 'New draft from the published version' }).click();
  const editor = page.getByRole('region', { name: /Version 2/ });
  const reason = editor.getByLabel('Reason for the call', { exact: true });
  const original = await reason.inputValue();
  // The documented variables are one click away in the editor.
  await editor.getByText(/^Variables you can use/).click();
  await expect(editor.locator('.variables-help dt').filter({ hasText: '{{overdueAmount}}' })).toBeVisible();

  await reason.fill(`${original} This is your last chance, we will tell your employer.`);
  const findings = editor.locator('.lint-findings');
  await expect(findings).toContainText('False urgency');
  await expect(findings).toContainText('Telling third parties');
  // The offending words are highlighted inside the text box itself.
  await expect(editor.locator('.lint-editor mark').first()).toHaveText('last chance');
  await editor
    .locator('.linted')
    .filter({ has: page.locator('mark') })
    .screenshot({ path: 'test-results/admin-script-lint-inline.png' });
  await page.screenshot({ path: 'test-results/admin-script-lint.png', fullPage: true });

  await reason.fill(`${original} Could we agree on a date that works for you?`);
  await expect(findings).toHaveCount(0);
  await editor.getByRole('button', { name: 'Publish' }).click();
  await expect(editor.getByRole('heading', { name: 'v2 · Published' })).toBeVisible();
  await editor.getByLabel('Preview with account number').fill('A000000001');
  await editor.getByRole('button', { name: 'Preview saved version' }).click();
  await expect(editor.getByRole('list', { name: 'Preview as the collector sees it' })).toContainText(
    'Could we agree on a date that works for you?',
  );
  await expect(editor.getByRole('list', { name: 'Preview as the collector sees it' })).not.toContainText('{{');
  // The earlier version side by side with the published one: the new sentence is marked as added.
  await page.getByRole('row', { name: /v1/ }).getByRole('button', { name: 'Compare with v2' }).click();
  const diff = page.getByRole('region', { name: 'v2 and v1 side by side' });
  await expect(diff.locator('del').first()).toContainText('Could we agree on a date');
  await page.screenshot({ path: 'test-results/admin-script-diff.png' });

  // A collector's suggested script for an English-speaking M1 customer now has the new sentence.
  const collector = await browser.newPage();
  await signIn(collector, 'collector1');
  await expect(collector.getByRole('heading', { level: 1, name: 'Workstation' })).toBeVisible();
  const accounts = (await (await collector.request.get('/api/accounts?limit=200')).json()).items as {
    id: string;
    stage: string;
  }[];
  let found = false;
  for (const a of accounts.filter((x) => x.stage === 'm1')) {
    const script = await (await collector.request.get(`/api/accounts/${a.id}/suggested-script`)).json();
    if (script.locale !== 'en') continue;
    expect(script.steps.find((s: { key: string }) => s.key === 'reason').text).toContain(
      'Could we agree on a date that works for you?',
    );
    found = true;
    break;
  }
  expect(found).toBe(true);
});

test('an admin edits an objection answer with live lint, then compares and restores the earlier version', async ({
  page,
}) => {
  await signInTo(page, 'admin1', 'Scripts');
  const section = page.getByRole('region', { name: 'Objection answers' });
  const row = section.getByRole('row').filter({ hasText: 'Cash-flow trouble' }).filter({ hasText: 'en' }).first();
  const original = (await row.getByRole('cell').nth(2).innerText()).trim();
  await expect(row).toContainText('v1');
  await row.getByRole('button', { name: 'Edit' }).click();
  const form = section.getByRole('form', { name: 'Objection answer' });
  const answer = form.getByLabel('Suggested answer');
  await answer.fill('Borrow the money from a friend.');
  await expect(form.locator('.lint-findings')).toContainText('Borrowing to pay');
  await answer.fill('Could we agree a smaller payment now and the rest on payday?');
  await expect(form.locator('.lint-findings')).toHaveCount(0);
  await form.getByRole('button', { name: 'Save answer' }).click();
  await expect(section).toContainText('Could we agree a smaller payment now and the rest on payday?');
  const edited = section.getByRole('row').filter({ hasText: 'Could we agree a smaller payment now' });
  await expect(edited).toContainText('v2');
  await expect(edited).toContainText('Jordan Blake');

  // History: v2 by the admin in force, v1 (built in) can be compared and restored as v3.
  await edited.getByRole('button', { name: 'History' }).click();
  const history = section.getByRole('region', { name: /Versions of/ });
  await expect(history.getByRole('row')).toHaveCount(3);
  const v1 = history.getByRole('row').filter({ hasText: 'built-in' });
  await v1.getByRole('button', { name: 'Compare with the one in force' }).click();
  const diff = history.getByRole('table', { name: 'v1 and v2 side by side' });
  await expect(diff.locator('ins').first()).toBeVisible();
  await expect(diff.locator('del').first()).toBeVisible();
  await page.screenshot({ path: 'test-results/objection-history.png', fullPage: true });
  await v1.getByRole('button', { name: 'Restore v1' }).click();
  const restored = section
    .getByRole('row')
    .filter({ hasText: original.slice(0, 40) })
    .first();
  await expect(restored).toContainText('v3');
});

test('wording with findings needs a real justification and a second admin, who approves it in Chinese; the history shows who and when', async ({
  page,
  browser,
  request,
}) => {
  // A second admin (a compliance officer who reads Chinese), created through the API by admin1.
  await createChineseAdmin(request, 'compliance1', '张伟 Wei Zhang');

  await page.setViewportSize({ width: 1280, height: 720 });
  await signInTo(page, 'admin1', 'Scripts');
  await page.getByRole('button', { name: 'M3 · 61–90 · en' }).click();
  await page.getByRole('button', { name: 'New draft from the published version' }).click();
  const editor = page.getByRole('region', { name: /Version 2/ });
  const close = editor.getByLabel('Summary and close', { exact: true });
  await close.fill(`${await close.inputValue()} We will tell your employer today.`);
  await expect(editor.locator('.lint-findings')).toContainText('Telling third parties');
  const justification = editor.getByLabel(/^Justification/);
  await justification.fill('ok');
  await editor.getByRole('button', { name: 'Publish' }).click();
  await expect(editor.getByRole('alert')).toContainText('not a placeholder');
  await justification.fill('Training example only: quoted to show new collectors the wording they must never use.');
  await editor.getByRole('button', { name: 'Publish' }).click();
  // It is no longer a draft: read-only, waiting for a second admin.
  await expect(editor.getByRole('heading', { name: 'v2 · Awaiting approval' })).toBeVisible();
  const row = page.getByRole('row', { name: /^v2 / });
  await expect(row).toContainText('Awaiting approval');
  await expect(row).toContainText('Submitted by Jordan Blake');
  // The author cannot approve it.
  const decide = page.locator('.review-actions');
  await decide.getByRole('button', { name: 'Approve and publish' }).click();
  await expect(decide.getByRole('alert')).toContainText('second admin');
  await page.screenshot({ path: 'test-results/script-awaiting-approval-en.png' });

  const officer = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await signInTo(officer, 'compliance1', '话术库');
  await officer.getByRole('button', { name: 'M3 · 61–90天 · en' }).click();
  const pending = officer.getByRole('row', { name: /^v2 / });
  await expect(pending).toContainText('待审批');
  await expect(pending).toContainText('Jordan Blake');
  await officer.screenshot({ path: 'test-results/script-awaiting-approval-zh.png' });
  await officer.locator('.review-actions').getByRole('button', { name: '批准并发布' }).click();
  await expect(pending).toContainText('已发布');
  await expect(pending).toContainText('张伟 Wei Zhang');
  await officer.screenshot({ path: 'test-results/script-approved-zh.png' });

  await page.reload();
  await page.getByRole('button', { name: 'M3 · 61–90 · en' }).click();
  await expect(page.getByRole('row', { name: /^v2 / })).toContainText('Approved by 张伟 Wei Zhang');
  await page.screenshot({ path: 'test-results/script-approved-en.png' });
});
