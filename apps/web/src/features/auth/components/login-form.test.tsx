import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders, stubFetch } from '../../../testing/render';
import { LoginForm } from './login-form';

const user = {
  id: '6f1c1d1e-1b1a-4c1d-9e1f-111111111111',
  username: 'collector1',
  displayName: 'Alex Chen',
  role: 'collector',
  locale: 'zh-CN',
  timeZone: 'Asia/Shanghai',
  teamId: null,
  teamName: null,
};

describe('LoginForm', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows the server’s refusal without saying which half was wrong', async () => {
    stubFetch({
      '/api/auth/login': () => ({
        status: 401,
        body: { error: { code: 'unauthenticated', message: 'x', requestId: 'r' } },
      }),
    });
    const onSuccess = vi.fn();
    await renderWithProviders(<LoginForm onSuccess={onSuccess} />);
    await userEvent.type(screen.getByLabelText('Username'), 'collector1');
    await userEvent.type(screen.getByLabelText('Password'), 'wrong');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Username or password is incorrect.');
    expect(onSuccess).not.toHaveBeenCalled();
  });

  it('signs in, switches to the user’s saved language and hands the user on', async () => {
    const calls = stubFetch({ '/api/auth/login': () => ({ body: { user } }) });
    const onSuccess = vi.fn();
    await renderWithProviders(<LoginForm onSuccess={onSuccess} />);
    await userEvent.type(screen.getByLabelText('Username'), 'collector1');
    await userEvent.type(screen.getByLabelText('Password'), 'demo-password{Enter}');
    await waitFor(() => expect(onSuccess).toHaveBeenCalledWith(user));
    expect(JSON.parse(String(calls[0]!.init!.body))).toEqual({ username: 'collector1', password: 'demo-password' });
    expect(document.documentElement.lang).toBe('zh-CN');
  });

  it('keeps the submit button disabled until both fields are filled', async () => {
    await renderWithProviders(<LoginForm onSuccess={vi.fn()} />);
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeDisabled();
    await userEvent.type(screen.getByLabelText('Username'), 'a');
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeDisabled();
  });
});
