import type { QueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, type LoaderFunctionArgs } from 'react-router';
import { Page } from '../../components/ui/page';
import { ErrorState, LoadingState } from '../../components/ui/states';
import { getCaseFileQueryOptions, useCaseFile } from '../../features/case-file/api/get-case-file';
import { CaseFileView } from '../../features/case-file/components/case-file-view';
import { ThirdPartyScript } from '../../features/case-file/components/third-party-script';
import { StopFlagsPanel } from '../../features/stop-flags/components/stop-flags-panel';
import { useMe } from '../../features/auth/api/get-me';
import { OutcomeForm } from '../../features/contacts/components/outcome-form';
import { DraftBanner, SavedNotice } from '../../features/contacts/drafts/draft-banner';
import {
  LEAVE_CONFIRMED,
  confirmLeave,
  markOutcomeDirty,
  useLeaveGuard,
} from '../../features/contacts/drafts/leave-guard';
import { useOutcomeDraft } from '../../features/contacts/drafts/use-outcome-draft';
import { WhoAnswered, type Answered } from '../../features/contacts/components/who-answered';
import { useNextAccount } from '../../features/queue/api/next-account';
import { QueuePanel } from '../../features/queue/components/queue-panel';
import { MyCallbacks } from '../../features/queue/components/my-callbacks';
import { ReservationBar } from '../../features/queue/components/reservation-bar';
import { getSuggestedScriptQueryOptions } from '../../features/scripts/api/get-suggested-script';
import { typedPromiseOf, type TypedPromise } from '../../features/scripts/components/promise-read-back';
import { ScriptPanel, type ScriptBranch } from '../../features/scripts/components/script-panel';
import { useSuggestedScript } from '../../features/scripts/api/get-suggested-script';
import { paths } from '../../config/paths';

/** Prefetch the case file and the script together, so both columns appear at once. */
export const caseLoader =
  (queryClient: QueryClient) =>
  async ({ params }: LoaderFunctionArgs) => {
    const id = params.accountId!;
    void queryClient.prefetchQuery(getSuggestedScriptQueryOptions(id));
    await queryClient.ensureQueryData(getCaseFileQueryOptions(id)).catch(() => undefined); // errors show in place
    return null;
  };

function isTyping(target: EventTarget | null) {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

/** The collector's screen: queue on the left; case file, script and outcome for the open account. */
export function WorkstationRoute() {
  const { t } = useTranslation();
  const { accountId } = useParams();
  const navigate = useNavigate();
  const next = useNextAccount();
  const searchRef = useRef<HTMLInputElement>(null);
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
      onSuccess: (l) =>
        navigate(l ? paths.workAccount.getHref(l.accountId) : paths.work.getHref(), { state: LEAVE_CONFIRMED }),
    });
  };

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (isTyping(e.target) || e.ctrlKey || e.metaKey || e.altKey) {
        if (e.key === 'Escape' && isTyping(e.target)) (e.target as HTMLElement).blur();
        return;
      }
      if (e.key === 'n' || e.key === 'N') {
        e.preventDefault();
        takeNext();
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
      title={t('workstation.title')}
      description={t('workstation.shortcuts')}
      actions={
        <button
          type="button"
          className="button primary"
          onClick={() => takeNext()}
          disabled={next.isPending}
          aria-keyshortcuts="N"
        >
          {t('workstation.next')} <kbd>N</kbd>
        </button>
      }
    >
      {next.isSuccess && next.data === null && (
        <p className="notice" role="status">
          {t('workstation.nothingCallable')}
        </p>
      )}
      {next.isError && <ErrorState error={next.error} />}
      {saved && <SavedNotice key={saved.n} recorded={saved.recorded} />}
      <div className="workstation">
        <aside className="workstation-queue">
          <MyCallbacks hrefFor={(id) => paths.workAccount.getHref(id)} />
          <QueuePanel hrefFor={(id) => paths.workAccount.getHref(id)} />
        </aside>
        {accountId ? (
          <CaseWorkspace
            key={accountId}
            accountId={accountId}
            searchRef={searchRef}
            onReleased={() => takeNext(true)}
            onSaved={(andNext, recorded) => {
              setSaved({ recorded, n: Date.now() });
              if (andNext) takeNext(true);
            }}
          />
        ) : (
          <div className="workstation-empty">
            <p>{t('workstation.emptyPick')}</p>
          </div>
        )}
      </div>
    </Page>
  );
}

