import type { ContactPointDto } from '@crm/contracts';
import { useTranslation } from 'react-i18next';

/** A number's or an address's consent, plainly, beside it: "Opted out (all channels)", "SMS opted out", "Work inconvenient". */
export function ConsentBadges({
  point,
}: {
  point: Pick<ContactPointDto, 'optedOut' | 'optedOutChannels' | 'workInconvenient'>;
}) {
  const { t } = useTranslation();
  return (
    <>
      {point.optedOut && (
        <span className="badge flag" data-testid="consent-badge">
          ✕ {t('consent.optedOutAll')}
        </span>
      )}
      {!point.optedOut &&
        point.optedOutChannels.map((c) => (
          <span key={c} className="badge flag" data-testid="consent-badge">
            ✕ {t('consent.channelOptedOut', { channel: t(`channels.${c}`) })}
          </span>
        ))}
      {point.workInconvenient && (
        <span className="badge flag" data-testid="consent-badge">
          ✕ {t('consent.workInconvenientBadge')}
        </span>
      )}
    </>
  );
}
