import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { Page } from '../../components/ui/page';
import { ErrorState, LoadingState } from '../../components/ui/states';
import { useCaseFile } from '../../features/case-file/api/get-case-file';
import { CaseFileView } from '../../features/case-file/components/case-file-view';
import { StopFlagsPanel } from '../../features/stop-flags/components/stop-flags-panel';
import { PromiseActions } from '../../features/promises/components/promise-actions';

/** Supervisors and admins read a case file (the view is audit-logged like any other). */
export function AccountViewRoute() {
  const { t } = useTranslation();
  const { accountId } = useParams();
  const caseFile = useCaseFile(accountId!);
  return (
    <Page title={t('caseFile.title')}>
      {caseFile.isPending ? (
        <LoadingState />
      ) : caseFile.isError ? (
        <ErrorState error={caseFile.error} onRetry={() => void caseFile.refetch()} />
      ) : (
        <div className="panel case-panel">
          <CaseFileView
            caseFile={caseFile.data}
            stopFlags={<StopFlagsPanel accountId={caseFile.data.account.id} />}
            promiseActions={(p) => <PromiseActions accountId={caseFile.data.account.id} promise={p} />}
          />
        </div>
      )}
    </Page>
  );
}
