import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders, stubFetch } from '../../../testing/render';
import { ChangePasswordForm } from './change-password-form';

async function fill(current: string, next: string, repeat = next) {
  await userEvent.type(screen.getByLabelText('Current password'), current);
  await userEvent.type(screen.getByLabelText('New password'), next);
  await userEvent.type(screen.getByLabelText('Repeat the new password'), repeat);
  await userEvent.click(screen.getByRole('button', { name: 'Change password' }));
}

describe('ChangePasswordForm', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('sends the current and the new password, then says the other sessions ended', async () => {
    const calls = stubFetch({ '/api/me/password': () => ({ status: 204, body: undefined }) });
    await renderWithProviders(<ChangePasswordForm />);
    await fill('demo-password', 'a much longer passphrase');
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Your password has been changed. Your other sessions were signed out.',
    );
    expect(JSON.parse(String(calls[0]!.init!.body))).toEqual({
      currentPassword: 'demo-password',
      newPassword: 'a much longer passphrase',
    });
    expect(screen.getByLabelText('Current password')).toHaveValue('');
  });

  it('checks the rules and the repeated password before sending', async () => {
    const calls = stubFetch({ '/api/me/password': () => ({ status: 204, body: undefined }) });
    await renderWithProviders(<ChangePasswordForm />);
    await fill('demo-password', 'short', 'shorter');
    expect(screen.getByText('The new password must have 12 to 200 characters.')).toBeVisible();
    expect(screen.getByText('The two new passwords differ.')).toBeVisible();
    expect(screen.getByLabelText('New password')).toHaveAttribute('aria-invalid', 'true');
    expect(calls).toHaveLength(0);
  });

  it('shows a wrong current password at its field, in the user’s words, and the limit when reached', async () => {
    let status = 400;
    stubFetch({
      '/api/me/password': () =>
        status === 400
          ? {
              status,
              body: {
                error: {
                  code: 'validation_failed',
                  message: 'x',
                  requestId: 'r',
                  fields: [{ field: 'currentPassword', code: 'invalid', message: 'is not your current password' }],
                },
              },
            }
          : { status, body: { error: { code: 'rate_limited', message: 'x', requestId: 'r' } } },
    });
    await renderWithProviders(<ChangePasswordForm />);
    await fill('wrong-password', 'a much longer passphrase');
    expect(await screen.findByText('This is not your current password.')).toBeVisible();
    status = 429;
    await userEvent.click(screen.getByRole('button', { name: 'Change password' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Too many attempts. Wait a minute and try again.');
    await waitFor(() => expect(screen.queryByText('This is not your current password.')).toBeNull());
  });
});
