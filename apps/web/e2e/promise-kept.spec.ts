import { request } from '@playwright/test';
import { DEMO_PASSWORD, expect, signIn, test, verifyCustomer } from './fixtures';

test('a promise recorded in the workstation turns kept when the payment is posted', async ({ page, baseURL }) => {
  await signIn(page, 'collector3');
  await expect(page).toHaveURL(/\/work$/);
  await page.getByRole('combobox', { name: /Language|语言/ }).selectOption('en');
  await page.keyboard.press('n');
  await expect(page).toHaveURL(/\/work\/[0-9a-f-]{36}$/);
  const accountId = page.url().split('/').pop()!;
  await verifyCustomer(page);

  const due = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel('Outcome', { exact: true }).selectOption('promise_to_pay');
  await page.getByLabel(/^Amount \(/).fill('25');
  await page.getByLabel('Date', { exact: true }).fill(due);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const history = page.getByTestId('history');
  await expect(history.locator('li').first()).toContainText('Pending');

  // The payment arrives through the API (as a payment feed would), posted by the admin.
  const api = await request.newContext({ baseURL });
  const login = await api.post('/api/auth/login', { data: { username: 'admin1', password: DEMO_PASSWORD } });
  expect(login.ok()).toBe(true);
  const csrf = (await api.storageState()).cookies.find((c) => c.name === 'crm_csrf')!.value;
  const caseFile = await (await api.get(`/api/accounts/${accountId}/case-file`)).json();
  // Payments go to the earliest open promise first: pay what every open promise still needs.
  const open = caseFile.history.filter(
    (h: { kind: string; status?: string }) => h.kind === 'promise' && h.status === 'pending',
  );
  const ours = open.find((h: { dueDate: string; amountMinor: number }) => h.dueDate === due && h.amountMinor === 2500);
  expect(ours).toBeDefined();
  const amountMinor = open.reduce(
    (n: number, h: { amountMinor: number; paidMinor: number }) => n + h.amountMinor - h.paidMinor,
    0,
  );
  const posted = await api.post('/api/payments', {
    headers: { 'x-csrf-token': csrf },
    data: {
      accountId,
      amountMinor,
      currency: caseFile.account.currency,
      paidAt: new Date().toISOString(),
      channel: 'card',
      reference: `E2E-${accountId}`,
      source: 'e2e',
    },
  });
  expect(posted.status()).toBe(201);
  expect((await posted.json()).changedPromises).toContainEqual(
    expect.objectContaining({ id: ours.id, from: 'pending', to: 'kept' }),
  );
  await api.dispose();

  await page.reload();
  await verifyCustomer(page);
  await expect(
    history
      .locator('.timeline-item')
      .filter({ hasText: /Promise/ })
      .first(),
  ).toContainText('Kept');
  await expect(
    history
      .locator('.timeline-item')
      .filter({ hasText: /Payment/ })
      .first(),
  ).toContainText(`E2E-${accountId}`);
  // The promise shows the payment that kept it.
  await expect(
    history.locator('.timeline-item').filter({ hasText: 'Kept' }).first().locator('.allocations'),
  ).toContainText(`(E2E-${accountId})`);
  await history.screenshot({ path: 'test-results/case-file-allocations.png' });
});
