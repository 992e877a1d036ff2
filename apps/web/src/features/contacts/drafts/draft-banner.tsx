import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format';

/** "Draft restored" over the outcome, with the way to throw it away (ADR 026). */
export function DraftBanner({ savedAt, onDiscard }: { savedAt: number; onDiscard: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <p className="notice small" role="status" data-testid="draft-restored">
      {t('drafts.restored', { time: fmt.dateTime(new Date(savedAt).toISOString()) })}{' '}
      <button type="button" className="button ghost small-button" onClick={onDiscard}>
        {t('drafts.discard')}
      </button>
    </p>
  );
}

/** What the last save recorded, shown for a few seconds after it. */
export function SavedNotice({ recorded }: { recorded: string }) {
  const { t } = useTranslation();
  return (
    <p className="notice success small" role="status" data-testid="outcome-saved">
      {t('drafts.saved', { what: recorded })}
    </p>
  );
}
