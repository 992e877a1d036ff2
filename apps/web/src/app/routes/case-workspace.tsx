import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState, LoadingState } from '../../components/ui/states';
import { useCaseFile } from '../../features/case-file/api/get-case-file';
import { CaseFileView } from '../../features/case-file/components/case-file-view';
import { ThirdPartyScript } from '../../features/case-file/components/third-party-script';
import { StopFlagsPanel } from '../../features/stop-flags/components/stop-flags-panel';
import { PromiseActions } from '../../features/promises/components/promise-actions';
import { useMe } from '../../features/auth/api/get-me';
import { OutcomeForm } from '../../features/contacts/components/outcome-form';
import { DraftBanner } from '../../features/contacts/drafts/draft-banner';
import { markOutcomeDirty } from '../../features/contacts/drafts/leave-guard';
import { useOutcomeDraft } from '../../features/contacts/drafts/use-outcome-draft';
import { WhoAnswered, type Answered } from '../../features/contacts/components/who-answered';
import { ReservationBar } from '../../features/queue/components/reservation-bar';
import { typedPromiseOf, type TypedPromise } from '../../features/scripts/components/promise-read-back';
import { ScriptPanel, type ScriptBranch } from '../../features/scripts/components/script-panel';
import { useSuggestedScript } from '../../features/scripts/api/get-suggested-script';

// The open account's three panes, apart from the workstation screen: /work with no account open
// does not load the case file, script and outcome code (ADR 050); case-loader.ts starts loading
// this module together with the case file's data.

/** The open account: its case file, the script and the outcome form. */
export function CaseWorkspace({
  accountId,
  focusCase,
  searchRef,
  onReleased,
  onSaved,
}: {
  accountId: string;
  focusCase: React.RefObject<boolean>;
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
  const caseHeading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (caseFile.isSuccess && focusCase.current) {
      focusCase.current = false;
      caseHeading.current?.focus();
    }
  }, [caseFile.isSuccess, focusCase]);
  if (caseFile.isPending) return <LoadingState />;
  if (caseFile.isError) return <ErrorState error={caseFile.error} onRetry={() => void caseFile.refetch()} />;
  const verified = answered?.party === 'debtor';
  const shownScript =
    verified && script.data ? { versionId: script.data.scriptVersionId, branch: scriptBranch } : undefined;
  return (
    <>
      <section className="pane workstation-case" data-pane="case" aria-labelledby="pane-case">
        <h2 className="pane-title" id="pane-case" tabIndex={-1} ref={caseHeading}>
          {t('workstation.paneCase')} <kbd aria-hidden="true">Alt+2</kbd>
        </h2>
        <ReservationBar accountId={accountId} onReleased={onReleased} />
        <CaseFileView
          caseFile={caseFile.data}
          debtDetails={verified}
          stopFlags={<StopFlagsPanel accountId={caseFile.data.account.id} />}
          promiseActions={(p) => <PromiseActions accountId={caseFile.data.account.id} promise={p} />}
        />
      </section>
      <section className="pane workstation-script" data-pane="script" aria-labelledby="pane-script">
        <h2 className="pane-title" id="pane-script" tabIndex={-1}>
          {t('workstation.paneScript')} <kbd aria-hidden="true">Alt+3</kbd>
        </h2>
        {!answered && <p className="muted small">{t('workstation.scriptWaiting')}</p>}
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
      </section>
      <section className="pane workstation-outcome" data-pane="outcome" aria-labelledby="pane-outcome">
        <h2 className="pane-title" id="pane-outcome" tabIndex={-1}>
          {t('workstation.paneOutcome')} <kbd aria-hidden="true">Alt+4</kbd>
        </h2>
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
