import type { CaseFile } from '@crm/contracts';
import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders, stubFetch } from '../../../testing/render';
import { ConsentEditor } from './consent-editor';
import { ThirdParties } from './third-parties';

const ACCOUNT = '6f1c1d1e-1b1a-4c1d-9e1f-000000000001';
const MOBILE = '6f1c1d1e-1b1a-4c1d-9e1f-0000000000aa';
const WORK = '6f1c1d1e-1b1a-4c1d-9e1f-0000000000ab';
const TP = '6f1c1d1e-1b1a-4c1d-9e1f-0000000000cc';
const gateOk = { allowed: true, reasons: [], nextAllowedAt: null, viaCallback: false, overridable: false };
const point = {
  kind: 'phone',
  status: 'valid',
  optedOut: false,
  optedOutChannels: [],
  workInconvenient: false,
  gate: gateOk,
};
const caseFile = {
  account: { id: ACCOUNT, complianceProfile: 'US' },
  customer: {
    timeZone: 'America/New_York',
    preferences: { preferredChannel: null, preferredTime: null, inconvenientTimes: [{ start: '12:00', end: '13:00' }] },
  },
  contactPoints: [
    { ...point, id: MOBILE, type: 'mobile', value: '+1 212-555-0101', optedOutChannels: ['sms'] },
    { ...point, id: WORK, type: 'work', value: '+1 212-555-0199' },
  ],
  thirdParties: [
    {
      id: TP,
      name: 'Sam Reed',
      relationship: 'spouse',
      phone: '+1 212-555-0301',
      source: 'application',
      doNotContact: false,
      moreContactRequested: false,
      callsMade: 1,
      gate: {
        allowed: false,
        reasons: [
          {
            code: 'third_party_call_limit',
            message: 'x',
            params: { count: 1, max: 1 },
            until: null,
            overridable: false,
          },
        ],
        nextAllowedAt: null,
        viaCallback: false,
        overridable: false,
      },
    },
  ],
} as unknown as CaseFile;

describe('ConsentEditor', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows each number’s consent plainly and records a work-inconvenient with what the customer said', async () => {
    const calls = stubFetch({
      [`/api/accounts/${ACCOUNT}/consent/contact-points/${WORK}`]: () => ({
        body: { contactPointId: WORK, optedOut: false, optedOutChannels: ['sms'], workInconvenient: true },
      }),
    });
    await renderWithProviders(<ConsentEditor caseFile={caseFile} />);
    const [mobile, work] = screen.getAllByTestId('consent-point');
    expect(within(mobile!).getByText('✕ SMS opted out')).toBeInTheDocument();
    expect(within(work!).getByText('No opt-out')).toBeInTheDocument();
    expect(screen.getByText('12:00–13:00', { exact: false })).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Change consent for +1 212-555-0199 (work)' }));
    const form = screen.getByRole('form', { name: 'Change consent for +1 212-555-0199 (work)' });
    await userEvent.click(within(form).getByLabelText('SMS only'));
    await userEvent.click(within(form).getByLabelText('The customer said calls at work are inconvenient'));
    // A note of what the customer said is required.
    await userEvent.click(within(form).getByRole('button', { name: 'Save' }));
    expect(within(form).getByText('Write what the customer said (3 or more characters).')).toBeInTheDocument();
    expect(calls).toHaveLength(0);
    await userEvent.type(within(form).getByLabelText('What the customer said (required)'), 'No calls at the office');
    await userEvent.click(within(form).getByRole('button', { name: 'Save' }));
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]!.init!.method).toBe('PUT');
    expect(JSON.parse(String(calls[0]!.init!.body))).toEqual({
      optedOut: false,
      optedOutChannels: ['sms'],
      workInconvenient: true,
      note: 'No calls at the office',
    });
  });

  it('checks the note against the schema before sending: too long says its limit (ADR 038)', async () => {
    const calls = stubFetch({});
    await renderWithProviders(<ConsentEditor caseFile={caseFile} />);
    await userEvent.click(screen.getByRole('button', { name: 'Change consent for +1 212-555-0199 (work)' }));
    const form = screen.getByRole('form', { name: 'Change consent for +1 212-555-0199 (work)' });
    const note = within(form).getByLabelText('What the customer said (required)');
    fireEvent.change(note, { target: { value: 'x'.repeat(1001) } });
    await userEvent.click(within(form).getByRole('button', { name: 'Save' }));
    expect(await within(form).findByText('must be at most 1,000 characters')).toBeInTheDocument();
    expect(note).toHaveAttribute('aria-invalid', 'true');
    expect(calls).toHaveLength(0);
  });

  it('records the preferences; both ends of a time or neither', async () => {
    const calls = stubFetch({
      [`/api/accounts/${ACCOUNT}/consent/preferences`]: () => ({
        body: { preferredChannel: 'sms', preferredTime: null, inconvenientTimes: [] },
      }),
    });
    await renderWithProviders(<ConsentEditor caseFile={caseFile} />);
    await userEvent.click(screen.getByRole('button', { name: 'Change preferences' }));
    await userEvent.selectOptions(screen.getByLabelText('Preferred channel'), 'sms');
    await userEvent.type(screen.getByLabelText('Preferred from (America/New_York)'), '18:00');
    await userEvent.type(screen.getByLabelText('What the customer said (required)'), 'Prefers texts after work');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByText('Give both times, or neither.')).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('Preferred until'), '20:00');
    await userEvent.click(screen.getByRole('button', { name: 'Remove' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    expect(JSON.parse(String(calls[0]!.init!.body))).toEqual({
      preferredChannel: 'sms',
      preferredTime: { start: '18:00', end: '20:00' },
      inconvenientTimes: [],
      note: 'Prefers texts after work',
    });
  });
});

describe('ThirdParties', () => {
  afterEach(() => vi.unstubAllGlobals());

  it.each([
    ['en', 'Location call already made (1); at most 1 unless they ask for more', 'Mark do-not-contact'],
    ['zh-CN', '已进行过核实联系（1 次）；除非对方要求，最多 1 次', '标记为勿联系'],
  ] as const)('lists each with the gate’s verdict and marks one do-not-contact (%s)', async (locale, verdict, mark) => {
    const calls = stubFetch({
      [`/api/accounts/${ACCOUNT}/consent/third-parties/${TP}`]: () => ({
        body: { thirdPartyId: TP, doNotContact: true, moreContactRequested: false },
      }),
    });
    await renderWithProviders(<ThirdParties caseFile={caseFile} />, { locale });
    const item = screen.getByTestId('third-party');
    expect(item).toHaveTextContent('Sam Reed');
    expect(item).toHaveTextContent('+1 212-555-0301');
    expect(item).toHaveTextContent(verdict);
    await userEvent.click(within(item).getByRole('button', { name: mark }));
    await userEvent.type(within(item).getByRole('textbox'), 'Asked us never to call again');
    await userEvent.click(within(item).getByRole('button', { name: mark }));
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    expect(JSON.parse(String(calls[0]!.init!.body))).toEqual({
      doNotContact: true,
      moreContactRequested: false,
      note: 'Asked us never to call again',
    });
  });
});
