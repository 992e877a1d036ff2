import type { GateVerdictDto } from '@crm/contracts';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format';
import { useReasonText } from '../../../lib/reasons';

/** Whether the customer may be contacted now, every reason, and from when. Text, not colour alone. */
export function GateStatus({
  gate,
  timeZone,
  compact = false,
}: {
  gate: GateVerdictDto;
  timeZone: string;
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const reason = useReasonText();
  if (gate.allowed) {
    return (
      <div className={`gate gate-ok${compact ? ' compact' : ''}`} role="status">
        ✓ {gate.viaCallback ? t('caseFile.viaCallback') : compact ? t('caseFile.allowedNow') : t('caseFile.callable')}
      </div>
    );
  }
  return (
    <div className={`gate gate-blocked${compact ? ' compact' : ''}`} role="status">
      <strong>✕ {t('caseFile.notCallable')}</strong>
      {!compact && (
        <ul>
          {gate.reasons.map((r, i) => (
            <li key={i}>{reason.gate(r)}</li>
          ))}
        </ul>
      )}
      {compact && <span> — {gate.reasons.map((r) => reason.gate(r)).join(' · ')}</span>}
      <div className="small">
        {gate.nextAllowedAt
          ? t('caseFile.nextAllowed', { time: fmt.timeIn(gate.nextAllowedAt, timeZone) })
          : t('caseFile.never')}
      </div>
    </div>
  );
}
