import type { CaseFile } from '@crm/contracts';
import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders, stubFetch } from '../../../testing/render';
import { OutcomeForm } from './outcome-form';

const gateOk = { allowed: true, reasons: [], nextAllowedAt: null, viaCallback: false, overridable: false };
const phoneId = '6f1c1d1e-1b1a-4c1d-9e1f-0000000000aa';
const caseFileOf = (profile: 'US' | 'UK', settableStopFlags: string[]) =>
  ({
    account: {
      id: '6f1c1d1e-1b1a-4c1d-9e1f-000000000001',
      currency: 'USD',
      balanceMinor: 100_000,
      complianceProfile: profile,
    },
    customer: { timeZone: 'America/New_York' },
    contactPoints: [{ id: phoneId, kind: 'phone', type: 'mobile', value: '+1 212-555-0101', gate: gateOk }],
    summary: { gate: { ...gateOk, contactPointId: phoneId } },
    thirdParties: [],
    thirdPartyScript: [],
    settableStopFlags,
  }) as unknown as CaseFile;
const usCase = caseFileOf('US', [
  'cease_request',
  'attorney_represented',
  'dispute_hold',
  'bankruptcy',
  'deceased',
  'do_not_contact',
]);
const ukCase = caseFileOf('UK', [
  'dispute_hold',
  'breathing_space',
  'mental_health_crisis',
  'cease_request',
  'deceased',
  'do_not_contact',
]);

/** The problem shown under an input, as a screen reader hears it (aria-describedby). */
const problemOf = (input: HTMLElement) =>
  (input.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id))
    .find((el) => el?.className === 'field-error')?.textContent;

describe('OutcomeForm validation (ADR 038)', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows every problem of an empty promise at once, next to its field, in Chinese, and sends nothing', async () => {
    const calls = stubFetch({});
    await renderWithProviders(<OutcomeForm caseFile={usCase} onSaved={vi.fn()} />, { locale: 'zh-CN' });
    // A note over the limit too: its problem shows with the others, not after them.
    fireEvent.change(screen.getByLabelText('备注'), { target: { value: 'x'.repeat(4001) } });
    await userEvent.click(screen.getByRole('button', { name: '保存' }));
    expect(problemOf(screen.getByLabelText('金额（USD）'))).toBe('必填');
    expect(problemOf(screen.getByLabelText('日期'))).toBe('必填');
    expect(problemOf(screen.getByLabelText('备注'))).toBe('最多 4,000 个字符');
    expect(screen.getByLabelText('金额（USD）')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText('请修正标出的字段。')).toBeInTheDocument();
    expect(calls).toHaveLength(0);
    // Specific to the value: zero is "must be more than zero", not "required".
    await userEvent.type(screen.getByLabelText('金额（USD）'), '0');
    expect(problemOf(screen.getByLabelText('金额（USD）'))).toBe('必须大于零');
    expect(problemOf(screen.getByLabelText('日期'))).toBe('必填');
  });

  it('puts the server’s problems on the inputs they name, and lists the ones no input shows', async () => {
    stubFetch({
      [`/api/accounts/${usCase.account.id}/contacts`]: () => ({
        status: 400,
        body: {
          error: {
            code: 'validation_failed',
            message: 'Invalid body',
            requestId: 'r1',
            fields: [
              {
                field: 'promise.amountMinor',
                code: 'below_minimum',
                params: { min: 2500 },
                message: 'is below the minimum of 2500 (minor units) the policy allows',
              },
              {
                field: 'promise.dueDate',
                code: 'in_the_past',
                params: { today: '2026-11-22' },
                message: 'is in the past (today is 2026-11-22 for the customer)',
              },
              { field: 'scriptVersionId', code: 'not_found', message: 'is not a version of a script for this stage' },
            ],
          },
        },
      }),
    });
    await renderWithProviders(<OutcomeForm caseFile={usCase} onSaved={vi.fn()} />);
    await userEvent.type(screen.getByLabelText('Amount (USD)'), '10');
    await userEvent.type(screen.getByLabelText('Date'), '2020-01-01');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await vi.waitFor(() =>
      expect(problemOf(screen.getByLabelText('Amount (USD)'))).toBe(
        'is below the minimum of 2,500 (minor units) the policy allows',
      ),
    );
    expect(problemOf(screen.getByLabelText('Date'))).toBe('is in the past (today is Nov 22, 2026 for the customer)');
    expect(within(screen.getAllByRole('alert')[0]!).getByText('Script version: does not exist')).toBeInTheDocument();
    // Mending the amount clears its problem; the date's stays until it is mended too.
    await userEvent.clear(screen.getByLabelText('Amount (USD)'));
    await userEvent.type(screen.getByLabelText('Amount (USD)'), '30');
    expect(problemOf(screen.getByLabelText('Amount (USD)'))).toBeUndefined();
    expect(problemOf(screen.getByLabelText('Date'))).toBe('is in the past (today is Nov 22, 2026 for the customer)');
  });

  it('offers only the stop flags the account’s profile accepts', async () => {
    const flags = () =>
      within(screen.getByLabelText('Stop flag'))
        .getAllByRole('option')
        .map((o) => (o as HTMLOptionElement).value);
    const us = await renderWithProviders(<OutcomeForm caseFile={usCase} onSaved={vi.fn()} />);
    await userEvent.selectOptions(screen.getByLabelText('Outcome', { selector: 'select' }), 'right_party_contact');
    expect(flags()).toContain('cease_request');
    expect(flags()).not.toContain('breathing_space');
    us.unmount();
    await renderWithProviders(<OutcomeForm caseFile={ukCase} onSaved={vi.fn()} />);
    await userEvent.selectOptions(screen.getByLabelText('Outcome', { selector: 'select' }), 'right_party_contact');
    expect(flags()).toContain('breathing_space');
    expect(flags()).not.toContain('attorney_represented');
  });

  it('counts the note against its limit before anything is sent, and warns near it', async () => {
    await renderWithProviders(<OutcomeForm caseFile={usCase} onSaved={vi.fn()} />);
    expect(screen.getByText('0 / 4,000 characters')).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('Notes'), 'Rang');
    expect(screen.getByText('4 / 4,000 characters')).not.toHaveClass('warn');
    fireEvent.change(screen.getByLabelText('Notes'), { target: { value: 'x'.repeat(3900) } });
    expect(screen.getByText('3,900 / 4,000 characters')).toHaveClass('warn');
  });
});
