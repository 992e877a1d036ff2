import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders, stubFetch } from '../../../testing/render';
import { PromiseActions } from './promise-actions';

const ACCOUNT = '6f1c1d1e-1b1a-4c1d-9e1f-000000000001';
const PROMISE = '6f1c1d1e-1b1a-4c1d-9e1f-0000000000a1';
const promise = { id: PROMISE, amountMinor: 120000, currency: 'CNY', dueDate: '2026-12-04', channel: 'bank_transfer' };
const amendUrl = `/api/accounts/${ACCOUNT}/promises/${PROMISE}`;
const cancelUrl = `${amendUrl}/cancel`;
const result = { id: PROMISE, status: 'superseded', supersededById: '6f1c1d1e-1b1a-4c1d-9e1f-0000000000b2' };

describe('PromiseActions', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('amends: sends only the changed terms with the reason, then closes', async () => {
    const calls = stubFetch({ [amendUrl]: () => ({ body: result }) });
    await renderWithProviders(<PromiseActions accountId={ACCOUNT} promise={promise} />);
    await userEvent.click(screen.getByRole('button', { name: 'Amend' }));
    const form = screen.getByRole('form', { name: 'Amend this promise' });
    expect(within(form).getByLabelText('Amount (CNY)')).toHaveValue('1200.00');
    // A reason is required; with nothing changed the form says so and sends nothing.
    expect(within(form).getByLabelText('Why (required; kept in the promise history)')).toBeRequired();
    await userEvent.type(within(form).getByLabelText('Why (required; kept in the promise history)'), 'Salary moved');
    await userEvent.click(within(form).getByRole('button', { name: 'Save new terms' }));
    expect(within(form).getByText('Change the amount, the due date or the channel.')).toBeInTheDocument();
    expect(calls).toHaveLength(0);
    await userEvent.clear(within(form).getByLabelText('Due date'));
    await userEvent.type(within(form).getByLabelText('Due date'), '2026-12-11');
    await userEvent.selectOptions(within(form).getByLabelText('Paid through'), 'alipay');
    await userEvent.click(within(form).getByRole('button', { name: 'Save new terms' }));
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]!.init!.method).toBe('PATCH');
    expect(JSON.parse(String(calls[0]!.init!.body))).toEqual({
      dueDate: '2026-12-11',
      channel: 'alipay',
      reason: 'Salary moved',
    });
    await vi.waitFor(() => expect(screen.queryByRole('form')).not.toBeInTheDocument());
  });

  it.each([
    ['en', 'Cancel promise', 'Why (required; kept in the promise history)', 'Cancel the promise', 'no longer pending'],
    ['zh-CN', '取消承诺', '原因（必填，记入承诺历史）', '取消承诺', '已不再待定'],
  ] as const)('cancel answered 409 says so plainly (%s)', async (locale, open, reasonLabel, confirm, said) => {
    const calls = stubFetch({
      [cancelUrl]: () => ({
        status: 409,
        body: { error: { code: 'conflict', message: 'The promise is kept, no longer pending', requestId: 'r1' } },
      }),
    });
    await renderWithProviders(<PromiseActions accountId={ACCOUNT} promise={promise} />, { locale });
    await userEvent.click(screen.getByRole('button', { name: open }));
    const form = screen.getByTestId('promise-change');
    await userEvent.type(within(form).getByLabelText(reasonLabel), 'Customer withdrew it');
    await userEvent.click(within(form).getByRole('button', { name: confirm }));
    await vi.waitFor(() => expect(within(form).getByRole('alert')).toHaveTextContent(said));
    expect(calls[0]!.init!.method).toBe('POST');
    expect(JSON.parse(String(calls[0]!.init!.body))).toEqual({ reason: 'Customer withdrew it' });
  });
});
