import { expect, test as base, type APIRequestContext, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'demo-password';

/** Signs in through the login page, as a person would. */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.goto('/login');
  await page.getByLabel(/Username|用户名/).fill(username);
  await page.getByLabel(/Password|密码/).fill(password);
  await page.getByLabel(/Password|密码/).press('Enter');
}

/** Signs in and opens a screen from the navigation (its link's name), as a person would. */
export async function signInTo(page: Page, username: string, link: string) {
  await signIn(page, username);
  await page.getByRole('link', { name: link }).click();
}

/**
 * The desk's right-party step (compliance.md "Third parties"): the person who answered confirmed
 * their name and the date of birth (or postcode) on file, so the debt and the script are shown.
 */
export async function verifyCustomer(page: Page) {
  const step = page.getByTestId('who-answered');
  await step.getByLabel(/What they said matches|对方所述一致/).check();
  await step.getByRole('button', { name: /Customer verified|已核实为客户本人/ }).click();
  await expect(step).toContainText(/the customer, verified|客户本人，已核实/);
}

/** A second admin who reads Chinese (a compliance officer, say), created through the API by admin1. */
export async function createChineseAdmin(request: APIRequestContext, username: string, displayName: string) {
  const login = await request.post('/api/auth/login', { data: { username: 'admin1', password: DEMO_PASSWORD } });
  expect(login.ok()).toBe(true);
  const csrf = (await request.storageState()).cookies.find((c) => c.name === 'crm_csrf')!.value;
  const created = await request.post('/api/users', {
    headers: { 'x-csrf-token': csrf },
    data: { username, displayName, role: 'admin', locale: 'zh-CN', timeZone: 'Asia/Shanghai', password: DEMO_PASSWORD },
  });
  expect(created.status()).toBe(201);
}

export const test = base;
export { expect };
