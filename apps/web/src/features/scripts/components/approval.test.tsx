import type { ScriptVersionSummary } from '@crm/contracts';
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../../testing/render';
import { Approval } from './script-library';

const version: ScriptVersionSummary = {
  id: '6f1c1d1e-1b1a-4c1d-9e1f-000000000001',
  version: 3,
  status: 'published',
  createdAt: '2026-11-20T10:00:00.000Z',
  createdBy: 'Ann Author',
  publishedAt: '2026-11-20T15:01:00.000Z',
  justification: 'Training example only: quoted to show collectors what never to say.',
  findings: 1,
  submittedBy: 'Ann Author',
  submittedAt: '2026-11-20T15:00:00.000Z',
  reviewedBy: 'Carl Checker',
  reviewedAt: '2026-11-20T15:01:00.000Z',
  reviewNote: null,
};

describe('a script version history entry', () => {
  it('shows the findings, the justification, who submitted it and who approved it', async () => {
    await renderWithProviders(<Approval version={version} />);
    expect(screen.getByText(/1 compliance finding, justified/)).toHaveTextContent(version.justification!);
    expect(screen.getByText(/Submitted by Ann Author/)).toBeInTheDocument();
    expect(screen.getByText(/Approved by Carl Checker/)).toBeInTheDocument();
  });

  it('shows a rejection with its note, in Chinese', async () => {
    await renderWithProviders(
      <Approval version={{ ...version, status: 'rejected', publishedAt: null, reviewNote: '不得威胁告知单位。' }} />,
      { locale: 'zh-CN' },
    );
    expect(screen.getByText(/1 项合规问题，已说明理由/)).toBeInTheDocument();
    expect(screen.getByText(/Carl Checker 于 .* 驳回/)).toHaveTextContent('不得威胁告知单位。');
  });
});
