import { request, type Page } from '@playwright/test';
import { DEMO_PASSWORD, expect, signIn, test, verifyCustomer } from './fixtures';

const SHOTS = process.env.SHOTS_DIR ?? 'test-results/i13-desk';
const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}.png` });

type ThirdPartyFile = {
  account: { id: string };
  thirdParties: { id: string; name: string; phone: string | null; gate: { allowed: boolean } }[];
};

/**
 * The first of the collector's accounts with a third party who may be called now. The demo data
 * has one at any hour: US and UK third parties inside their windows, and a CN customer whose
 * numbers are all disconnected, so their third party may be asked (prisma/seed/consent-examples.ts).
 */
async function thirdPartyCallableNow(baseURL: string, username: string) {
  const api = await request.newContext({ baseURL });
  expect((await api.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD } })).ok()).toBe(true);
  let cursor: string | null = null;
  try {
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = await (
        await api.get(`/api/accounts?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
      ).json();
      for (const { id } of page.items) {
        const file: ThirdPartyFile = await (await api.get(`/api/accounts/${id}/case-file`)).json();
        const tp = file.thirdParties.find((t) => t.gate.allowed && t.phone);
        if (tp) return { file, tp };
      }
      cursor = page.nextCursor;
    } while (cursor);
  } finally {
    await api.dispose();
  }
  throw new Error(`no third party of ${username} may be called now: the demo data should always have one`);
}

test.describe('the desk at 1280x720', () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  test('the debt is hidden until the customer is verified (EN and ZH)', async ({ page }) => {
    for (const [user, lang] of [
      ['collector1', 'en'],
      ['collector2', 'zh'],
    ] as const) {
      await signIn(page, user);
      await expect(page).toHaveURL(/\/work$/);
      const last = page.locator('a.queue-item:not(.blocked-item)').last();
      await last.click();
      await expect(page).toHaveURL(/\/work\/[0-9a-f-]{36}$/);
      await expect(page.getByTestId('who-answered')).toBeVisible();
      await expect(page.locator('.case-figures')).toHaveCount(0);
      await expect(page.getByTestId('script-steps')).toHaveCount(0);
      await expect(page.getByTestId('history')).toHaveCount(0);
      await shot(page, `desk-before-verification-${lang}`);
      await verifyCustomer(page);
      await expect(page.locator('.case-figures')).toBeVisible();
      await expect(page.getByTestId('script-steps').locator('li.step').first()).toBeVisible();
      await shot(page, `desk-after-verification-${lang}`);
      // Nobody answered: one click, no-answer outcomes only, still no debt.
      await page.getByTestId('who-answered').getByRole('button').click();
      await page.getByRole('button', { name: /Nobody answered|无人接听/ }).click();
      await expect(page.locator('.case-figures')).toHaveCount(0);
      await expect(page.getByLabel(/^(Outcome|结果)$/)).toHaveValue('no_answer');
      await page.context().clearCookies();
    }
  });

  test('opting a number out of SMS shows the badge; out of every channel, the gate refuses it and says why', async ({
    page,
  }) => {
    await signIn(page, 'collector1');
    await page.locator('a.queue-item:not(.blocked-item)').nth(1).click();
    await expect(page).toHaveURL(/\/work\/[0-9a-f-]{36}$/);
    const consent = page.getByTestId('consent-editor');
    const point = consent.getByTestId('consent-point').filter({ hasNotText: 'SMS opted out' }).first();
    const value = (await point.getAttribute('data-value'))!;
    await point.getByRole('button', { name: /Change consent/ }).click();
    const form = consent.locator(`[data-value="${value}"]`);
    await form
      .getByRole('checkbox', { name: /(SMS|E-mail|Letter) only/ })
      .first()
      .check();
    await form.getByLabel('What the customer said (required)').fill('E2E: said STOP to texts, calls are fine');
    await shot(page, 'consent-editor-en');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(form.getByRole('button', { name: 'Save' })).toHaveCount(0);
    const listed = page.locator('.contact-points li').filter({ hasText: value });
    await expect(listed.getByTestId('consent-badge')).toContainText(/opted out/);
    await shot(page, 'consent-badge-en');

    // Opted out of everything: the gate refuses this number, and says why.
    const again = consent.locator(`[data-value="${value}"]`);
    await again.getByRole('button', { name: /Change consent/ }).click();
    await again.getByRole('checkbox', { name: /Opted out of every channel/ }).check();
    await again.getByLabel('What the customer said (required)').fill('E2E: no contact on this number at all');
    await again.getByRole('button', { name: 'Save' }).click();
    await expect(listed.getByTestId('consent-badge')).toContainText('Opted out (all channels)');
    await expect(listed).toContainText('The customer opted out on this address or number');
  });

  test('a third-party contact: which third party, their verdict and script, recorded', async ({ page, baseURL }) => {
    const { file, tp } = await thirdPartyCallableNow(baseURL!, 'collector1');
    await signIn(page, 'collector1');
    await expect(page).toHaveURL(/\/work$/);
    await page.goto(`/work/${file.account.id}`);
    await expect(page.getByTestId('third-parties')).toContainText(tp.name);
    await page.getByRole('button', { name: 'Someone else (third party)' }).click();
    await expect(page.getByTestId('third-party-script')).toBeVisible();
    await expect(page.getByTestId('script-steps')).toHaveCount(0);
    await page.getByLabel('Who answered (required)').selectOption(tp.id);
    await expect(page.getByTestId('third-party-verdict')).toContainText('May contact this person now');
    await expect(page.getByLabel(/^Amount \(/)).toHaveCount(0);
    await page.getByLabel('Outcome', { exact: true }).selectOption('message_left');
    await page.getByLabel('Notes').fill('E2E: asked them to pass on our number');
    await shot(page, 'third-party-outcome-en');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const item = page.getByTestId('third-party').filter({ hasText: tp.name });
    await expect(item).toContainText('1 call made');
  });
});
