import { mkdirSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { expect, signIn, test } from './fixtures';

// A collector's shift at 1280x720, keyboard only (issue 14): collector1 in English and collector2
// in Chinese take accounts with N and record every outcome kind the domain rule offers for a phone
// call (customer, third party, nobody, an inbound call), skip one and give one back with a reason,
// and the API then holds exactly the attempts recorded, nothing doubled. No mouse: focus moves with
// the keyboard shortcuts the app lists (Alt+4, F6) or to a control (locator.focus(), then a key),
// selects change with arrow keys, saves are Ctrl+Shift+Enter.
const SHOTS = process.env.SHOTS_DIR ?? '/work/shots/i14-shift';
mkdirSync(SHOTS, { recursive: true });

type Step =
  | { kind: 'customer'; disposition: string; plan?: boolean; inbound?: boolean }
  | { kind: 'third_party'; disposition: string }
  | { kind: 'nobody'; disposition: string }
  | { kind: 'skip' }
  | { kind: 'give_back' };

/** Every outcome kind of a phone call (outcome-rules WAYS), an inbound call, a skip and a give-back. */
const SHIFT: Step[] = [
  { kind: 'nobody', disposition: 'no_answer' },
  { kind: 'customer', disposition: 'promise_to_pay' },
  { kind: 'nobody', disposition: 'busy' },
  { kind: 'customer', disposition: 'promise_to_pay', plan: true },
  { kind: 'nobody', disposition: 'voicemail' },
  { kind: 'customer', disposition: 'callback_requested' },
  { kind: 'skip' },
  { kind: 'customer', disposition: 'claims_paid' },
  { kind: 'nobody', disposition: 'wrong_number' },
  { kind: 'customer', disposition: 'refused' },
  { kind: 'third_party', disposition: 'message_left' },
  { kind: 'customer', disposition: 'dispute' },
  { kind: 'third_party', disposition: 'not_available' },
  { kind: 'customer', disposition: 'right_party_contact', inbound: true },
  { kind: 'give_back' },
];

const L = {
  en: {
    nobody: 'Nobody answered',
    thirdParty: 'Someone else (third party)',
    inbound: 'Inbound call: they called us',
    matches: 'What they said matches',
    verified: 'Customer verified',
    outcome: 'Outcome',
    amount: /^Amount \(/,
    instalmentAmount: /^\d+\. Amount \(/,
    date: 'Date',
    callbackAt: /^Callback time/,
    paidOn: 'Paid on',
    amountPaid: /^Amount paid \(/,
    paidThrough: 'Paid through',
    disputed: 'What is disputed',
    instalments: 'Instalments',
    tpWhich: /^Who answered|^Which third party/,
    notes: 'Notes',
    skip: 'Skip',
    giveBack: 'Give back',
    reason: 'Reason',
    skipConfirm: 'Skip and take next',
    giveBackConfirm: 'Give back and take next',
  },
  zh: {
    nobody: '无人接听',
    thirdParty: '其他人（第三方）',
    inbound: '呼入：对方打来',
    matches: '对方所述一致',
    verified: '已核实为客户本人',
    outcome: '结果',
    amount: /^金额（/,
    instalmentAmount: /^\d+\. 金额（/,
    date: '日期',
    callbackAt: /^回电时间/,
    paidOn: '还款日期',
    amountPaid: /^还款金额（/,
    paidThrough: '还款渠道',
    disputed: '争议内容',
    instalments: '分期',
    tpWhich: /^(接听的是谁|哪位第三方)/,
    notes: '备注',
    skip: '跳过',
    giveBack: '归还',
    reason: '原因',
    skipConfirm: '跳过并领取下一个',
    giveBackConfirm: '归还并领取下一个',
  },
};
type Words = (typeof L)['en'];

/** Focus a control and press a key on it (what Tab + the key does, without counting tabs). */
async function press(control: Locator, key: string) {
  await control.focus();
  await control.press(key);
}

/** Choose a select's option with the arrow keys (a closed select changes on ArrowDown/ArrowUp). */
async function choose(select: Locator, value: string) {
  await select.focus();
  const values = await select.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  const to = values.indexOf(value);
  expect(to, `option ${value} offered in ${JSON.stringify(values)}`).toBeGreaterThanOrEqual(0);
  for (let i = 0; i < values.length * 2 && (await select.inputValue()) !== value; i += 1) {
    const at = values.indexOf(await select.inputValue());
    await select.press(at < to ? 'ArrowDown' : 'ArrowUp');
  }
  await expect(select).toHaveValue(value);
}

/** Type into a field (select its content first, so a default is replaced). */
async function typeInto(field: Locator, text: string) {
  await field.focus();
  // Date and date-time inputs take typed segments in the browser's own order: fill types the ISO value.
  if (/date/.test((await field.getAttribute('type')) ?? '')) return field.fill(text);
  await field.press('ControlOrMeta+a');
  await field.pressSequentially(text);
}

const isoDay = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

async function recordStep(page: Page, w: Words, step: Exclude<Step, { kind: 'skip' | 'give_back' }>) {
  const who = page.getByTestId('who-answered');
  if (step.kind === 'nobody') await press(who.getByRole('button', { name: w.nobody }), 'Enter');
  else if (step.kind === 'third_party') await press(who.getByRole('button', { name: w.thirdParty }), 'Enter');
  else {
    if (step.inbound) await press(who.getByRole('radio', { name: w.inbound }), 'Space');
    await press(who.getByLabel(w.matches), 'Space');
    await press(who.getByRole('button', { name: w.verified }), 'Enter');
  }
  await expect(who).toHaveClass(/done/);

  const form = page.locator('form.outcome-form');
  if (step.kind === 'third_party') {
    // Someone at the customer's number who is not the customer: the customer's gate applies.
    await choose(form.getByTestId('third-party-pick').locator('select').first(), 'unknown');
  }
  await choose(form.getByLabel(w.outcome, { exact: true }), step.disposition);
  if (step.kind === 'customer' && step.disposition === 'promise_to_pay' && !step.plan) {
    await typeInto(form.getByLabel(w.amount), '25');
    await typeInto(form.getByLabel(w.date, { exact: true }), isoDay(3));
  }
  if (step.kind === 'customer' && step.plan) {
    await press(form.getByRole('radio', { name: w.instalments }), 'Space');
    const amounts = form.getByLabel(w.instalmentAmount);
    const dates = form.getByLabel(w.date, { exact: true });
    await expect(amounts).toHaveCount(2);
    for (let i = 0; i < 2; i += 1) {
      await typeInto(amounts.nth(i), '20');
      await typeInto(dates.nth(i), isoDay(7 + 14 * i));
    }
  }
  if (step.kind === 'customer' && step.disposition === 'callback_requested') {
    const at = form.getByLabel(w.callbackAt);
    await typeInto(at, `${isoDay(1)}T10:30`);
  }
  if (step.kind === 'customer' && step.disposition === 'claims_paid') {
    await typeInto(form.getByLabel(w.paidOn), isoDay(-1));
    await typeInto(form.getByLabel(w.amountPaid), '15');
  }
  if (step.kind === 'customer' && step.disposition === 'dispute')
    await typeInto(form.getByLabel(w.disputed), 'Says the balance is wrong');
  await typeInto(form.getByLabel(w.notes), `shift ${step.kind} ${step.disposition}`);
}

async function workShift(page: Page, username: string, lang: 'en' | 'zh') {
  const w = L[lang];
  page.on('dialog', (d) => void d.accept());
  await signIn(page, username);
  await expect(page).toHaveURL(/\/work$/);
  const today = new Date().toISOString().slice(0, 10);
  const me = (await (await page.request.get('/api/auth/me')).json()) as { user: { id: string } };
  expect(me.user.id).toMatch(/^[0-9a-f-]{36}$/);
  const attemptsToday = async () => {
    const res = await page.request.get(`/api/contacts?from=${isoDay(-1)}&to=${isoDay(1)}&limit=200`);
    expect(res.ok()).toBe(true);
    const body = (await res.json()) as {
      items: { id: string; startedAt: string; disposition: string; collector: { id: string } | null }[];
    };
    return body.items.filter((i) => i.startedAt.slice(0, 10) >= today && i.collector?.id === me.user.id);
  };
  const before = await attemptsToday();
  const recorded: string[] = [];
  const posts: string[] = [];
  page.on('response', (r) => {
    if (r.request().method() === 'POST' && /\/api\/accounts\/[^/]+\/contacts$/.test(r.url()) && r.status() === 201)
      posts.push(r.url());
  });

  await page.keyboard.press('n');
  for (const [i, step] of SHIFT.entries()) {
    await expect(page).toHaveURL(/\/work\/[0-9a-f-]{36}$/);
    const url = page.url();
    await expect(page.locator('#pane-case')).toBeFocused();
    if (step.kind === 'skip' || step.kind === 'give_back') {
      await press(page.getByRole('button', { name: step.kind === 'skip' ? w.skip : w.giveBack, exact: true }), 'Enter');
      const dialog = page.getByRole('dialog');
      await choose(dialog.getByLabel(w.reason), 'customer_busy_now');
      await page.screenshot({ path: `${SHOTS}/${lang}-${String(i).padStart(2, '0')}-${step.kind}.png` });
      await press(
        dialog.getByRole('button', { name: step.kind === 'skip' ? w.skipConfirm : w.giveBackConfirm }),
        'Enter',
      );
    } else {
      await recordStep(page, w, step);
      await page.screenshot({
        path: `${SHOTS}/${lang}-${String(i).padStart(2, '0')}-${step.kind}-${step.disposition}${'plan' in step && step.plan ? '-plan' : ''}${'inbound' in step && step.inbound ? '-inbound' : ''}.png`,
      });
      await page.keyboard.press('Control+Shift+Enter');
      await expect(page.getByTestId('outcome-saved')).toBeVisible();
      recorded.push(step.disposition);
    }
    // The next case file is shown, with the focus on it.
    await expect(page).not.toHaveURL(url);
    await expect(page.locator('.case-file')).toHaveAttribute('data-account-id', page.url().split('/').pop()!);
  }
  await page.screenshot({ path: `${SHOTS}/${lang}-end.png` });

  // Exactly the attempts recorded, nothing doubled, the same mix of outcomes.
  expect(posts).toHaveLength(recorded.length);
  const after = await attemptsToday();
  const added = after.filter((a) => !before.some((b) => b.id === a.id));
  expect(after.length - before.length).toBe(recorded.length);
  expect(added.map((a) => a.disposition).sort()).toEqual([...recorded].sort());
}

test.describe('a full shift at 1280x720, keyboard only', () => {
  test.use({ viewport: { width: 1280, height: 720 } });
  test.setTimeout(180_000);

  test('collector1 in English', async ({ page }) => {
    await workShift(page, 'collector1', 'en');
  });
  test('collector2 in Chinese', async ({ page }) => {
    await workShift(page, 'collector2', 'zh');
  });
});
