import { PAYMENT_CHANNELS, type CaseFile } from '@crm/contracts';
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
  thirdParties: [
    {
      id: '6f1c1d1e-1b1a-4c1d-9e1f-0000000000cc',
      name: 'Dana Cole',
      relationship: 'sister',
      phone: null,
      source: 'customer',
      doNotContact: false,
      moreContactRequested: false,
      callsMade: 0,
      gate: gateOk,
    },
  ],
  thirdPartyScript: [],
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
    ).toEqual(['No answer', 'Busy', 'Voicemail', 'Wrong number']);
    expect(screen.queryByLabelText('Amount (USD)')).not.toBeInTheDocument();
    expect(screen.queryByLabelText('Stop flag')).not.toBeInTheDocument();
    await userEvent.click(screen.getByLabelText('The customer'));
    await userEvent.selectOptions(screen.getByLabelText('Outcome', { selector: 'select' }), 'callback_requested');
    expect(screen.getByLabelText("Callback time (customer's time, America/New_York)")).toBeInTheDocument();
    await userEvent.selectOptions(screen.getByLabelText('Outcome', { selector: 'select' }), 'claims_paid');
    // The channel the customer says they paid through is one of the payment channels, not free text.
    expect(
      within(screen.getByLabelText('Paid through'))
        .getAllByRole('option')
        .map((o) => (o as HTMLOptionElement).value),
    ).toEqual([...PAYMENT_CHANNELS]);
  });

  it('for a third party, offers only what may be recorded without telling them about the debt', async () => {
    const calls = stubFetch({
      [`/api/accounts/${caseFile.account.id}/contacts`]: () => ({
        status: 201,
        body: {
          id: '6f1c1d1e-1b1a-4c1d-9e1f-0000000000bc',
          accountId: caseFile.account.id,
          startedAt: '2026-11-22T15:00:00.000Z',
          disposition: 'message_left',
          promiseIds: [],
          planId: null,
          callbackId: null,
          stopFlagId: '6f1c1d1e-1b1a-4c1d-9e1f-0000000000bd',
          overrideUsed: false,
        },
      }),
    });
    const onSaved = vi.fn();
    await renderWithProviders(<OutcomeForm caseFile={caseFile} onSaved={onSaved} />);
    await userEvent.click(screen.getByLabelText('Someone else'));
    const outcome = screen.getByLabelText('Outcome', { selector: 'select' });
    expect(
      within(outcome)
        .getAllByRole('option')
        .map((o) => [(o as HTMLOptionElement).value, o.textContent]),
    ).toEqual([
      ['message_left', 'Took a message: a name and a number to call back (the debt not mentioned)'],
      ['not_available', 'The customer is not available (not in, at work)'],
      ['message_refused', 'Declined to pass a message'],
      ['wrong_number', 'Does not know the customer (wrong number)'],
      ['refused', 'Asked not to be called again'],
    ]);
    // No promise, no callback time (it would count as the customer's consent), no objections...
    expect(screen.queryByLabelText('Amount (USD)')).not.toBeInTheDocument();
    expect(screen.queryByLabelText("Callback time (customer's time, America/New_York)")).not.toBeInTheDocument();
    expect(screen.queryByText('Objections raised')).not.toBeInTheDocument();
    // Which third party is required (before: a third party could be recorded without saying who).
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Choose who you reached.')).toBeInTheDocument();
    expect(calls).toHaveLength(0);
    await userEvent.selectOptions(screen.getByLabelText('Who answered (required)'), 'Dana Cole (sister)');
    // ...but what they say may stop contact (the customer died, a lawyer represents them).
    await userEvent.selectOptions(outcome, 'message_left');
    await userEvent.selectOptions(screen.getByLabelText('Stop flag'), 'deceased');
    await userEvent.type(screen.getByLabelText('Reason for the flag'), 'Sister says he passed away in October');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await vi.waitFor(() => expect(onSaved).toHaveBeenCalledWith(false, expect.any(String)));
    expect(JSON.parse(String(calls[0]!.init!.body))).toEqual({
      channel: 'phone',
      direction: 'outbound',
      partyReached: 'third_party',
      disposition: 'message_left',
      contactPointId: caseFile.contactPoints[0]!.id,
      thirdPartyId: '6f1c1d1e-1b1a-4c1d-9e1f-0000000000cc',
      notes: 'Purpose: Confirming location information',
      flag: { type: 'deceased', reason: 'Sister says he passed away in October' },
    });
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
    await vi.waitFor(() => expect(onSaved).toHaveBeenCalledWith(true, expect.any(String)));
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
            fields: [
              {
                field: 'promise.dueDate',
                code: 'in_the_past',
                params: { today: '2026-11-22' },
                message: 'is in the past (today is 2026-11-22 for the customer)',
              },
            ],
          },
        },
      }),
    });
    await renderWithProviders(<OutcomeForm caseFile={caseFile} onSaved={vi.fn()} />);
    await userEvent.type(screen.getByLabelText('Amount (USD)'), '10');
    await userEvent.type(screen.getByLabelText('Date'), '2020-01-01');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    // Translated from the code and params, the date in the reader's format.
    expect(await screen.findByText('is in the past (today is Nov 22, 2026 for the customer)')).toBeInTheDocument();
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

