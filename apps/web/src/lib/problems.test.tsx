import { fieldProblemsOf } from '@crm/contracts';
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ErrorState } from '../components/ui/states';
import { renderWithProviders } from '../testing/render';
import { ApiError } from './api-client';
import { useProblemText, type ProblemLike } from './problems';

const serverError = () =>
  new ApiError(400, 'validation_failed', 'Invalid body: notes must be at most 4000 characters', 'req-1', [
    { field: 'notes', code: 'too_long', params: { max: 4000 }, message: 'must be at most 4000 characters' },
    {
      field: 'promise.dueDate',
      code: 'in_the_past',
      params: { today: '2026-11-20' },
      message: 'is in the past (today is 2026-11-20 for the customer)',
    },
    { field: 'thirdPartyId', code: 'invalid', message: "is not one of this customer's third parties" },
  ]);

function Texts({ problems }: { problems: ProblemLike[] }) {
  const text = useProblemText();
  return (
    <ul>
      {problems.map((p, i) => (
        <li key={i}>{text(p)}</li>
      ))}
    </ul>
  );
}

describe('server field problems in the reader’s language', () => {
  it('a zh-CN user sees each field problem in Chinese, numbers and dates formatted for the locale', async () => {
    await renderWithProviders(<ErrorState error={serverError()} />, { locale: 'zh-CN' });
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('以下字段需要修改');
    expect(alert).toHaveTextContent('最多 4,000 个字符');
    expect(alert).toHaveTextContent('日期已过（客户当地今天是 2026-11-20）');
    expect(alert).not.toHaveTextContent('must be at most');
    expect(alert).not.toHaveTextContent('is in the past');
    // A problem the server named no code for keeps its English message rather than nothing.
    expect(alert).toHaveTextContent("is not one of this customer's third parties");
  });

  it('an English user sees the same problems in English', async () => {
    await renderWithProviders(<ErrorState error={serverError()} />, { locale: 'en' });
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Some fields need attention:');
    expect(alert).toHaveTextContent('must be at most 4,000 characters');
    expect(alert).toHaveTextContent('is in the past (today is Nov 20, 2026 for the customer)');
  });

  it('an unknown code falls back to the message; a form’s own zod check translates the same way', async () => {
    const local = fieldProblemsOf(z.object({ reason: z.string().min(3) }).safeParse({ reason: 'ab' }).error!);
    await renderWithProviders(<Texts problems={[{ code: 'made_up', message: 'as the server said' }, ...local]} />, {
      locale: 'zh-CN',
    });
    expect(screen.getByText('as the server said')).toBeInTheDocument();
    expect(screen.getByText('至少需要 3 个字符')).toBeInTheDocument();
  });
});
