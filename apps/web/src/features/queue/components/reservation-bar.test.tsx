import { act, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders, stubFetch } from '../../../testing/render';
import { ReservationBar, countdown } from './reservation-bar';

const ACCOUNT = '6f1c1d1e-1b1a-4c1d-9e1f-000000000001';
const NOW = Date.parse('2026-11-20T15:00:00.000Z');
const reservation = (expiresInMs: number) => ({
  accountId: ACCOUNT,
  expiresAt: new Date(NOW + expiresInMs).toISOString(),
  now: new Date(NOW).toISOString(),
  leaseSeconds: 900,
});
/** Moves the clock (and the bar's one-second ticks) on. */
const tick = (ms: number) => act(() => vi.advanceTimersByTime(ms));

describe('reservation bar', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it.each([
    [125_000, '02:05'],
    [59_999, '00:59'],
    [0, '00:00'],
    [-5_000, '00:00'],
    [900_000, '15:00'],
  ])('shows %s ms as %s', (ms, text) => expect(countdown(ms)).toBe(text));

  it('counts down each second, warns under two minutes, then says what a save will do', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    vi.setSystemTime(NOW);
    stubFetch({ '/api/queue/reservation': () => ({ body: reservation(125_000) }) });
    await renderWithProviders(<ReservationBar accountId={ACCOUNT} onReleased={() => {}} />);
    expect((await screen.findByRole('timer')).textContent).toBe('02:05');
    await tick(1000);
    expect(screen.getByRole('timer').textContent).toBe('02:04');
    expect(screen.queryByText(/less than 2 minutes/)).toBeNull();
    await tick(5000);
    expect(screen.getByRole('timer').textContent).toBe('01:59');
    expect(screen.getByText(/less than 2 minutes/)).toBeTruthy();
    await tick(120_000);
    expect(screen.queryByRole('timer')).toBeNull();
    expect(screen.getByText(/Your reservation has expired. Saving still records this call/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Reserve again' })).toBeTruthy();
  });

  it('extends on typing once less than half is left, at most once a minute, and says when another collector took it', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    vi.setSystemTime(NOW);
    let extended = 0;
    const calls = stubFetch({
      '/api/queue/reservation': () => ({ body: reservation(10 * 60_000) }),
      '/api/queue/reservation/extend': () =>
        ++extended === 1
          ? {
              body: {
                ...reservation(0),
                expiresAt: new Date(Date.now() + 900_000).toISOString(),
                now: new Date().toISOString(),
              },
            }
          : {
              status: 409,
              body: {
                error: {
                  code: 'reservation_taken',
                  message: 'taken',
                  requestId: 'r',
                  reasons: [
                    { code: 'reservation_taken', message: 'taken', params: { until: '2026-11-20T15:40:00.000Z' } },
                  ],
                },
              },
            },
    });
    await renderWithProviders(
      <>
        <textarea aria-label="notes" />
        <ReservationBar accountId={ACCOUNT} onReleased={() => {}} />
      </>,
    );
    await screen.findByRole('timer');
    const notes = screen.getByLabelText('notes');
    fireEvent.input(notes, { target: { value: 'a' } }); // 10 min of 15 left: not yet
    expect(calls.filter((c) => c.url === '/api/queue/reservation/extend')).toHaveLength(0);
    await tick(3 * 60_000);
    fireEvent.input(notes, { target: { value: 'ab' } }); // 7 min left: extend
    await screen.findByText('15:00');
    fireEvent.input(notes, { target: { value: 'abc' } }); // just extended: not again
    expect(calls.filter((c) => c.url === '/api/queue/reservation/extend')).toHaveLength(1);
    await tick(16 * 60_000); // lapsed: typing tries to take it back, and learns another collector has it
    fireEvent.input(notes, { target: { value: 'abcd' } });
    expect(await screen.findByText(/Another collector has reserved this account until/)).toBeTruthy();
    expect(calls.filter((c) => c.url === '/api/queue/reservation/extend')).toHaveLength(2);
    expect(screen.queryByRole('button', { name: 'Skip' })).toBeNull();
  });

  it('skips with a reason (a note when "Other"), then takes the next account', async () => {
    const calls = stubFetch({
      '/api/queue/reservation': () => ({ body: reservation(10 * 60_000) }),
      '/api/queue/release': () => ({ status: 204, body: null }),
    });
    const onReleased = vi.fn();
    await renderWithProviders(<ReservationBar accountId={ACCOUNT} onReleased={onReleased} />, { locale: 'zh-CN' });
    fireEvent.click(await screen.findByRole('button', { name: '跳过' }));
    const dialog = screen.getByRole('dialog', { name: '暂时跳过此账户' });
    fireEvent.change(screen.getByLabelText('原因'), { target: { value: 'other' } });
    fireEvent.click(screen.getByRole('button', { name: '跳过并领取下一个' }));
    expect(screen.getByText('请说明原因（选择“其他”时必填）')).toBeTruthy();
    expect(calls.some((c) => c.url === '/api/queue/release')).toBe(false);
    fireEvent.change(screen.getByLabelText('备注'), { target: { value: '需要粤语' } });
    fireEvent.click(screen.getByRole('button', { name: '跳过并领取下一个' }));
    await vi.waitFor(() => expect(onReleased).toHaveBeenCalledTimes(1));
    const sent = calls.find((c) => c.url === '/api/queue/release')!;
    expect(JSON.parse(String(sent.init!.body))).toEqual({
      accountId: ACCOUNT,
      kind: 'skip',
      reason: 'other',
      note: '需要粤语',
    });
    expect(dialog.isConnected).toBe(false);
  });

  it('shows nothing when the open account is not the one reserved', async () => {
    stubFetch({ '/api/queue/reservation': () => ({ status: 204, body: null }) });
    const { container } = await renderWithProviders(<ReservationBar accountId={ACCOUNT} onReleased={() => {}} />);
    await act(async () => {});
    expect(container.textContent).toBe('');
  });
});
