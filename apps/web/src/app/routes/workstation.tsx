import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { Page } from '../../components/ui/page';
import { ErrorState, LoadingState } from '../../components/ui/states';
import { SavedNotice } from '../../features/contacts/drafts/draft-banner';
import { LEAVE_CONFIRMED, confirmLeave, useLeaveGuard } from '../../features/contacts/drafts/leave-guard';
import { useNextAccount } from '../../features/queue/api/next-account';
import { QueuePanel } from '../../features/queue/components/queue-panel';
import { MyCallbacks } from '../../features/queue/components/my-callbacks';
import { paths } from '../../config/paths';
import { CommandPalette } from '../../features/workstation-palette/components/command-palette';
import { ShortcutsDialog } from '../../features/workstation-palette/components/shortcuts-dialog';
import { useSignOut } from './protected-layout';
import { loadCaseWorkspace } from './case-loader';

const CaseWorkspace = lazy(() => loadCaseWorkspace().then((m) => ({ default: m.CaseWorkspace })));

function isTyping(target: EventTarget | null) {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

/** The panes in F6 order; Alt+1..4 jump to them (ADR 031). */
const PANES = ['queue', 'case', 'script', 'outcome'] as const;
type Pane = (typeof PANES)[number];

/** Focus a pane's heading; `into`: its first control instead (the outcome form's first field). */
function focusPane(pane: Pane, into = false) {
  const el = document.querySelector<HTMLElement>(`[data-pane="${pane}"]`);
  if (!el) return;
  const first = into
    ? (el.querySelector<HTMLElement>('form :is(select, input, textarea)') ??
      el.querySelector<HTMLElement>('select, input, textarea, button:not([disabled]), a[href]'))
    : null;
  (first ?? el.querySelector<HTMLElement>('.pane-title'))?.focus();
}

/** F6 / Shift+F6: the next or previous pane shown, from the one holding the focus. */
function cyclePane(back: boolean) {
  const shown = PANES.filter((p) => document.querySelector(`[data-pane="${p}"]`));
  if (shown.length === 0) return;
  const at = shown.findIndex((p) => document.querySelector(`[data-pane="${p}"]`)!.contains(document.activeElement));
  const to = at < 0 ? (back ? shown.length - 1 : 0) : (at + (back ? -1 : 1) + shown.length) % shown.length;
  focusPane(shown[to]!);
}

/** Ctrl+Enter / Ctrl+Shift+Enter: press the open outcome form's Save or Save and next, wherever the focus is. */
function pressSave(andNext: boolean) {
  const button = document.querySelector<HTMLButtonElement>(
    `form.outcome-form [data-save="${andNext ? 'next' : 'save'}"]`,
  );
  if (!button || button.disabled) return false;
  button.click();
  return true;
}

/** The collector's screen: queue on the left; case file, script and outcome for the open account. */
export function WorkstationRoute() {
  const { t } = useTranslation();
  const { accountId } = useParams();
  const navigate = useNavigate();
  const next = useNextAccount();
  const searchRef = useRef<HTMLInputElement>(null);
  const signOut = useSignOut();
  const [dialog, setDialog] = useState<'palette' | 'shortcuts' | null>(null);
  // While an account is open the queue is a narrow list of names; the collector can widen it.
  const [queueWide, setQueueWide] = useState(false);
  // After N (or save and next) the focus goes to the case file's heading once it is shown.
  const focusCase = useRef(false);
  // A typed outcome is kept as a draft, but leaving it still asks first (ADR 026).
  const leaveMessage = t('drafts.leaveConfirm');
  useLeaveGuard(leaveMessage);
  const [saved, setSaved] = useState<{ recorded: string; n: number } | null>(null);
  useEffect(() => {
    if (!saved) return;
    const timer = setTimeout(() => setSaved(null), 5000);
    return () => clearTimeout(timer);
  }, [saved]);

  /** The next account; `saved`: straight after a save (nothing left to lose, nothing asked). */
  const takeNext = (saved = false) => {
    if (!saved && !confirmLeave(leaveMessage)) return;
    next.mutate(undefined, {
      onSuccess: (l) => {
        focusCase.current = !!l;
        if (l && l.accountId === accountId) focusPane('case');
        void navigate(l ? paths.workAccount.getHref(l.accountId) : paths.work.getHref(), { state: LEAVE_CONFIRMED });
      },
    });
  };

  const runAction = (id: string) => {
    if (id === 'next') takeNext();
    else if (id === 'callbacks') {
      const first = document.querySelector<HTMLElement>('.my-callbacks a');
      (first ?? document.getElementById('my-callbacks-title'))?.focus();
    } else if (id === 'goQueue') focusPane('queue');
    else if (id === 'goCase') focusPane('case');
    else if (id === 'goScript') focusPane('script');
    else if (id === 'goOutcome') focusPane('outcome', true);
    else if (id === 'save') pressSave(false);
    else if (id === 'saveNext') pressSave(true);
    else if (id === 'shortcuts') setDialog('shortcuts');
    else if (id === 'signOut') signOut();
  };
  const hasForm = () => !!document.querySelector('form.outcome-form');

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (dialog) return; // an open dialog handles its own keys
      const ctrl = e.ctrlKey || e.metaKey;
      // These work wherever the focus is, also in a field.
      if (ctrl && !e.altKey && (e.key === 'k' || e.key === 'K')) {
        e.preventDefault();
        setDialog('palette');
        return;
      }
      if (ctrl && e.key === 'Enter') {
        if (pressSave(e.shiftKey)) e.preventDefault();
        return;
      }
      if (e.key === 'F6') {
        e.preventDefault();
        cyclePane(e.shiftKey);
        return;
      }
      if (e.altKey && !ctrl && /^Digit[1-4]$/.test(e.code)) {
        e.preventDefault();
        const pane = PANES[Number(e.code.slice(5)) - 1]!;
        focusPane(pane, pane === 'outcome');
        return;
      }
      if (isTyping(e.target) || ctrl || e.altKey) {
        if (e.key === 'Escape' && isTyping(e.target)) (e.target as HTMLElement).blur();
        return;
      }
      if (e.key === 'n' || e.key === 'N') {
        e.preventDefault();
        takeNext();
      } else if (e.key === '?') {
        e.preventDefault();
        setDialog('shortcuts');
      } else if (e.key === '/' && searchRef.current) {
        e.preventDefault();
        searchRef.current.focus();
      } else if (e.key === 'Escape' && accountId) {
        navigate(paths.work.getHref());
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <Page
      className="workstation-page"
      title={t('workstation.title')}
      description={t('workstation.shortcuts')}
      actions={
        <div className="actions">
          <button type="button" className="button" onClick={() => setDialog('shortcuts')} aria-keyshortcuts="?">
            {t('workstation.showShortcuts')} <kbd aria-hidden="true">?</kbd>
          </button>
          <button
            type="button"
            className="button primary"
            onClick={() => takeNext()}
            disabled={next.isPending}
            aria-keyshortcuts="N"
          >
            {t('workstation.next')} <kbd>N</kbd>
          </button>
        </div>
      }
    >
      {next.isSuccess && next.data === null && (
        <p className="notice" role="status">
          {t('workstation.nothingCallable')}
        </p>
      )}
      {next.isError && <ErrorState error={next.error} />}
      {saved && <SavedNotice key={saved.n} recorded={saved.recorded} />}
      <div className={`workstation${accountId ? ' has-account' : ''}${queueWide ? ' queue-wide' : ''}`}>
        <aside className="pane workstation-queue" data-pane="queue" aria-labelledby="pane-queue">
          <div className="pane-head">
            <h2 className="pane-title" id="pane-queue" tabIndex={-1}>
              {t('workstation.paneQueue')} <kbd aria-hidden="true">Alt+1</kbd>
            </h2>
            {accountId && (
              <button
                type="button"
                className="button ghost small"
                aria-pressed={queueWide}
                onClick={() => setQueueWide((w) => !w)}
              >
                {t('workstation.queueDetails')}
              </button>
            )}
          </div>
          <MyCallbacks hrefFor={(id) => paths.workAccount.getHref(id)} />
          <QueuePanel hrefFor={(id) => paths.workAccount.getHref(id)} />
        </aside>
        {accountId ? (
          <Suspense fallback={<LoadingState />}>
            <CaseWorkspace
              key={accountId}
              accountId={accountId}
              focusCase={focusCase}
              searchRef={searchRef}
              onReleased={() => takeNext(true)}
              onSaved={(andNext, recorded) => {
                setSaved({ recorded, n: Date.now() });
                if (andNext) takeNext(true);
              }}
            />
          </Suspense>
        ) : (
          <div className="workstation-empty">
            <p>{t('workstation.emptyPick')}</p>
          </div>
        )}
      </div>
      {dialog === 'palette' && (
        <CommandPalette
          actions={[
            { id: 'next', label: t('palette.next'), shortcut: 'N' },
            { id: 'callbacks', label: t('palette.callbacks') },
            { id: 'goQueue', label: t('palette.goQueue'), shortcut: 'Alt+1' },
            { id: 'goCase', label: t('palette.goCase'), shortcut: 'Alt+2' },
            { id: 'goScript', label: t('palette.goScript'), shortcut: 'Alt+3' },
            { id: 'goOutcome', label: t('palette.goOutcome'), shortcut: 'Alt+4' },
            ...(hasForm()
              ? [
                  { id: 'save', label: t('palette.save'), shortcut: 'Ctrl+Enter' },
                  { id: 'saveNext', label: t('palette.saveNext'), shortcut: 'Ctrl+Shift+Enter' },
                ]
              : []),
            { id: 'shortcuts', label: t('palette.shortcuts'), shortcut: '?' },
            { id: 'signOut', label: t('palette.signOut') },
          ]}
          onAction={runAction}
          onOpenAccount={(id) => {
            focusCase.current = true;
            void navigate(paths.workAccount.getHref(id));
          }}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === 'shortcuts' && <ShortcutsDialog onClose={() => setDialog(null)} />}
    </Page>
  );
}
