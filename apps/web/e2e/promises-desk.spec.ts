import type { Page } from '@playwright/test';
import { expect, signIn, test, verifyCustomer } from './fixtures';

const SHOTS = process.env.SHOTS_DIR ?? 'test-results/i14-promises-web';
const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}.png` });

const LANGS = [
  {
    user: 'collector1',
    lang: 'en',
    outcome: 'Outcome',
    amount: /^Amount \(/,
    date: 'Date',
    save: 'Save',
    readBack: /1,200\.00 on \w+day \d+ \w+ by bank transfer|\d+月\d+日星期.通过银行转账还款.+1,200\.00/,
    pending: 'Pending',
    amend: 'Amend',
    reason: /^Why/,
    confirm: 'Save new terms',
    superseded: 'Superseded',
  },
  {
    user: 'collector2',
    lang: 'zh-CN',
    outcome: '结果',
    amount: /^金额（/,
    date: '日期',
    save: '保存',
    // The script is in the customer's language; the read-back follows it.
    readBack: /1,200\.00 on \w+day \d+ \w+ by bank transfer|\d+月\d+日星期.通过银行转账还款.+1,200\.00/,
    pending: '待到期',
    amend: '修改',
    reason: /^原因/,
    confirm: '保存新条款',
    superseded: '已被取代',
  },
] as const;

for (const l of LANGS) {
  test(`the close reads the promise back, and a pending promise is amended from the case file (${l.lang})`, async ({
    page,
  }) => {
    test.setTimeout(120_000); // a shared, busy machine: leasing and saving can take seconds
    await page.setViewportSize({ width: 1280, height: 720 });
    await signIn(page, l.user);
    await expect(page).toHaveURL(/\/work$/);
    await page.getByRole('button', { name: /Next account|下一个账户/ }).click();
    await expect(page).toHaveURL(/\/work\/[0-9a-f-]{36}$/, { timeout: 30_000 });
    await verifyCustomer(page);

    const due = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel(l.outcome, { exact: true }).selectOption('promise_to_pay');
    await page.getByLabel(l.amount).fill('1200');
    await page.getByLabel(l.date, { exact: true }).fill(due);
    const close = page.getByTestId('promise-read-back');
    await expect(close).toContainText(l.readBack, { timeout: 15_000 });
    await close.scrollIntoViewIfNeeded();
    await shot(page, `close-read-back-${l.lang}`);

    await page.getByRole('button', { name: l.save, exact: true }).click();
    const history = page.getByTestId('history');
    const promise = history.locator('li', { hasText: l.pending }).first();
    await expect(promise).toBeVisible({ timeout: 30_000 });
    await promise.getByRole('button', { name: l.amend, exact: true }).click();
    const form = page.getByTestId('promise-change');
    await form.scrollIntoViewIfNeeded();
    await form.getByLabel(l.reason).fill(l.lang === 'en' ? 'Salary day moved' : '发薪日变更');
    await form
      .getByLabel(l.lang === 'en' ? 'Due date' : '到期日')
      .fill(new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10));
    await shot(page, `amend-dialog-${l.lang}`);
    await form.getByRole('button', { name: l.confirm }).click();
    await expect(form).toBeHidden({ timeout: 30_000 });
    await expect(history).toContainText(l.superseded);
  });
}
