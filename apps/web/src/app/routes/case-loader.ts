import type { QueryClient } from '@tanstack/react-query';
import type { LoaderFunctionArgs } from 'react-router';
import { getCaseFileQueryOptions } from '../../features/case-file/api/get-case-file';
import { getSuggestedScriptQueryOptions } from '../../features/scripts/api/get-suggested-script';

// Apart from the workstation screen, so the router loads the data while the screen's code loads (ADR 044).

/** The open account's panes (case-workspace.tsx), loaded on the first account opened (ADR 050). */
export const loadCaseWorkspace = () => import('./case-workspace');

/** Prefetch the case file and the script together, so both columns appear at once. */
export const caseLoader =
  (queryClient: QueryClient) =>
  async ({ params }: LoaderFunctionArgs) => {
    const id = params.accountId!;
    void loadCaseWorkspace(); // the panes' code, while their data loads
    void queryClient.prefetchQuery(getSuggestedScriptQueryOptions(id));
    await queryClient.ensureQueryData(getCaseFileQueryOptions(id)).catch(() => undefined); // errors show in place
    return null;
  };
