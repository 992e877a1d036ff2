import { DEMO_PASSWORD, expect, signIn, signInTo, test } from './fixtures';

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
    const dpd = (await page.locator('table tbody tr td:nth-child(5)').allInnerTexts()).map((t) =>
      Number(t.replace(/,/g, '')),
    );
    expect(dpd[0]).toBe(Math.max(...dpd));
    await expect(page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link')).toHaveText([
      'Workstation',
      'My accounts',
      'My results',
      'My calls',
      'Practice',
    ]);
    await page.screenshot({ path: 'test-results/collector-home.png' });
  });

  test('supervisor sees the team overview and only supervisor navigation', async ({ page }) => {
    await signIn(page, 'supervisor1');
    await expect(page).toHaveURL(/\/supervise$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Team overview' })).toBeVisible();
    await expect(page.getByTestId('stage-card-m1')).toContainText('accounts');
    await expect(page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link')).toHaveText([
      'Team overview',
      'Results',
      'Contact log',
      'Team accounts',
      'Message log',
      'Experiments',
    ]);
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
  await signInTo(page, 'collector1', 'My accounts');
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

test('a user changes their own password from the header; their other sessions end, this one stays', async ({
  page,
  browser,
}) => {
  const NEW_PASSWORD = 'a long new passphrase for e2e';
  // The same user signed in somewhere else.
  const elsewhere = await browser.newContext();
  const otherPage = await elsewhere.newPage();
  await signIn(otherPage, 'supervisor1');
  await expect(otherPage).toHaveURL(/\/supervise$/);

  await signIn(page, 'supervisor1');
  await expect(page).toHaveURL(/\/supervise$/);
  await page.getByRole('link', { name: 'Change password' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Change password' })).toBeVisible();
  const form = page.getByRole('form', { name: 'Change password' });
  await form.getByLabel('Current password').fill('not-the-password');
  await form.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
  await form.getByLabel('Repeat the new password').fill(NEW_PASSWORD);
  await form.getByRole('button', { name: 'Change password' }).click();
  await expect(form.getByText('This is not your current password.')).toBeVisible();
  await form.getByLabel('Current password').fill(DEMO_PASSWORD);
  await form.getByRole('button', { name: 'Change password' }).click();
  await expect(form.getByRole('status')).toHaveText(
    'Your password has been changed. Your other sessions were signed out.',
  );
  await page.screenshot({ path: 'test-results/change-password.png' });

  // This session goes on; the other one has ended.
  await page.getByRole('link', { name: 'Team overview' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Team overview' })).toBeVisible();
  await otherPage.goto('/supervise');
  await expect(otherPage).toHaveURL(/\/login/);
  await signIn(otherPage, 'supervisor1');
  await expect(otherPage.getByRole('alert')).toHaveText('Username or password is incorrect.');
  await signIn(otherPage, 'supervisor1', NEW_PASSWORD);
  await expect(otherPage).toHaveURL(/\/supervise$/);
  await elsewhere.close();

  // The same screen in Chinese; it puts the demo password back for the other specs.
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
  await page.getByRole('link', { name: '修改密码' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '修改密码' })).toBeVisible();
  const zh = page.getByRole('form', { name: '修改密码' });
  await zh.getByLabel('当前密码').fill(NEW_PASSWORD);
  await zh.getByLabel('新密码', { exact: true }).fill(DEMO_PASSWORD);
  await zh.getByLabel('再次输入新密码').fill('something else entirely');
  await zh.getByRole('button', { name: '修改密码' }).click();
  await expect(zh.getByText('两次输入的新密码不一致。')).toBeVisible();
  await zh.getByLabel('再次输入新密码').fill(DEMO_PASSWORD);
  await zh.getByRole('button', { name: '修改密码' }).click();
  await expect(zh.getByRole('status')).toHaveText('密码已修改，您的其他会话已退出登录。');
  await page.screenshot({ path: 'test-results/change-password-zh.png' });
  await page.getByRole('combobox', { name: '语言' }).selectOption('en');
  await expect(page.getByRole('heading', { level: 1, name: 'Change password' })).toBeVisible();
});
