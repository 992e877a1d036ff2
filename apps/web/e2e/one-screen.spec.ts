import type { Page } from '@playwright/test';
import { expect, signIn, test, verifyCustomer } from './fixtures';

const SHOTS = process.env.SHOTS_DIR ?? 'test-results/i14-layout';

/** The page itself does not scroll: only the panes do (a pixel or two of rounding allowed). */
async function expectNoPageScroll(page: Page) {
  const { scrollHeight, innerHeight } = await page.evaluate(() => ({
    scrollHeight: document.scrollingElement!.scrollHeight,
    innerHeight: window.innerHeight,
  }));
  expect(scrollHeight).toBeLessThanOrEqual(innerHeight + 2);
}

/** A button is wholly inside the 1280x720 viewport. */
async function expectInView(page: Page, name: RegExp | string) {
  const box = await page.getByRole('button', { name, exact: typeof name === 'string' }).boundingBox();
  expect(box).not.toBeNull();
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height).toBeLessThanOrEqual(720);
  expect(box!.x + box!.width).toBeLessThanOrEqual(1280);
}

test('one screen at 1280x720, keyboard first: queue, case, outcome with its save in view; Ctrl+K and Ctrl+Enter', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  page.on('dialog', (d) => void d.accept());
  await signIn(page, 'collector1');
  await expect(page).toHaveURL(/\/work$/);
  await expect(page.getByText(/Keyboard: N next account .* Ctrl\+K commands/)).toBeVisible();

  // No account open yet: the queue is the left column from the top, the hint beside it (it once fell
  // below the hint, to the bottom right, because its named grid area had no template).
  const queuePane = page.locator('.workstation-queue');
  const hint = page.locator('.workstation-empty');
  await expect(hint).toBeVisible();
  const [q, h] = [(await queuePane.boundingBox())!, (await hint.boundingBox())!];
  expect(q.x + q.width).toBeLessThanOrEqual(h.x);
  expect(Math.abs(q.y - h.y)).toBeLessThanOrEqual(2);

  // The queue is one tab stop: Down moves inside it, Enter opens the account.
  const queue = page.getByRole('list', { name: "Today's queue" });
  const items = queue.getByRole('link');
  await items.first().focus();
  await page.keyboard.press('ArrowDown');
  await expect(items.nth(1)).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(items.first()).toBeFocused();
  const firstName = (await items.first().locator('strong').innerText()).trim();
  const otherName = (await items.nth(3).locator('strong').innerText()).trim();
  // Found by its account number below: demo names repeat, and another account of the same name may be closed now.
  const otherId = (await items.nth(3).getAttribute('href'))!.split('/').pop()!;
  const otherExternalId: string = (await (await page.request.get(`/api/accounts/${otherId}/case-file`)).json()).account
    .externalId;
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/work\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('customer-name')).toHaveText(firstName);
  await verifyCustomer(page);

  // Case, script and outcome on one screen; the save buttons in view without scrolling the page.
  await expect(page.locator('[data-pane="case"]')).toBeInViewport();
  await expect(page.locator('[data-pane="script"]')).toBeInViewport();
  await expect(page.getByTestId('script-steps')).toBeVisible();
  await expectInView(page, 'Save');
  await expectInView(page, /Save and next/);
  await expectNoPageScroll(page);
  await page.screenshot({ path: `${SHOTS}/one-screen-1280-en.png` });

  // Few Tab presses from the queue to the outcome form's first field (it was 338 to "Save and next").
  // The queue is one stop, so what remains are the open case's own controls (its numbers, history
  // rows, script steps): 24 to 33 on the demo accounts, depending on which one is first.
  await items.first().focus();
  let presses = 0;
  while (presses < 80) {
    await page.keyboard.press('Tab');
    presses += 1;
    if (await page.evaluate(() => document.activeElement?.closest('form.outcome-form') !== null)) break;
  }
  expect(presses).toBeLessThan(60); // Alt+4 is one press (ADR 031)
  console.log(`Tab presses from the first queue item to the outcome form: ${presses}`);
  // F6 moves pane to pane; Alt+4 goes straight into the outcome form.
  await page.keyboard.press('Alt+1');
  await expect(page.locator('#pane-queue')).toBeFocused();
  await page.keyboard.press('F6');
  await expect(page.locator('#pane-case')).toBeFocused();
  await page.keyboard.press('F6');
  await expect(page.locator('#pane-script')).toBeFocused();
  await page.keyboard.press('Shift+F6');
  await expect(page.locator('#pane-case')).toBeFocused();
  await page.keyboard.press('Alt+4');
  await expect(page.locator('form.outcome-form select').first()).toBeFocused();

  // Ctrl+K finds another account by name and opens it; the focus is on its case file.
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Commands' });
  await expect(palette).toBeVisible();
  await page.keyboard.type(otherExternalId);
  await expect(palette.getByRole('option', { name: new RegExp(otherName) }).first()).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/palette-1280-en.png` });
  // Down past any matching command to the account found.
  const options = await palette.getByRole('option').allInnerTexts();
  const accountAt = options.findIndex((o) => o.includes(otherExternalId));
  for (let i = 0; i < accountAt; i += 1) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(palette).toHaveCount(0);
  await expect(page).toHaveURL(new RegExp(`/work/${otherId}$`));
  await expect(page.getByTestId('customer-name')).toHaveText(otherName);
  await expect(page.locator('#pane-case')).toBeFocused();
  const otherUrl = page.url();

  // Ctrl+Enter from a field saves ("Save": the same account stays open).
  await verifyCustomer(page);
  await page.getByLabel('Outcome', { exact: true }).selectOption('refused');
  await page.getByLabel('Notes').fill(`E2E one screen ${Date.now()}`);
  await expect(page.getByLabel('Notes')).toBeFocused();
  const posted = page.waitForRequest((r) => r.method() === 'POST' && /\/contacts$/.test(r.url()));
  await page.keyboard.press('Control+Enter');
  await posted;
  await expect(page.getByTestId('outcome-saved')).toContainText('Saved');
  await expect(page).toHaveURL(otherUrl);
  await expectNoPageScroll(page);

  // "?" lists every shortcut; Esc closes it.
  await page.locator('#pane-case').focus();
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toContainText('Ctrl+Shift+Enter');
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);

  // N takes the next account and puts the focus on its case file.
  await page.keyboard.press('n');
  await expect(page).not.toHaveURL(otherUrl);
  await expect(page.locator('#pane-case')).toBeFocused();
});

test('Chinese at 1280x720: the panes and the palette speak Chinese, the save stays in view', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  page.on('dialog', (d) => void d.accept());
  await signIn(page, 'collector2');
  await expect(page).toHaveURL(/\/work$/);
  await expect(page.locator('.queue-item').first()).toBeVisible();
  await page.keyboard.press('n');
  await expect(page).toHaveURL(/\/work\/[0-9a-f-]{36}$/);
  await expect(page.locator('#pane-case')).toBeFocused();
  await expect(page.locator('#pane-case')).toContainText('案卷');
  await verifyCustomer(page);
  await expectInView(page, '保存');
  await expectNoPageScroll(page);
  await page.keyboard.press('Control+k');
  await expect(page.getByRole('dialog', { name: '命令' })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/palette-1280-zh.png` });
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: '命令' })).toHaveCount(0);
});
