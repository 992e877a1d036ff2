import type { CaseFile } from '@crm/contracts';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders, stubFetch } from '../../../testing/render';
import { OutcomeForm } from './outcome-form';
import { WhoAnswered, type Answered } from './who-answered';

const ACCOUNT = '6f1c1d1e-1b1a-4c1d-9e1f-000000000001';
const PHONE = '6f1c1d1e-1b1a-4c1d-9e1f-0000000000aa';
const gateOk = { allowed: true, reasons: [], nextAllowedAt: null, viaCallback: false, overridable: false };
const caseFile = {
  account: { id: ACCOUNT, currency: 'USD', balanceMinor: 100_000, complianceProfile: 'US' },
  customer: { fullName: 'Taylor Reed', timeZone: 'America/New_York', dateOfBirth: '1984-03-09' },
  contactPoints: [
    { id: PHONE, kind: 'phone', type: 'mobile', value: '+1 212-555-0101', status: 'valid', gate: gateOk },
    { id: 'a1', kind: 'address', type: 'home', value: '1 Main St, Springfield 62701', status: 'valid', gate: gateOk },
  ],
  thirdParties: [],
  summary: { gate: { ...gateOk, contactPointId: PHONE } },
} as unknown as CaseFile;

/** The desk's step and the outcome form together, as the workstation shows them. */
function Desk({ onAnswer }: { onAnswer?: (a: Answered | null) => void }) {
  const [answered, setAnswered] = useState<Answered | null>(null);
  return (
    <>
      <WhoAnswered
        caseFile={caseFile}
        answered={answered}
        onAnswer={(a) => {
          onAnswer?.(a);
          setAnswered(a);
        }}
        now={() => new Date('2026-11-20T15:00:00Z')}
      />
      {answered && <OutcomeForm key={answered.party} caseFile={caseFile} answered={answered} onSaved={vi.fn()} />}
    </>
  );
}

const saved = {
  status: 201,
  body: {
    id: '6f1c1d1e-1b1a-4c1d-9e1f-0000000000bb',
    accountId: ACCOUNT,
    startedAt: '2026-11-20T15:00:00.000Z',
    disposition: 'right_party_contact',
    promiseIds: [],
    planId: null,
    callbackId: null,
    stopFlagId: null,
    overrideUsed: false,
  },
};

describe('WhoAnswered: right-party verification before any debt detail', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('nobody answered: one click, then only the no-answer outcomes', async () => {
    await renderWithProviders(<Desk />);
    expect(screen.queryByText('Record the outcome')).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Nobody answered' }));
    expect(screen.getByTestId('outcome-party')).toHaveTextContent('Nobody');
    expect(screen.queryByLabelText('The customer')).not.toBeInTheDocument();
    expect(
      Array.from(screen.getByLabelText('Outcome', { selector: 'select' }).querySelectorAll('option')).map(
        (o) => o.value,
      ),
    ).toEqual(['no_answer', 'busy', 'voicemail', 'wrong_number']);
  });

  it('the customer is verified only once what they said matches, and the attempt records how and when', async () => {
    const calls = stubFetch({ [`/api/accounts/${ACCOUNT}/contacts`]: () => saved });
    await renderWithProviders(<Desk />);
    const verify = screen.getByRole('button', { name: 'Customer verified' });
    expect(verify).toBeDisabled();
    expect(screen.getByText('Mar 9, 1984', { exact: false })).toBeInTheDocument();
    await userEvent.click(screen.getByLabelText('Full name and postcode of the address'));
    expect(screen.getByText('1 Main St, Springfield 62701')).toBeInTheDocument();
    await userEvent.click(screen.getByLabelText('Full name and date of birth'));
    await userEvent.click(screen.getByLabelText('What they said matches'));
    await userEvent.click(verify);
    expect(screen.getByTestId('who-answered')).toHaveTextContent(
      'the customer, verified (Full name and date of birth)',
    );
    expect(screen.getByTestId('outcome-party')).toHaveTextContent('The customer · verified');
    await userEvent.selectOptions(screen.getByLabelText('Outcome', { selector: 'select' }), 'right_party_contact');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    expect(JSON.parse(String(calls[0]!.init!.body))).toMatchObject({
      partyReached: 'debtor',
      disposition: 'right_party_contact',
      rightPartyVerification: { method: 'name_and_date_of_birth', verifiedAt: '2026-11-20T15:00:00.000Z' },
    });
  });

  it('someone else: the outcome form asks which third party, never offers a promise', async () => {
    await renderWithProviders(<Desk />, { locale: 'zh-CN' });
    await userEvent.click(screen.getByRole('button', { name: '其他人（第三方）' }));
    expect(screen.getByLabelText('接听者（必填）')).toBeInTheDocument();
    expect(screen.queryByLabelText('金额 (USD)', { exact: false })).not.toBeInTheDocument();
  });

  it('an inbound call: nobody answering is not offered, and who called is carried as inbound', async () => {
    const onAnswer = vi.fn();
    await renderWithProviders(<Desk onAnswer={onAnswer} />);
    expect(screen.getByRole('button', { name: 'Nobody answered' })).toBeInTheDocument();
    await userEvent.click(screen.getByLabelText('Inbound call: they called us'));
    expect(screen.queryByRole('button', { name: 'Nobody answered' })).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Someone else (third party)' }));
    expect(onAnswer).toHaveBeenLastCalledWith({ party: 'third_party', direction: 'inbound' });
    expect(screen.getByTestId('who-answered')).toHaveTextContent('Inbound call');
    expect(
      Array.from(screen.getByLabelText('Outcome', { selector: 'select' }).querySelectorAll('option')).map(
        (o) => o.value,
      ),
    ).toEqual(['message_left', 'wrong_number', 'refused']);
  });
});