function CaseWorkspace({
  accountId,
  searchRef,
  onReleased,
  onSaved,
}: {
  accountId: string;
  searchRef: React.RefObject<HTMLInputElement | null>;
  onReleased: () => void;
  onSaved: (andNext: boolean, recorded: string) => void;
}) {
  const { t } = useTranslation();
  const caseFile = useCaseFile(accountId);
  const me = useMe();
  const draft = useOutcomeDraft(me.data?.id, accountId);
  // Right-party verification first (compliance.md "Third parties"): no debt detail until the customer is confirmed.
  // A restored draft brings back what the collector recorded for this call (ADR 026).
  const [answered, setAnswered] = useState<Answered | null>(draft.restored?.answered ?? null);
  // A new form after each save and after a discard (a new idempotency key, nothing typed).
  const [formN, setFormN] = useState(0);
  // The script shown once the customer is verified, and the willingness branch chosen in it: the outcome records both.
  const script = useSuggestedScript(accountId, answered?.party === 'debtor');
  const [scriptBranch, setScriptBranch] = useState<ScriptBranch | null>(null);
  // The promise being typed, read back by the script's close step (ADR 035).
  const [typedPromise, setTypedPromise] = useState<TypedPromise | null>(null);
  const restored = draft.restored && draft.restored.answered.party === answered?.party ? draft.restored : null;
  if (caseFile.isPending) return <LoadingState />;
  if (caseFile.isError) return <ErrorState error={caseFile.error} onRetry={() => void caseFile.refetch()} />;
  const verified = answered?.party === 'debtor';
  const shownScript =
    verified && script.data ? { versionId: script.data.scriptVersionId, branch: scriptBranch } : undefined;
  return (
    <>
      <section className="workstation-case" aria-label={t('caseFile.customer')}>
        <ReservationBar accountId={accountId} onReleased={onReleased} />
        <CaseFileView
          caseFile={caseFile.data}
          debtDetails={verified}
          stopFlags={<StopFlagsPanel accountId={caseFile.data.account.id} />}
        />
      </section>
      <section className="workstation-script" aria-label={t('script.title')}>
        <WhoAnswered caseFile={caseFile.data} answered={answered} onAnswer={setAnswered} />
        {restored && (
          <DraftBanner
            savedAt={restored.savedAt}
            onDiscard={() => {
              draft.discard();
              markOutcomeDirty(false);
              setAnswered(null);
              setFormN((n) => n + 1);
            }}
          />
        )}
        {verified && (
          <ScriptPanel
            accountId={accountId}
            ref={searchRef}
            branch={scriptBranch}
            onBranch={setScriptBranch}
            promise={{ typed: typedPromise, currency: caseFile.data.account.currency }}
          />
        )}
        {answered?.party === 'third_party' && <ThirdPartyScript caseFile={caseFile.data} />}
        {answered && (
          <OutcomeForm
            key={`${answered.party}-${formN}`}
            caseFile={caseFile.data}
            answered={answered}
            draft={restored ?? undefined}
            script={shownScript}
            onDraft={(values, key) => {
              markOutcomeDirty(values !== null);
              draft.update(answered, values, key);
              setTypedPromise(typedPromiseOf(values));
            }}
            onSaved={(andNext, recorded) => {
              draft.discard();
              markOutcomeDirty(false);
              setFormN((n) => n + 1);
              setScriptBranch(null);
              onSaved(andNext, recorded);
            }}
          />
        )}
      </section>
    </>
  );
}
