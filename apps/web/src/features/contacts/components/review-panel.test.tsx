import type { ContactLogItem, SessionUser } from '@crm/contracts';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../../testing/render';
import { ReviewPanel } from './review-panel';

const user = (role: SessionUser['role']): SessionUser => ({
  id: '6f1c1d1e-1b1a-4c1d-9e1f-0000000000aa',
  username: role,
  displayName: role,
  role,
  locale: 'en',
  timeZone: 'UTC',
  teamId: null,
  teamName: null,
});
const item = (review: ContactLogItem['review']): ContactLogItem => ({
  id: '6f1c1d1e-1b1a-4c1d-9e1f-000000000001',
  startedAt: '2026-11-20T15:00:00.000Z',
  collector: null,
  account: { id: '6f1c1d1e-1b1a-4c1d-9e1f-000000000002', externalId: 'A1', currency: 'USD' },
  customerName: 'Jane Doe',
  channel: 'phone',
  direction: 'outbound',
  partyReached: 'debtor',
  disposition: 'right_party_contact',
  stage: 'm1',
  scriptVersion: null,
  notes: null,
  overrideReasonCode: null,
  review,
  promises: [],
});

describe('ReviewPanel', () => {
  it('scores 0 and says the review failed while "No prohibited language" is unticked, whatever else is met', async () => {
    await renderWithProviders(<ReviewPanel item={item(null)} user={user('supervisor')} />);
    for (const label of ['Identified self and creditor', 'Verified the right party', 'Gave the required disclosure'])
      await userEvent.click(screen.getByLabelText(label));
    expect(screen.getByText(/Score 0 \/ 100/)).toBeInTheDocument();
    expect(screen.getByText('Failed: prohibited language')).toBeInTheDocument();
    await userEvent.click(screen.getByLabelText('No prohibited language'));
    expect(screen.getByText(/Score 80 \/ 100/)).toBeInTheDocument();
    expect(screen.queryByText('Failed: prohibited language')).not.toBeInTheDocument();
  });

  it('shows the collector a failed review in Chinese', async () => {
    const checks = {
      identifiedSelfAndCreditor: true,
      verifiedRightParty: true,
      disclosureGiven: true,
      noProhibitedLanguage: false,
      clearSummary: true,
    };
    await renderWithProviders(
      <ReviewPanel
        item={item({
          checks,
          score: 0,
          failed: true,
          comment: null,
          coaching: false,
          reviewerName: 'Sup',
          reviewedAt: '2026-11-21T10:00:00.000Z',
        })}
        user={user('collector')}
      />,
      { locale: 'zh-CN' },
    );
    expect(screen.getByText('得分 0 / 100')).toBeInTheDocument();
    expect(screen.getByText('不合格：使用违规用语')).toBeInTheDocument();
  });
});
