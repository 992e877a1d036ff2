import path from 'node:path';
import type { APIRequestContext } from '@playwright/test';
import { expect, signIn, test, verifyCustomer } from './fixtures';

// Screenshots of the "Validation and disputes" section (1280x720, EN and ZH); SHOTS_DIR to keep them elsewhere.
const SHOTS = process.env.SHOTS_DIR ?? 'test-results';
test.use({ viewport: { width: 1280, height: 720 } });

interface Summary {
  id: string;
  externalId: string;
  complianceProfile: string;
  activeStopFlags: string[];
}

/** The signed-in user's US accounts, by account number. */
async function usAccounts(request: APIRequestContext): Promise<Summary[]> {
  const all: Summary[] = [];
  let cursor: string | null = null;
  do {
    const res = await request.get(`/api/accounts?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    const page = (await res.json()) as { items: Summary[]; nextCursor: string | null };
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all.filter((a) => a.complianceProfile === 'US').sort((a, b) => a.externalId.localeCompare(b.externalId));
}

/** The first of these accounts whose notices and disputes match. */
async function find(
  request: APIRequestContext,
  accounts: Summary[],
  match: (d: { notices: unknown[]; disputes: { status: string }[] }) => boolean,
) {
  for (const a of accounts) {
    const d = await (await request.get(`/api/accounts/${a.id}/disputes`)).json();
    if (match(d)) return a;
  }
  throw new Error('no such demo account');
}

test('a collector sees the sent notice inside its validation period, sends one for another account and downloads it', async ({
  page,
}) => {
  await signIn(page, 'collector1');
  await expect(page).toHaveURL(/\/work$/);
  const accounts = await usAccounts(page.request);
  const sent = await find(page.request, accounts, (d) => d.notices.length > 0);
  await page.goto(`/work/${sent.id}`);
  // The debt (and its notice) shows once the customer is verified (right-party verification first).
  await verifyCustomer(page);
  const section = page.getByTestId('validation-disputes');
  await expect(section).toContainText('Sent');
  await expect(page.getByTestId('days-left')).toContainText(/\d+ days? left/);
  await section.scrollIntoViewIfNeeded();
  await page.getByRole('heading', { name: 'Validation and disputes' }).evaluate((h) => h.scrollIntoView());
  await page.screenshot({ path: path.join(SHOTS, 'validation-notice-en.png') });

  // An account with no notice yet: send one; it is queued for the next letter run, and its PDF downloads.
  const fresh = await find(
    page.request,
    accounts.filter((a) => a.activeStopFlags.length === 0),
    (d) => d.notices.length === 0,
  );
  await page.goto(`/work/${fresh.id}`);
  await verifyCustomer(page);
  await expect(page.getByTestId('no-notice')).toBeVisible();
  await page.getByRole('button', { name: 'Send validation notice' }).click();
  const queued = page.getByTestId('validation-disputes');
  await expect(queued).toContainText(/Queued|Sent/);
  await expect(queued).toContainText(/if it goes out today|Validation period ends/);
  // Sent by the job within a sweep, or still queued: either way the letter is there to download.
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download PDF' }).click();
  expect((await download).suggestedFilename()).toBe(`validation-notice-${fresh.externalId}.pdf`);
});

test('a Chinese-speaking collector sees the open dispute holding collection; a supervisor records verification sent', async ({
  browser,
}) => {
  const zh = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await signIn(zh, 'collector2');
  await expect(zh).toHaveURL(/\/work$/);
  const accounts = await usAccounts(zh.request);
  const disputed = await find(
    zh.request,
    accounts.filter((a) => a.activeStopFlags.includes('dispute_hold')),
    (d) => d.disputes.some((x) => x.status === 'open'),
  );
  await zh.goto(`/work/${disputed.id}`);
  await verifyCustomer(zh);
  await expect(zh.getByTestId('collection-paused')).toHaveText('催收暂停，直至寄出核实材料');
  await expect(zh.getByTestId('validation-disputes')).toContainText('已寄出');
  // A collector cannot record verification.
  await expect(zh.getByRole('button', { name: '记录已寄送核实材料' })).toHaveCount(0);
  await zh.getByRole('heading', { name: '债务核实与异议' }).evaluate((h) => h.scrollIntoView());
  await zh.screenshot({ path: path.join(SHOTS, 'disputes-zh.png') });
  await zh.close();

  const sup = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await signIn(sup, 'supervisor1');
  await expect(sup).toHaveURL(/\/supervise$/);
  await sup.goto(`/accounts/${disputed.id}/case-file`);
  await sup.getByRole('heading', { name: 'Validation and disputes' }).evaluate((h) => h.scrollIntoView());
  await sup.getByRole('button', { name: 'Record verification sent' }).click();
  await sup.getByLabel('What was sent (statements, agreement...)').fill('Copies of the last six statements');
  await sup.screenshot({ path: path.join(SHOTS, 'verification-en.png') });
  await sup.getByRole('button', { name: 'Verification sent: end the hold' }).click();
  const list = sup.getByTestId('dispute-list');
  await expect(list).toContainText('Verification sent');
  await expect(list).toContainText('Collection not paused');
  await expect(sup.getByTestId('collection-paused')).toHaveCount(0);
  await sup.screenshot({ path: path.join(SHOTS, 'verification-sent-en.png') });
  await sup.close();
});
