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

export const test = base;
export { expect };
