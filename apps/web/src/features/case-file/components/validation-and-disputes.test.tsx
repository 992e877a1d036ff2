import type { AccountDisputes, SessionUser } from '@crm/contracts';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderWithProviders, stubFetch } from '../../../testing/render';
import { ValidationAndDisputes } from './validation-and-disputes';

const ACCOUNT = '11111111-1111-4111-8111-111111111111';
const DISPUTE = '22222222-2222-4222-8222-222222222222';

const data: AccountDisputes = {
  noticeApplies: true,
  notices: [
    {
      id: '33333333-3333-4333-8333-333333333333',
      accountId: ACCOUNT,
      status: 'sent',
      lastError: null,
      locales: ['en', 'zh-CN'],
      itemizationDate: '2026-10-31',
      currency: 'USD',
      amountOnItemizationMinor: 249_567,
      interestSinceMinor: 0,
      feesSinceMinor: 0,
      paymentsCreditsSinceMinor: 15_000,
      currentAmountMinor: 234_567,
      queuedAt: '2026-12-01T15:00:00.000Z',
      sentAt: '2026-12-01T15:05:00.000Z',
      validationEndsOn: '2027-01-07',
      daysLeft: 37,
      fileName: 'validation-notice-A1.pdf',
    },
  ],
  disputes: [
    {
      id: DISPUTE,
      accountId: ACCOUNT,
      status: 'open',
      method: 'written',
      amountMinor: null,
      currency: 'USD',
      description: 'The late fee is wrong',
      receivedAt: '2026-12-10T15:00:00.000Z',
      timing: 'within_period',
      holdBasis: 'law',
      collectionPaused: true,
      stopFlagId: null,
      contactAttemptId: null,
      responseDueOn: '2027-01-09',
      verificationSentAt: null,
      verificationSummary: null,
    },
  ],
};

const user = (role: SessionUser['role']) => ({ id: 'u', role }) as SessionUser;

describe('ValidationAndDisputes', () => {
  it('shows the notice, its period and the paused dispute; a collector cannot record verification', async () => {
    await renderWithProviders(
      <ValidationAndDisputes
        accountId={ACCOUNT}
        currency="USD"
        timeZone="America/New_York"
        data={data}
        user={user('collector')}
      />,
    );
    expect(screen.getByTestId('validation-ends')).toHaveTextContent('Jan 7, 2027');
    expect(screen.getByTestId('days-left')).toHaveTextContent('37 days left');
    expect(screen.getByText(/English with a Chinese translation/)).toBeInTheDocument();
    expect(screen.getByTestId('collection-paused')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Download PDF' })).toHaveAttribute(
      'href',
      `/api/accounts/${ACCOUNT}/validation-notices/${data.notices[0]!.id}/pdf`,
    );
    expect(screen.queryByRole('button', { name: 'Record verification sent' })).toBeNull();
  });

  it('lets a supervisor record verification sent, in Chinese', async () => {
    const calls = stubFetch({
      [`/api/accounts/${ACCOUNT}/disputes/${DISPUTE}/verification-sent`]: () => ({
        body: {
          ...data.disputes[0],
          status: 'verification_sent',
          collectionPaused: false,
          verificationSentAt: '2026-12-12T15:00:00.000Z',
        },
      }),
    });
    await renderWithProviders(
      <ValidationAndDisputes
        accountId={ACCOUNT}
        currency="USD"
        timeZone="America/New_York"
        data={data}
        user={user('supervisor')}
      />,
      { locale: 'zh-CN' },
    );
    expect(screen.getByText('催收暂停，直至寄出核实材料')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: '记录已寄送核实材料' }));
    await userEvent.type(screen.getByLabelText('寄送了什么（账单、合同……）'), 'Statements and agreement');
    await userEvent.click(screen.getByRole('button', { name: '已寄送核实材料：解除暂停' }));
    await waitFor(() => expect(calls.some((c) => c.url.endsWith('/verification-sent'))).toBe(true));
    const call = calls.find((c) => c.url.endsWith('/verification-sent'))!;
    expect(JSON.parse(String(call.init?.body))).toEqual({ summary: 'Statements and agreement' });
  });
});
