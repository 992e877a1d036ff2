import type { CaseFile } from '@crm/contracts';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format';

/**
 * Where the customer is (Reg F 1006.6(b)(1)(i), ADR 019): every zone they are known to be in, the
 * local time there, and which one binds the window: the one that closes first while all are open,
 * or the closed one that opens last. Calls and messages are allowed only inside the window in all.
 */
export function CustomerZones({ caseFile }: { caseFile: CaseFile }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const zones = caseFile.customer.zones;
  const pointsById = new Map(caseFile.contactPoints.map((p) => [p.id, p]));
  return (
    <div className="customer-zones" data-testid="customer-zones">
      <p className="muted small">{t('zones.intro', { count: zones.length })}</p>
      <ul className="plain">
        {zones.map((z) => {
          const from = [
            ...(z.home ? [t('zones.home')] : []),
            ...z.contactPointIds.flatMap((id) => {
              const p = pointsById.get(id);
              const source = p?.zoneSource ? ` (${t(`zones.source.${p.zoneSource}`)})` : '';
              return p ? [`${t(`contactTypes.${p.type}`, { defaultValue: p.type })} ${p.value}${source}`] : [];
            }),
          ];
          return (
            <li key={z.zone} data-zone={z.zone}>
              <span className={`badge ${z.open ? 'promise-kept' : 'flag'}`}>
                {z.open ? t('zones.open') : t('zones.closed')}
              </span>{' '}
              <strong title={z.zone}>{fmt.zone(z.zone)}</strong> <span className="mono">{z.localTime}</span>{' '}
              <span className="muted small">
                {z.open && z.closesAt
                  ? t('zones.closesAt', { time: fmt.timeIn(z.closesAt, z.zone) })
                  : z.opensAt
                    ? t('zones.opensAt', { time: fmt.timeIn(z.opensAt, z.zone) })
                    : null}
              </span>{' '}
              {z.binding && (
                <span className="badge promise-pending" data-testid="binding-zone">
                  {z.open ? t('zones.closesFirst') : t('zones.opensLast')}
                </span>
              )}
              {from.length > 0 && <div className="muted small">{t('zones.from', { sources: from.join(' · ') })}</div>}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
