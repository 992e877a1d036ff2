import { request, type Page } from '@playwright/test';
import { DEMO_PASSWORD, expect, signIn, test, verifyCustomer } from './fixtures';

const SHOTS = process.env.SHOTS_DIR ?? 'test-results/i14-drafts';
const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}.png` });

/** Waits until the typed outcome is written as a draft (the form writes it when typing pauses). */
const draftKept = (page: Page) =>
  expect
    .poll(() => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('crm.outcomeDraft.')).length))
    .toBeGreaterThan(0);

/** How many calls the account's case file lists, read through the API as an admin. */
async function contactCount(baseURL: string, accountId: string) {
  const api = await request.newContext({ baseURL });
  await api.post('/api/auth/login', { data: { username: 'admin1', password: DEMO_PASSWORD } });
  const file = await (await api.get(`/api/accounts/${accountId}/case-file`)).json();
  await api.dispose();
  return (file.history as { kind: string }[]).filter((h) => h.kind === 'contact').length;
}

test('a typed outcome survives a reload, an Esc and an expired session; a double click records once', async ({
  page,
  baseURL,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  let answer: 'accept' | 'dismiss' = 'accept';
  const asked: string[] = [];
  page.on('dialog', (d) => {
    asked.push(d.type());
    void (answer === 'accept' ? d.accept() : d.dismiss());
  });
  await signIn(page, 'collector1');
  await expect(page).toHaveURL(/\/work$/);
  await page.getByRole('button', { name: /Next account/ }).click();
  await expect(page).toHaveURL(/\/work\/[0-9a-f-]{36}$/);
  const accountUrl = page.url();
  const accountId = accountUrl.split('/').pop()!;
  await verifyCustomer(page);
  const note = `E2E draft ${Date.now()}`;
  await page.getByLabel('Outcome', { exact: true }).selectOption('refused');
  await page.getByLabel('Notes').fill(note);
  await draftKept(page);

  // A reload: restored, with who answered.
  await page.reload();
  await expect(page.getByTestId('draft-restored')).toBeVisible();
  await expect(page.getByLabel('Notes')).toHaveValue(note);
  await expect(page.getByLabel('Outcome', { exact: true })).toHaveValue('refused');
  await shot(page, 'draft-restored-en');

  // Esc back to the queue asks; cancel keeps the typed outcome.
  answer = 'dismiss';
  asked.length = 0;
  await page.getByLabel('Notes').focus();
  await page.keyboard.press('Escape'); // leaves the field
  await page.keyboard.press('Escape'); // back to the queue: asked
  await expect.poll(() => asked).toContain('confirm');
  await expect(page).toHaveURL(accountUrl);
  await expect(page.getByLabel('Notes')).toHaveValue(note);
  answer = 'accept';

  // The session expires: sign in again, back on the account, the draft restored.
  await page.context().clearCookies();
  await page.reload();
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel(/Username/).fill('collector1');
  await page.getByLabel(/Password/).fill(DEMO_PASSWORD);
  await page.getByLabel(/Password/).press('Enter');
  await expect(page).toHaveURL(accountUrl);
  await expect(page.getByLabel('Notes')).toHaveValue(note);

  // A double click on Save: one call recorded, "Saved" shown, the draft gone.
  const before = await contactCount(baseURL!, accountId);
  await page.getByRole('button', { name: 'Save', exact: true }).dblclick();
  await expect(page.getByTestId('outcome-saved')).toContainText('Saved');
  await shot(page, 'saved-en');
  await expect(page.getByTestId('history')).toContainText(note);
  expect(await contactCount(baseURL!, accountId)).toBe(before + 1);
  await expect(page.getByTestId('draft-restored')).toHaveCount(0);
  await expect(page.getByLabel('Notes')).toHaveValue('');
});

test('Chinese: the restored draft and the saved notice speak Chinese', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  page.on('dialog', (d) => void d.accept());
  await signIn(page, 'collector2');
  await expect(page).toHaveURL(/\/work$/);
  await page.getByRole('button', { name: /下一个账户|Next account/ }).click();
  await expect(page).toHaveURL(/\/work\/[0-9a-f-]{36}$/);
  await page.getByRole('button', { name: /无人接听|Nobody/ }).click();
  await page.getByLabel(/备注|Notes/).fill('E2E 草稿');
  await draftKept(page);
  await page.reload();
  await expect(page.getByTestId('draft-restored')).toContainText('已恢复草稿');
  await shot(page, 'draft-restored-zh');
  await page.getByTestId('draft-restored').getByRole('button').click();
  await expect(page.getByTestId('draft-restored')).toHaveCount(0);
  await expect(page.getByTestId('who-answered')).toBeVisible();
});
