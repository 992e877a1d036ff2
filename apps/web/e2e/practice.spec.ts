import { mkdirSync } from 'node:fs';
import { expect, signInTo, test } from './fixtures';

// Practice mode (issue 17, ADR 057): a trainee completes a scenario in each language and reads the debrief.
const SHOTS = process.env.SHOTS_DIR ?? 'test-results';
mkdirSync(SHOTS, { recursive: true });

test('collector1 practises the forgetful customer in English and reads the debrief', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await signInTo(page, 'collector1', 'Practice');
  await expect(page.getByRole('heading', { name: 'Practice', level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Start Forgot the due date' })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/practice-scenarios-en.png` });
  await page.getByRole('button', { name: 'Start Forgot the due date' }).click();
  const log = page.getByRole('list', { name: 'Call so far' });
  await expect(log).toContainText('Hello?');
  const say = async (text: string, answer: RegExp) => {
    await page.getByLabel('What you say').fill(text);
    await page.getByRole('button', { name: 'Say' }).click();
    await expect(log).toContainText(answer);
  };
  await say(
    'Hello, my name is Alex and I am calling from Harbor Bank. Am I speaking with Ms Taylor? Could you confirm your date of birth?',
    /this is Emma Taylor/,
  );
  await say(
    'Thank you. This is an attempt to collect a debt, and any information obtained will be used for that purpose. Your payment of $120 is overdue.',
    /completely forgot/,
  );
  await say('Could you pay it today?', /this Friday/);
  await say('Great. Just to confirm: you will pay $120 this Friday by online banking.', /Thank you, goodbye/);
  await expect(page.getByText('The call has ended.')).toBeVisible();

  const outcome = page.getByRole('form', { name: 'Outcome' });
  await outcome.getByLabel('Amount').fill('120');
  await outcome.getByLabel('Due date').fill('2026-12-31');
  await outcome.getByRole('button', { name: 'Record outcome' }).click();
  await expect(outcome.getByText('Outcome recorded.')).toBeVisible();
  await page.getByRole('button', { name: 'Finish and debrief' }).click();
  const debrief = page.getByRole('region', { name: 'Debrief' });
  await expect(debrief).toContainText('Score 100');
  await expect(debrief).toContainText('Passed');
  await expect(
    debrief.getByRole('row', { name: /Verified the right party before any debt detail Met 1/ }),
  ).toBeVisible();
  await expect(debrief).toContainText('That matches.');
  await debrief.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/practice-debrief-en.png`, fullPage: true });
});

test('collector2 practises in Chinese: a prohibited line is flagged, the customer hangs up, the debrief fails it', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await signInTo(page, 'collector2', '练习');
  await expect(page.getByRole('heading', { name: '练习', level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: '开始 忘记还款日' })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/practice-scenarios-zh.png` });
  await page.getByRole('button', { name: '开始 忘记还款日' }).click();
  const log = page.getByRole('list', { name: '通话记录' });
  await expect(log).toContainText('喂，你好？');
  await page.getByLabel('您说的话').fill('您好，我是海港银行的小李。请问您是王芳女士本人吗？');
  await page.getByRole('button', { name: '发送' }).click();
  await expect(log).toContainText('对，我是王芳');
  await page.getByLabel('您说的话').fill('不还钱就通知你的家人和单位。');
  await page.getByRole('button', { name: '发送' }).click();
  await expect(log).toContainText('你这是在威胁我吗');
  await expect(log.getByRole('alert')).toBeVisible();
  await expect(page.getByText('通话已结束。')).toBeVisible();

  const outcome = page.getByRole('form', { name: '通话结果' });
  await outcome.getByLabel('处理结果').selectOption('refused');
  await outcome.getByRole('button', { name: '记录结果' }).click();
  await expect(outcome.getByText('结果已记录。')).toBeVisible();
  await page.getByRole('button', { name: '完成并复盘' }).click();
  const debrief = page.getByRole('region', { name: '复盘' });
  await expect(debrief).toContainText('得分 0');
  await expect(debrief).toContainText('尚未通过');
  await expect(debrief.getByRole('row', { name: /无违规用语 未达成 3/ })).toBeVisible();
  await expect(debrief).toContainText('不一致。');
  await page.screenshot({ path: `${SHOTS}/practice-debrief-zh.png`, fullPage: true });
});
