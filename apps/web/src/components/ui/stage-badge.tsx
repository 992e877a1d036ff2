import type { Stage } from '@crm/contracts';
import { useTranslation } from 'react-i18next';

/** Stage shown as text plus a tint: never colour alone. */
export function StageBadge({ stage }: { stage: Stage }) {
  const { t } = useTranslation();
  return <span className={`badge stage-${stage}`}>{t(`stages.${stage}`)}</span>;
}