describe('OutcomeForm drafts and saving (ADR 026)', () => {
  afterEach(() => vi.unstubAllGlobals());
  const saved = {
    id: '6f1c1d1e-1b1a-4c1d-9e1f-0000000000bc',
    accountId: caseFile.account.id,
    startedAt: '2026-11-22T15:00:00.000Z',
    disposition: 'no_answer',
    promiseIds: [],
    planId: null,
    callbackId: null,
    stopFlagId: null,
    overrideUsed: false,
  };

  it('reports what is typed as a draft, and nothing when the form is as fresh', async () => {
    const onDraft = vi.fn();
    await renderWithProviders(
      <OutcomeForm caseFile={caseFile} answered={{ party: 'nobody' }} onSaved={vi.fn()} onDraft={onDraft} />,
    );
    expect(onDraft).toHaveBeenLastCalledWith(null, expect.any(String));
    await userEvent.type(screen.getByLabelText('Notes'), 'Rang twice');
    expect(onDraft).toHaveBeenLastCalledWith(expect.objectContaining({ notes: 'Rang twice' }), expect.any(String));
    await userEvent.clear(screen.getByLabelText('Notes'));
    expect(onDraft).toHaveBeenLastCalledWith(null, expect.any(String));
  });

  it('restores a draft and sends it under the draft’s idempotency key, once for a double click', async () => {
    let release: () => void = () => {};
    const calls = stubFetch({
      [`/api/accounts/${caseFile.account.id}/contacts`]: () => ({ status: 201, body: saved }),
    });
    const fetchMock = globalThis.fetch as ReturnType<typeof vi.fn>;
    const inner = fetchMock.getMockImplementation()!;
    // The server answers only when released: the second click lands while the first is on its way.
    fetchMock.mockImplementation(
      (...args: Parameters<typeof fetch>) =>
        new Promise<Response>((resolve) => {
          release = () => void inner(...args).then(resolve);
        }),
    );
    const onSaved = vi.fn();
    const onDraft = vi.fn();
    await renderWithProviders(
      <OutcomeForm
        caseFile={caseFile}
        answered={{ party: 'nobody' }}
        onSaved={onSaved}
        onDraft={onDraft}
        draft={{
          idempotencyKey: 'draft-key-1',
          values: {
            channel: 'phone',
            contactPointId: '6f1c1d1e-1b1a-4c1d-9e1f-0000000000aa',
            party: 'nobody',
            disposition: 'busy',
            tpChoice: '',
            newTp: { relationship: '', name: '', phone: '' },
            purpose: 'location',
            asksMore: false,
            notes: 'Typed before the reload',
            objections: [],
            planMode: false,
            promise: { amount: '', dueDate: '', channel: 'bank_transfer' },
            plan: [],
            callbackLocal: '',
            claimed: { paidAt: '', amount: '', channel: 'bank_transfer', reference: '' },
            flag: { type: '', reason: '' },
            override: { use: false, reasonCode: 'other', note: '' },
          },
        }}
      />,
    );
    expect(screen.getByLabelText('Notes')).toHaveValue('Typed before the reload');
    expect(screen.getByLabelText('Outcome', { selector: 'select' })).toHaveValue('busy');
    const save = screen.getByRole('button', { name: 'Save' });
    await userEvent.dblClick(save);
    expect(await screen.findByRole('button', { name: 'Saving…' })).toBeDisabled();
    release();
    await vi.waitFor(() => expect(onSaved).toHaveBeenCalledWith(false, 'Busy'));
    expect(calls).toHaveLength(1);
    expect(new Headers(calls[0]!.init!.headers).get('idempotency-key')).toBe('draft-key-1');
    expect(onDraft).toHaveBeenLastCalledWith(null, 'draft-key-1'); // saved: the draft is done with
  });

  it('offers each channel and direction only the outcomes the domain rule allows (ADR 036)', async () => {
    const calls = stubFetch({
      [`/api/accounts/${caseFile.account.id}/contacts`]: () => ({
        status: 201,
        body: {
          id: '6f1c1d1e-1b1a-4c1d-9e1f-0000000000be',
          accountId: caseFile.account.id,
          startedAt: '2026-11-22T15:00:00.000Z',
          disposition: 'message_sent',
          promiseIds: [],
          planId: null,
          callbackId: null,
          stopFlagId: null,
          overrideUsed: false,
        },
      }),
    });
    const onSaved = vi.fn();
    await renderWithProviders(<OutcomeForm caseFile={caseFile} onSaved={onSaved} answered={{ party: 'nobody' }} />);
    const options = (label: string) =>
      within(screen.getByLabelText(label, { selector: 'select' }))
        .getAllByRole('option')
        .map((o) => (o as HTMLOptionElement).value);
    // Nobody reached: every channel outbound, never inbound (someone who contacts us was reached).
    expect(options('Channel')).toEqual(['phone', 'sms', 'email', 'letter', 'visit']);
    expect(options('Direction')).toEqual(['outbound']);
    await userEvent.selectOptions(screen.getByLabelText('Channel', { selector: 'select' }), 'sms');
    expect(options('Outcome')).toEqual(['message_sent']);
    await userEvent.selectOptions(screen.getByLabelText('Channel', { selector: 'select' }), 'visit');
    expect(options('Outcome')).toEqual(['no_answer']);
    await userEvent.selectOptions(screen.getByLabelText('Channel', { selector: 'select' }), 'sms');
    await userEvent.selectOptions(
      screen.getByLabelText('Contact point', { selector: 'select' }),
      caseFile.contactPoints[0]!.id,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await vi.waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(JSON.parse(String(calls[0]!.init!.body))).toMatchObject({
      channel: 'sms',
      direction: 'outbound',
      partyReached: 'nobody',
      disposition: 'message_sent',
    });
  });

  it('an inbound call from the customer: no gate override, the customer outcomes, a written reply without a promise', async () => {
    const calls = stubFetch({
      [`/api/accounts/${caseFile.account.id}/contacts`]: () => ({
        status: 201,
        body: {
          id: '6f1c1d1e-1b1a-4c1d-9e1f-0000000000bf',
          accountId: caseFile.account.id,
          startedAt: '2026-11-22T15:00:00.000Z',
          disposition: 'right_party_contact',
          promiseIds: [],
          planId: null,
          callbackId: null,
          stopFlagId: null,
          overrideUsed: false,
        },
      }),
    });
    const verification = { method: 'name_and_date_of_birth' as const, verifiedAt: '2026-11-22T15:00:00.000Z' };
    const blocked = {
      ...caseFile,
      summary: { gate: { ...caseFile.summary.gate, allowed: false, overridable: true } },
    } as unknown as CaseFile;
    const onSaved = vi.fn();
    await renderWithProviders(
      <OutcomeForm
        caseFile={blocked}
        onSaved={onSaved}
        answered={{ party: 'debtor', verification, direction: 'inbound' }}
      />,
    );
    const options = (label: string) =>
      within(screen.getByLabelText(label, { selector: 'select' }))
        .getAllByRole('option')
        .map((o) => (o as HTMLOptionElement).value);
    expect((screen.getByLabelText('Direction', { selector: 'select' }) as HTMLSelectElement).value).toBe('inbound');
    expect(options('Channel')).toEqual(['phone', 'sms', 'email', 'letter']);
    expect(options('Outcome')).toEqual([
      'promise_to_pay',
      'right_party_contact',
      'callback_requested',
      'claims_paid',
      'refused',
      'dispute',
    ]);
    // The gate does not apply to them calling us: nothing to override.
    expect(screen.queryByLabelText('Override the contact gate')).not.toBeInTheDocument();
    await userEvent.selectOptions(screen.getByLabelText('Channel', { selector: 'select' }), 'email');
    expect(options('Outcome')).toEqual(['right_party_contact', 'claims_paid', 'refused', 'dispute']);
    await userEvent.selectOptions(screen.getByLabelText('Channel', { selector: 'select' }), 'phone');
    await userEvent.selectOptions(screen.getByLabelText('Outcome', { selector: 'select' }), 'right_party_contact');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await vi.waitFor(() => expect(onSaved).toHaveBeenCalled());
    const body = JSON.parse(String(calls[0]!.init!.body));
    expect(body).toMatchObject({ channel: 'phone', direction: 'inbound', partyReached: 'debtor' });
    expect(body.contactPointId).toBeUndefined();
    expect(body.override).toBeUndefined();
  });
});
