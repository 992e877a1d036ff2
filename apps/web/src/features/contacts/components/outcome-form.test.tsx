import type { CaseFile } from '@crm/contracts';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders, stubFetch } from '../../../testing/render';
import { OutcomeForm } from './outcome-form';

const gateOk = { allowed: true, reasons: [], nextAllowedAt: null, viaCallback: false, overridable: false };
const caseFile = {
  account: { id: '6f1c1d1e-1b1a-4c1d-9e1f-000000000001', currency: 'USD', balanceMinor: 100_000 },
  customer: { timeZone: 'America/New_York' },
  contactPoints: [
    {
      id: '6f1c1d1e-1b1a-4c1d-9e1f-0000000000aa',
      kind: 'phone',
      type: 'mobile',
      value: '+1 212-555-0101',
      gate: gateOk,
    },
  ],
  summary: { gate: { ...gateOk, contactPointId: '6f1c1d1e-1b1a-4c1d-9e1f-0000000000aa' } },
} as unknown as CaseFile;

describe('OutcomeForm', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('offers only the outcomes that fit who was reached, and the fields each outcome needs', async () => {
    await renderWithProviders(<OutcomeForm caseFile={caseFile} onSaved={vi.fn()} />);
    expect(screen.getByLabelText('Amount (USD)')).toBeInTheDocument();
    await userEvent.click(screen.getByLabelText('Nobody'));
    const outcome = screen.getByLabelText('Outcome', { selector: 'select' });
    expect(
      within(outcome)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['No answer', 'Busy', 'Voicemail']);
    expect(screen.queryByLabelText('Amount (USD)')).not.toBeInTheDocument();
    await userEvent.click(screen.getByLabelText('The customer'));
    await userEvent.selectOptions(screen.getByLabelText('Outcome', { selector: 'select' }), 'callback_requested');
    expect(screen.getByLabelText("Callback time (customer's time, America/New_York)")).toBeInTheDocument();
  });

  it('sends minor units, the customer-local callback as an instant, and an idempotency key', async () => {
    const calls = stubFetch({
      [`/api/accounts/${caseFile.account.id}/contacts`]: () => ({
        status: 201,
        body: {
          id: '6f1c1d1e-1b1a-4c1d-9e1f-0000000000bb',
          accountId: caseFile.account.id,
          startedAt: '2026-11-22T15:00:00.000Z',
          disposition: 'promise_to_pay',
          promiseIds: [],
          planId: null,
          callbackId: null,
          stopFlagId: null,
          overrideUsed: false,
        },
      }),
    });
    const onSaved = vi.fn();
    await renderWithProviders(<OutcomeForm caseFile={caseFile} onSaved={onSaved} />);
    await userEvent.type(screen.getByLabelText('Amount (USD)'), '120.50');
    await userEvent.type(screen.getByLabelText('Date'), '2026-11-27');
    await userEvent.type(
      screen.getByLabelText("Callback time (customer's time, America/New_York)"),
      '2026-11-23T14:30',
    );
    await userEvent.click(screen.getByRole('button', { name: /Save and next/ }));
    await vi.waitFor(() => expect(onSaved).toHaveBeenCalledWith(true));
    const body = JSON.parse(String(calls[0]!.init!.body));
    expect(body).toMatchObject({
      disposition: 'promise_to_pay',
      partyReached: 'debtor',
      promise: { amountMinor: 12050, dueDate: '2026-11-27' },
      callbackAt: '2026-11-23T19:30:00.000Z',
    });
    expect((calls[0]!.init!.headers as Record<string, string>)['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('shows the server’s message next to the field it names', async () => {
    stubFetch({
      [`/api/accounts/${caseFile.account.id}/contacts`]: () => ({
        status: 400,
        body: {
          error: {
            code: 'validation_failed',
            message: 'Invalid body',
            requestId: 'r1',
            fields: [{ field: 'promise.dueDate', message: 'is in the past (today is 2026-11-22 for the customer)' }],
          },
        },
      }),
    });
    await renderWithProviders(<OutcomeForm caseFile={caseFile} onSaved={vi.fn()} />);
    await userEvent.type(screen.getByLabelText('Amount (USD)'), '10');
    await userEvent.type(screen.getByLabelText('Date'), '2020-01-01');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('is in the past (today is 2026-11-22 for the customer)')).toBeInTheDocument();
    expect(screen.getByText('Please correct the highlighted fields.')).toBeInTheDocument();
  });

  it('refuses an amount that is not money before sending anything', async () => {
    const calls = stubFetch({});
    await renderWithProviders(<OutcomeForm caseFile={caseFile} onSaved={vi.fn()} />);
    await userEvent.type(screen.getByLabelText('Amount (USD)'), '12.345');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByText('Enter an amount like 120.50')).toBeInTheDocument();
    expect(calls).toHaveLength(0);
  });
});
