import { SCRIPT_BRANCHES } from '@crm/contracts';
import { DESK_SCRIPT_VARIABLES, renderScriptText } from '@crm/domain';
import { forwardRef, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState, LoadingState } from '../../../components/ui/states';
import { useTexts } from '../../../lib/i18n';
import { useSuggestedScript } from '../api/get-suggested-script';
import { deskPlaceholders, promiseReadBack, type TypedPromise } from './promise-read-back';

/**
 * The suggested script, step by step, with the objection library searchable during the call.
 * The willingness branch chosen is the desk's (`branch`/`onBranch`): the outcome form records it.
 */
export const ScriptPanel = forwardRef<
  HTMLInputElement,
  {
    accountId: string;
    branch?: ScriptBranch | null;
    onBranch?: (branch: ScriptBranch | null) => void;
    /** The promise being typed in the outcome form, read back at the close (ADR 035). */
    promise?: { typed: TypedPromise | null; currency: string };
  }
>(function ScriptPanel({ accountId, branch: chosen, onBranch, promise }, searchRef) {
  const { t, i18n } = useTranslation();
  const script = useSuggestedScript(accountId);
  const [query, setQuery] = useState('');
  const [own, setOwn] = useState<ScriptBranch | null>(null);
  const branch = chosen !== undefined ? chosen : own;
  const setBranch = onBranch ?? setOwn;
  const objections = useMemo(() => {
    const q = query.trim().toLowerCase();
    const all = script.data?.objections ?? [];
    if (!q) return all;
    return all.filter((o) =>
      `${o.category} ${t(`objectionCategories.${o.category}`, { defaultValue: '' })} ${o.customerSays} ${o.answer}`
        .toLowerCase()
        .includes(q),
    );
  }, [script.data, query, t]);

  // The script's language may not be the collector's: its texts (read-back, channels) are fetched first.
  const scriptTexts = useTexts(script.data?.locale);

  if (script.isPending || (script.isSuccess && !scriptTexts)) return <LoadingState />;
  if (script.isError) return <ErrorState error={script.error} onRetry={() => void script.refetch()} />;
  const s = script.data;
  // The close reads back the promise as typed, in the script's language (placeholders until typed).
  const inScriptLanguage = (key: string) => t(key, { lng: s.locale });
  const readBack = promiseReadBack(promise?.typed ?? null, {
    locale: s.locale,
    currency: promise?.currency ?? 'CNY',
    channelLabel: (code) => inScriptLanguage(`paymentChannelsInline.${code}`),
    placeholders: deskPlaceholders(inScriptLanguage),
  });
  const readsBack = (text: string) => DESK_SCRIPT_VARIABLES.some((v) => text.includes(`{{${v}}}`));
  return (
    <div className="script-panel">
      <h2>
        {t('script.title')}{' '}
        <span className="muted small">{t('script.version', { name: s.scriptName, version: s.version })}</span>
      </h2>
      <ol className="steps" data-testid="script-steps" lang={s.locale}>
        {s.steps.map((step) => (
          <li key={step.key} className="step">
            <h3>{step.title}</h3>
            <p data-testid={readsBack(step.text) ? 'promise-read-back' : undefined}>
              {renderScriptText(step.text, readBack.values)}
            </p>
            {readsBack(step.text) && !readBack.entered && (
              <p className="muted small" lang={i18n.language}>
                {t('script.noPromiseYet')}
              </p>
            )}
            {step.branches && (
              <div className="branches">
                <div role="group" aria-label={step.title} className="branch-buttons">
                  {step.branches.map((b) => (
                    <button
                      key={b.key}
                      type="button"
                      className={`button small-button${branch === b.key ? ' selected' : ''}`}
                      aria-pressed={branch === b.key}
                      data-branch={b.key}
                      onClick={() => setBranch(branch === b.key ? null : asBranch(b.key))}
                    >
                      {b.title}
                    </button>
                  ))}
                </div>
                {step.branches
                  .filter((b) => branch === null || b.key === branch)
                  .map((b) => (
                    <p key={b.key} className="branch-text">
                      <strong>{b.title}:</strong> {b.text}
                    </p>
                  ))}
              </div>
            )}
          </li>
        ))}
      </ol>
      <h2>{t('script.objections')}</h2>
      <label className="search">
        <span className="visually-hidden">{t('script.searchObjections')}</span>
        <input
          ref={searchRef}
          type="search"
          aria-label={t('script.searchObjections')}
          placeholder={t('script.searchPlaceholder')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
      </label>
      {objections.length === 0 ? (
        <p className="muted small">{t('script.noObjections')}</p>
      ) : (
        <ul className="objections" lang={s.locale}>
          {objections.map((o) => (
            <li key={o.id}>
              <details>
                <summary>
                  <strong>{t(`objectionCategories.${o.category}`, { defaultValue: o.category })}</strong> — “
                  {o.customerSays}”
                </summary>
                <p>{o.answer}</p>
              </details>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
});

export type ScriptBranch = (typeof SCRIPT_BRANCHES)[number];
const asBranch = (key: string): ScriptBranch | null =>
  (SCRIPT_BRANCHES as readonly string[]).includes(key) ? (key as ScriptBranch) : null;
