import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { accountKeys } from '../../accounts/api/query-keys';

export interface PaletteAction {
  id: string;
  label: string;
  /** The key that does the same without the palette, shown beside it. */
  shortcut?: string;
}

interface Option {
  key: string;
  label: string;
  detail?: string;
  shortcut?: string;
  choose: () => void;
}

/** Accounts are looked up from 2 characters typed, after typing pauses. */
const MIN_QUERY = 2;
const PAUSE_MS = 200;

/**
 * Ctrl+K: a modal dialog with one combobox (WAI-ARIA combobox + listbox). Typing filters the actions
 * and looks accounts up by number, name or phone (GET /api/accounts?q=). Up/Down move, Enter chooses,
 * Esc (or a click outside) closes and gives the focus back to where it was.
 */
export function CommandPalette({
  actions,
  onAction,
  onOpenAccount,
  onClose,
}: {
  actions: PaletteAction[];
  onAction: (id: string) => void;
  onOpenAccount: (accountId: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [active, setActive] = useState(0);

  useEffect(() => {
    returnTo.current = document.activeElement as HTMLElement | null;
    inputRef.current?.focus();
  }, []);
  useEffect(() => {
    const timer = setTimeout(() => setQ(text.trim()), PAUSE_MS);
    return () => clearTimeout(timer);
  }, [text]);

  const searching = q.length >= MIN_QUERY;
  const accounts = useQuery({
    queryKey: accountKeys.search(q),
    // The search parses with the contracts' schemas (zod): loaded on the first search, not with /work (ADR 054).
    queryFn: async ({ signal }) => (await import('../../accounts/api/get-accounts')).getAccounts({ q }, null, signal),
    enabled: searching,
    placeholderData: keepPreviousData,
  });

  const needle = text.trim().toLowerCase();
  const actionOptions: Option[] = actions
    .filter((a) => !needle || a.label.toLowerCase().includes(needle))
    .map((a) => ({ key: `action-${a.id}`, label: a.label, shortcut: a.shortcut, choose: () => onAction(a.id) }));
  const accountOptions: Option[] =
    searching && accounts.data
      ? accounts.data.items.slice(0, 8).map((a) => ({
          key: `account-${a.id}`,
          label: a.debtorName,
          detail: `${a.externalId} · ${a.creditorName}`,
          choose: () => onOpenAccount(a.id),
        }))
      : [];
  const options = [...actionOptions, ...accountOptions];
  const at = Math.min(active, options.length - 1);
  const optionId = (i: number) => `${id}-option-${i}`;

  const cancel = () => {
    onClose();
    returnTo.current?.focus();
  };
  const choose = (option: Option | undefined) => {
    if (!option) return;
    onClose();
    option.choose();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      cancel();
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (options.length === 0) return;
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((Math.max(at, 0) + step + options.length) % options.length);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      e.stopPropagation();
      choose(options[at]);
    } else if (e.key === 'Tab') {
      e.preventDefault(); // the dialog is modal and has one control: the focus stays in it
    }
  };

  const renderOption = (o: Option, i: number) => (
    <li
      key={o.key}
      id={optionId(i)}
      role="option"
      aria-selected={i === at}
      className={i === at ? 'palette-option active' : 'palette-option'}
      onMouseDown={(e) => e.preventDefault()}
      onClick={() => choose(o)}
    >
      <span>
        <span className="strong">{o.label}</span>
        {o.detail && <span className="muted small"> · {o.detail}</span>}
      </span>
      {o.shortcut && <kbd>{o.shortcut}</kbd>}
    </li>
  );

  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && cancel()}>
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        className="dialog palette"
        onKeyDown={onKeyDown}
      >
        <h2 id={`${id}-title`} className="visually-hidden">
          {t('palette.title')}
        </h2>
        <input
          ref={inputRef}
          className="palette-input"
          role="combobox"
          aria-label={t('palette.label')}
          aria-expanded="true"
          aria-controls={`${id}-list`}
          aria-autocomplete="list"
          aria-activedescendant={at >= 0 ? optionId(at) : undefined}
          placeholder={t('palette.placeholder')}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setActive(0);
          }}
        />
        <ul id={`${id}-list`} role="listbox" aria-label={t('palette.title')} className="palette-list">
          {actionOptions.length > 0 && (
            <li role="presentation" className="palette-group muted small">
              {t('palette.actions')}
            </li>
          )}
          {actionOptions.map((o, i) => renderOption(o, i))}
          {accountOptions.length > 0 && (
            <li role="presentation" className="palette-group muted small">
              {t('palette.accounts')}
            </li>
          )}
          {accountOptions.map((o, i) => renderOption(o, actionOptions.length + i))}
        </ul>
        <p className="palette-status muted small" role="status">
          {!searching
            ? actionOptions.length === 0
              ? `${t('palette.noMatch')} ${t('palette.typeMore')}`
              : t('palette.typeMore')
            : accounts.isFetching
              ? t('palette.searching')
              : accountOptions.length === 0
                ? t('palette.noAccounts', { q })
                : ''}
        </p>
        <p className="palette-hint muted small">{t('palette.hint')}</p>
      </div>
    </div>
  );
}
