import { DEFAULT_COMPLIANCE_PROFILES, policyFloorProblems } from '@crm/domain';
import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders, stubFetch } from '../../../testing/render';
import { PoliciesEditor } from './policies-editor';

describe('PoliciesEditor', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('warns in Chinese when a stored profile is looser than the law, naming each field', async () => {
    const data = { ...DEFAULT_COMPLIANCE_PROFILES.US, callWindow: { start: '06:00', end: '21:00' } };
    stubFetch({
      '/api/policies': () => ({
        body: {
          items: [
            {
              kind: 'compliance_profile',
              key: 'US',
              version: 4,
              data,
              createdAt: null,
              createdBy: null,
              floorProblems: policyFloorProblems(data),
            },
          ],
        },
      }),
    });
    await renderWithProviders(<PoliciesEditor />, { locale: 'zh-CN' });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('此已保存版本宽于法定下限');
    expect(alert).toHaveTextContent('callWindow.start: must be 08:00 or later');
  });
});
