import { useEffect, useId, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';

/** Every workstation shortcut (ADR 031): the keys and what they do; "?" shows this list. */
export const WORKSTATION_SHORTCUTS = [
  { keys: 'N', does: 'shortcuts.next' },
  { keys: 'F6 / Shift+F6', does: 'shortcuts.panes' },
  { keys: 'Alt+1 … Alt+4', does: 'shortcuts.jump' },
  { keys: 'Ctrl+Enter', does: 'shortcuts.save' },
  { keys: 'Ctrl+Shift+Enter', does: 'shortcuts.saveNext' },
  { keys: 'Ctrl+K', does: 'shortcuts.palette' },
  { keys: '↑ ↓ Home End', does: 'shortcuts.queue' },
  { keys: '/', does: 'shortcuts.search' },
  { keys: 'Esc', does: 'shortcuts.back' },
  { keys: '?', does: 'shortcuts.help' },
] as const;

/** A modal list of the shortcuts; Esc or Close shuts it and gives the focus back. */
export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const closeRef = useRef<HTMLButtonElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  useEffect(() => {
    returnTo.current = document.activeElement as HTMLElement | null;
    closeRef.current?.focus();
  }, []);
  const close = () => {
    onClose();
    returnTo.current?.focus();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      close();
    } else if (e.key === 'Tab') {
      e.preventDefault(); // one control in a modal dialog: the focus stays on it
    }
  };
  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && close()}>
      <div role="dialog" aria-modal="true" aria-labelledby={`${id}-title`} className="dialog" onKeyDown={onKeyDown}>
        <h2 id={`${id}-title`}>{t('shortcuts.title')}</h2>
        <table className="table shortcuts-table">
          <thead>
            <tr>
              <th scope="col">{t('shortcuts.keys')}</th>
              <th scope="col">{t('shortcuts.does')}</th>
            </tr>
          </thead>
          <tbody>
            {WORKSTATION_SHORTCUTS.map((s) => (
              <tr key={s.keys}>
                <td>
                  <kbd>{s.keys}</kbd>
                </td>
                <td>{t(s.does)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="actions">
          <button ref={closeRef} type="button" className="button" onClick={close}>
            {t('shortcuts.close')}
          </button>
        </div>
      </div>
    </div>
  );
}
