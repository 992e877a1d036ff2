import type { CaseFile } from '@crm/contracts';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format';

/**
 * What the customer said on recent calls: the willingness branch collectors recorded, newest first
 * ("On recent calls: willing but unable on Nov 28, 2026 · unwilling on Nov 2, 2026"; ADR 037).
 */
export function RecentBranches({ branches }: { branches: CaseFile['summary']['recentBranches'] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (branches.length === 0) return null;
  const list = branches
    .map((b) => t('caseFile.branchOn', { branch: t(`scriptBranches.${b.branch}`), date: fmt.date(b.date) }))
    .join(' · ');
  return (
    <div className="small recent-branches" data-testid="recent-branches">
      {t('caseFile.recentBranches', { list })}
    </div>
  );
}
