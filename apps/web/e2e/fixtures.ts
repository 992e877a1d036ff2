import { expect, test as base, type Page } from '@playwright/test';

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

export const test = base;
export { expect };
