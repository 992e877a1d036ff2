import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders, stubFetch } from '../../../testing/render';
import { CommandPalette } from './command-palette';

const account = (n: number, name: string) => ({
  id: `6f1c1d1e-1b1a-4c1d-9e1f-00000000000${n}`,
  externalId: `ACC-${n}`,
  debtorName: name,
  creditorName: 'Northwind Bank',
  product: 'card',
  currency: 'GBP',
  balanceMinor: 50000,
  overdueMinor: 12000,
  oldestUnpaidDueDate: '2026-10-01',
  daysPastDue: 50,
  stage: 'm2',
  missedInstalments: 2,
  status: 'open',
  complianceProfile: 'UK',
  debtorTimeZone: 'Europe/London',
  debtorLocalTime: '10:00',
  assignedCollector: null,
  activeStopFlags: [],
});

/** A button that opens the palette, as Ctrl+K does on the workstation. */
function Harness({ onAction, onOpenAccount }: { onAction: (id: string) => void; onOpenAccount: (id: string) => void }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        open palette
      </button>
      {open && (
        <CommandPalette
          actions={[
            { id: 'next', label: 'Next account', shortcut: 'N' },
            { id: 'goOutcome', label: 'Go to the outcome form', shortcut: 'Alt+4' },
          ]}
          onAction={onAction}
          onOpenAccount={onOpenAccount}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}

describe('command palette', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('is a modal dialog with a combobox; arrows and Enter run an action; Esc closes and gives the focus back', async () => {
    stubFetch({});
    const onAction = vi.fn();
    await renderWithProviders(<Harness onAction={onAction} onOpenAccount={vi.fn()} />);
    const user = userEvent.setup();
    const opener = screen.getByRole('button', { name: 'open palette' });
    await user.click(opener);
    const dialog = screen.getByRole('dialog', { name: 'Commands' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    const input = screen.getByRole('combobox', { name: /Command, or account number, name or phone/ });
    expect(document.activeElement).toBe(input);
    const options = screen.getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual(['Next accountN', 'Go to the outcome formAlt+4']);
    expect(input.getAttribute('aria-activedescendant')).toBe(options[0]!.id);
    await user.keyboard('{ArrowDown}');
    expect(input.getAttribute('aria-activedescendant')).toBe(options[1]!.id);
    expect(options[1]!.getAttribute('aria-selected')).toBe('true');
    await user.keyboard('{Enter}');
    expect(onAction).toHaveBeenCalledWith('goOutcome');
    expect(screen.queryByRole('dialog')).toBeNull();

    await user.click(opener);
    await user.keyboard('outcome');
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual(['Go to the outcome formAlt+4']);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
    expect(onAction).toHaveBeenCalledTimes(1);
  });

  it('finds an account by name through the accounts search and opens it', async () => {
    const calls = stubFetch({
      '/api/accounts': (url) => ({
        status: 200,
        body: {
          items: url.searchParams.get('q') === 'ada' ? [account(1, 'Ada Lovelace'), account(2, 'Adam Smith')] : [],
          nextCursor: null,
        },
      }),
    });
    const onOpenAccount = vi.fn();
    await renderWithProviders(<Harness onAction={vi.fn()} onOpenAccount={onOpenAccount} />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'open palette' }));
    await user.keyboard('ada');
    const ada = await screen.findByRole('option', { name: /Ada Lovelace/ });
    expect(ada.textContent).toContain('ACC-1');
    expect(calls.some((c) => c.url.includes('/api/accounts?') && c.url.includes('q=ada'))).toBe(true);
    // No action matches "ada": the accounts are the only options, the first one chosen.
    await user.keyboard('{ArrowDown}{Enter}');
    expect(onOpenAccount).toHaveBeenCalledWith(account(2, '').id);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('speaks Chinese to a zh-CN collector', async () => {
    stubFetch({});
    await renderWithProviders(<Harness onAction={vi.fn()} onOpenAccount={vi.fn()} />, { locale: 'zh-CN' });
    await userEvent.setup().click(screen.getByRole('button', { name: 'open palette' }));
    expect(screen.getByRole('dialog', { name: '命令' })).toBeTruthy();
    expect(screen.getByRole('combobox', { name: '命令，或账号、姓名、电话' })).toBeTruthy();
    expect(screen.getByText('输入至少 2 个字符以查找账户。')).toBeTruthy();
  });
});
