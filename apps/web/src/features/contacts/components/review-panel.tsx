import type { ContactLogItem, SessionUser } from '@crm/contracts';
import { REVIEW_CHECKS, reviewResult, type ReviewChecks } from '@crm/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCodeOptions } from '../../../components/ui/code-options';
import { CheckboxField, CheckboxGroup, TextAreaField } from '../../../components/ui/field';
import { ErrorState } from '../../../components/ui/states';
import { useFormat } from '../../../lib/format';
import { useReviewContact } from '../api/review-contact';

const NONE: ReviewChecks = {
  identifiedSelfAndCreditor: false,
  verifiedRightParty: false,
  disclosureGiven: false,
  noProhibitedLanguage: false,
  clearSummary: false,
};

/** Supervisors score the attempt; the collector reads the feedback. */
export function ReviewPanel({ item, user }: { item: ContactLogItem; user: SessionUser }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const review = item.review;
  const [checks, setChecks] = useState<ReviewChecks>(review?.checks ?? NONE);
  const [comment, setComment] = useState(review?.comment ?? '');
  const [coaching, setCoaching] = useState(review?.coaching ?? false);
  const save = useReviewContact(item.id);
  const checkOptions = useCodeOptions('review.checks', REVIEW_CHECKS);

  if (user.role === 'collector') {
    if (!review) return <p className="muted small">{t('review.notYet')}</p>;
    return (
      <div className="review-feedback">
        <p>
          <strong>{t('review.score', { score: review.score })}</strong>{' '}
          {review.failed && <span className="badge flag">{t('review.failed')}</span>}{' '}
          {review.coaching && <span className="badge promise-partly_kept">{t('review.coaching')}</span>}
        </p>
        <ul className="plain small">
          {REVIEW_CHECKS.map((c) => (
            <li key={c}>
              {review.checks[c] ? '✓' : '✗'} {t(`review.checks.${c}`)}
              <span className="visually-hidden">{review.checks[c] ? t('review.met') : t('review.notMet')}</span>
            </li>
          ))}
        </ul>
        {review.comment && <p className="note">{review.comment}</p>}
        <p className="muted small">
          {t('review.by', { name: review.reviewerName, date: fmt.dateTime(review.reviewedAt) })}
        </p>
      </div>
    );
  }

  return (
    <form
      className="review-form"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ checks, coaching, ...(comment.trim() ? { comment: comment.trim() } : {}) });
      }}
    >
      <CheckboxGroup
        legend={t('review.checklist')}
        options={checkOptions}
        selected={REVIEW_CHECKS.filter((c) => checks[c])}
        onChange={(met) =>
          setChecks(Object.fromEntries(REVIEW_CHECKS.map((c) => [c, met.includes(c)])) as ReviewChecks)
        }
      />
      <p className="small">
        {t('review.score', { score: reviewResult(checks).score })}{' '}
        {reviewResult(checks).failed && (
          <>
            <span className="badge flag">{t('review.failed')}</span>{' '}
            <span className="muted">{t('review.failedHint')}</span>
          </>
        )}
      </p>
      <TextAreaField label={t('review.comment')} rows={3} maxLength={2000} value={comment} onChange={setComment} />
      <CheckboxField label={t('review.markCoaching')} checked={coaching} onChange={setCoaching} />
      <div className="actions start">
        <button type="submit" className="button primary" disabled={save.isPending}>
          {review ? t('review.update') : t('review.save')}
        </button>
        {save.isSuccess && (
          <span role="status" className="small">
            {t('review.saved')}
          </span>
        )}
      </div>
      {save.isError && <ErrorState error={save.error} />}
      {review && (
        <p className="muted small">
          {t('review.by', { name: review.reviewerName, date: fmt.dateTime(review.reviewedAt) })}
        </p>
      )}
    </form>
  );
}
