import type { CaseFile, SuggestedScript } from '@crm/contracts';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders, stubFetch } from '../../../testing/render';
import { ScriptPanel, type ScriptBranch } from '../../scripts/components/script-panel';
import { OutcomeForm } from './outcome-form';

const gateOk = { allowed: true, reasons: [], nextAllowedAt: null, viaCallback: false, overridable: false };
const accountId = '6f1c1d1e-1b1a-4c1d-9e1f-000000000001';
const phoneId = '6f1c1d1e-1b1a-4c1d-9e1f-0000000000aa';
const caseFile = {
  account: { id: accountId, currency: 'USD', balanceMinor: 100_000 },
  customer: { timeZone: 'America/New_York' },
  contactPoints: [{ id: phoneId, kind: 'phone', type: 'mobile', value: '+1 212-555-0101', gate: gateOk }],
  summary: { gate: { ...gateOk, contactPointId: phoneId } },
  thirdParties: [],
  thirdPartyScript: [],
} as unknown as CaseFile;
const script: SuggestedScript = {
  scriptVersionId: '6f1c1d1e-1b1a-4c1d-9e1f-0000000000f1',
  scriptName: 'Early arrears',
  version: 3,
  stage: 'm1',
  locale: 'en',
  steps: [
    {
      key: 'willingness',
      title: 'Willingness',
      text: 'Can you pay?',
      branches: [
        { key: 'willing_able', title: 'Willing and able', text: 'Agree a date.' },
        { key: 'willing_unable', title: 'Willing but unable', text: 'Offer a plan.' },
        { key: 'unwilling', title: 'Unwilling', text: 'Ask why.' },
      ],
    },
  ],
  objections: [],
};
const verification = { method: 'name_and_date_of_birth', verifiedAt: '2026-11-22T14:59:00.000Z' } as const;

/** The desk as the workstation wires it: the script panel's branch buttons feed the outcome form. */
function Desk({ onSaved }: { onSaved: () => void }) {
  const [branch, setBranch] = useState<ScriptBranch | null>(null);
  return (
    <>
      <ScriptPanel accountId={accountId} branch={branch} onBranch={setBranch} />
      <OutcomeForm
        caseFile={caseFile}
        answered={{ party: 'debtor', verification }}
        script={{ versionId: script.scriptVersionId, branch }}
        onSaved={onSaved}
      />
    </>
  );
}

describe('OutcomeForm records the script shown and the branch chosen', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('sends the script version and the willingness branch picked in the script panel', async () => {
    const calls = stubFetch({
      [`/api/accounts/${accountId}/suggested-script`]: () => ({ status: 200, body: script }),
      [`/api/accounts/${accountId}/contacts`]: () => ({
        status: 201,
        body: {
          id: '6f1c1d1e-1b1a-4c1d-9e1f-0000000000bb',
          accountId,
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
    const onSaved = vi.fn();
    await renderWithProviders(<Desk onSaved={onSaved} />);
    await userEvent.click(await screen.findByRole('button', { name: 'Willing but unable' }));
    expect(screen.getByRole('button', { name: 'Willing but unable' })).toHaveAttribute('aria-pressed', 'true');
    await userEvent.selectOptions(screen.getByLabelText('Outcome', { selector: 'select' }), 'right_party_contact');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await vi.waitFor(() => expect(onSaved).toHaveBeenCalled());
    const sent = calls.find((c) => String(c.url).endsWith('/contacts'));
    expect(JSON.parse(String(sent!.init!.body))).toMatchObject({
      partyReached: 'debtor',
      scriptVersionId: script.scriptVersionId,
      scriptBranch: 'willing_unable',
    });
  });

  it('sends the version without a branch when none was chosen', async () => {
    const calls = stubFetch({
      [`/api/accounts/${accountId}/contacts`]: () => ({
        status: 201,
        body: {
          id: '6f1c1d1e-1b1a-4c1d-9e1f-0000000000bc',
          accountId,
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
    await renderWithProviders(
      <OutcomeForm
        caseFile={caseFile}
        answered={{ party: 'debtor', verification }}
        script={{ versionId: script.scriptVersionId, branch: null }}
        onSaved={vi.fn()}
      />,
    );
    await userEvent.selectOptions(screen.getByLabelText('Outcome', { selector: 'select' }), 'right_party_contact');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    const body = JSON.parse(String(calls[0]!.init!.body));
    expect(body.scriptVersionId).toBe(script.scriptVersionId);
    expect(body).not.toHaveProperty('scriptBranch');
  });
});
