import { expect, signIn, test } from './fixtures';

test.describe('each role signs in to its own shell', () => {
  test('collector lands on the workstation and sees their accounts, most overdue first', async ({ page }) => {
    await signIn(page, 'collector1');
    await expect(page).toHaveURL(/\/work$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Workstation' })).toBeVisible();
    await page.getByRole('link', { name: 'My accounts' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'My accounts' })).toBeVisible();
    await expect(page.getByTestId('current-user')).toContainText('Alex Chen');
    await expect(page.getByTestId('current-user')).toContainText('Collector');
    const rows = page.locator('table tbody tr');
    await expect(rows.first()).toBeVisible();
    expect(await rows.count()).toBeGreaterThan(10);
    // Most overdue first: the first row's days past due is the largest on the page.
    const dpd = (await page.locator('table tbody tr td:nth-child(5)').allInnerTexts()).map((t) => Number(t.replace(/,/g, '')));
    expect(dpd[0]).toBe(Math.max(...dpd));
    await expect(page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link')).toHaveText(['Workstation', 'My accounts', 'My results', 'My calls']);
    await page.screenshot({ path: 'test-results/collector-home.png' });
  });

  test('supervisor sees the team overview and only supervisor navigation', async ({ page }) => {
    await signIn(page, 'supervisor1');
    await expect(page).toHaveURL(/\/supervise$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Team overview' })).toBeVisible();
    await expect(page.getByTestId('stage-card-m1')).toContainText('accounts');
    await expect(page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link')).toHaveText(['Team overview', 'Results', 'Contact log', 'Team accounts', 'Message log']);
    await page.getByRole('link', { name: 'Team accounts' }).click();
    await expect(page.getByRole('columnheader', { name: 'Collector' })).toBeVisible();
    // Into a case file from the list.
    const first = page.locator('table tbody tr').first().getByRole('link');
    const name = (await first.innerText()).trim();
    await first.click();
    await expect(page.getByRole('heading', { level: 1, name: 'Case file' })).toBeVisible();
    await expect(page.getByTestId('customer-name')).toHaveText(name);
    await page.screenshot({ path: 'test-results/supervisor-home.png' });
  });

  test('admin sees users and teams', async ({ page }) => {
    await signIn(page, 'admin1');
    await expect(page).toHaveURL(/\/admin$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Users & teams' })).toBeVisible();
    for (const name of ['collector1', 'collector2', 'collector3', 'supervisor1', 'admin1']) {
      await expect(page.getByRole('cell', { name, exact: true })).toBeVisible();
    }
    await page.screenshot({ path: 'test-results/admin-home.png' });
  });

  test('a role cannot open another role’s screens', async ({ page }) => {
    await signIn(page, 'collector1');
    await expect(page).toHaveURL(/\/work$/);
    await page.goto('/admin');
    await expect(page).toHaveURL(/\/work$/);
  });
});

test('a wrong password shows the error and stays on the login page', async ({ page }) => {
  await signIn(page, 'collector1', 'not-the-password');
  await expect(page.getByRole('alert')).toHaveText('Username or password is incorrect.');
  await expect(page).toHaveURL(/\/login/);
});

test('signing out returns to the login page and protects the screens', async ({ page }) => {
  await signIn(page, 'collector1');
  await expect(page).toHaveURL(/\/work$/);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto('/work');
  await expect(page).toHaveURL(/\/login\?next=%2Fwork/);
});

test('a session that ends mid-use sends the user back to sign in', async ({ page, context }) => {
  await signIn(page, 'collector1');
  await page.getByRole('link', { name: 'My accounts' }).click();
  await expect(page.locator('table tbody tr').first()).toBeVisible();
  await context.clearCookies();
  await page.getByRole('searchbox', { name: 'Search accounts' }).fill('Smith');
  await expect(page).toHaveURL(/\/login\?.*reason=expired/);
  await expect(page.getByRole('status')).toHaveText('Your session has ended. Please sign in again.');
});

test('the chosen language is saved per user', async ({ page }) => {
  await signIn(page, 'collector3');
  await expect(page.getByRole('heading', { level: 1, name: 'Workstation' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
  await expect(page.getByRole('heading', { level: 1, name: '工作台' })).toBeVisible();
  await page.getByRole('link', { name: '我的账户' }).click();
  await expect(page.getByRole('columnheader', { name: '逾期金额' })).toBeVisible();
  await page.getByRole('button', { name: '退出登录' }).click();
  await signIn(page, 'collector3');
  await expect(page.getByRole('heading', { level: 1, name: '工作台' })).toBeVisible();
  await page.keyboard.press('n');
  await expect(page.getByTestId('customer-name')).toBeVisible();
  await page.screenshot({ path: 'test-results/collector-zh.png', fullPage: true });
  // Put it back for the next run of this spec on the same data.
  await page.getByRole('combobox', { name: '语言' }).selectOption('en');
  await expect(page.getByRole('heading', { level: 1, name: 'Workstation' })).toBeVisible();
});

test('the login form works with the keyboard alone', async ({ page }) => {
  await page.goto('/login');
  await expect(page.getByLabel('Username')).toBeFocused();
  await page.keyboard.type('admin1');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Password')).toBeFocused();
  await page.keyboard.type('demo-password');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/admin$/);
});
