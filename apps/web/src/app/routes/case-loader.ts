import type { QueryClient } from '@tanstack/react-query';
import type { LoaderFunctionArgs } from 'react-router';
import { loadAllTexts } from '../../lib/i18n';

// Apart from the workstation screen, so the router loads the data while the screen's code loads (ADR 044).

/**
 * The open account's panes (case-workspace.tsx), loaded on the first account opened (ADR 050), with
 * the texts beyond the first load's (ADR 054).
 */
export const loadCaseWorkspace = () =>
  Promise.all([import('./case-workspace'), loadAllTexts()]).then(([module]) => module);

/** Prefetch the case file and the script together, so both columns appear at once. */
export const caseLoader =
  (queryClient: QueryClient) =>
  async ({ params }: LoaderFunctionArgs) => {
    const id = params.accountId!;
    void loadCaseWorkspace(); // the panes' code, while their data loads
    // The queries parse with the contracts' schemas (zod): loaded here, with the panes, not in
    // /work's first load (ADR 054).
    const [{ getCaseFileQueryOptions }, { getSuggestedScriptQueryOptions }] = await Promise.all([
      import('../../features/case-file/api/get-case-file'),
      import('../../features/scripts/api/get-suggested-script'),
    ]);
    void queryClient.prefetchQuery(getSuggestedScriptQueryOptions(id));
    await queryClient.ensureQueryData(getCaseFileQueryOptions(id)).catch(() => undefined); // errors show in place
    return null;
  };
