import { STAGES, OBJECTION_CATEGORIES, type Objection, type ObjectionBody } from '@crm/contracts';
import { Fragment, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState, LoadingState } from '../../../components/ui/states';
import { useFormat } from '../../../lib/format';
import { useObjectionVersions } from '../api/get-objection-versions';
import { useObjections } from '../api/get-objections';
import { useRestoreObjection } from '../api/restore-objection';
import { useSaveObjection } from '../api/save-objection';
import { LintedText } from './script-library';
import { VariablesHelp } from './variables-help';
import { WordDiffRow } from './word-diff';

/**
 * Prepared answers to objections: list, add, edit (with the same live compliance lint as
 * scripts). Every save is a new version; the history shows who saved what and why, compares any
 * version with the one in force and restores it as the next version.
 */
export function ObjectionsEditor() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const objections = useObjections();
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const [history, setHistory] = useState<string | null>(null);
  if (objections.isPending) return <LoadingState />;
  if (objections.isError) return <ErrorState error={objections.error} />;
  return (
    <section className="panel objections" aria-label={t('objectionAdmin.title')}>
      <div className="spread">
        <h2>{t('objectionAdmin.title')}</h2>
        <button type="button" className="button" onClick={() => setEditing('new')}>
          {t('objectionAdmin.add')}
        </button>
      </div>
      {editing === 'new' && <ObjectionForm objection={null} onDone={() => setEditing(null)} />}
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('objectionAdmin.category')}</th>
              <th scope="col">{t('objectionAdmin.customerSays')}</th>
              <th scope="col">{t('objectionAdmin.answer')}</th>
              <th scope="col">{t('objectionAdmin.stages')}</th>
              <th scope="col">{t('objectionAdmin.version')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('userAdmin.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {objections.data.items.map((o) => (
              <Fragment key={o.id}>
                <tr className={o.active ? undefined : 'inactive'}>
                  <td>
                    {t(`objectionCategories.${o.category}`, { defaultValue: o.category })}{' '}
                    <span className="muted small">{o.locale}</span>
                  </td>
                  <td>{o.customerSays}</td>
                  <td>
                    {editing === o.id ? <ObjectionForm objection={o} onDone={() => setEditing(null)} /> : o.answer}
                  </td>
                  <td className="small">
                    {o.stages.length === STAGES.length
                      ? t('objectionAdmin.allStages')
                      : o.stages.map((s) => t(`stages.${s}`)).join(', ')}
                  </td>
                  <td className="small">
                    v{o.version}
                    <div className="muted">
                      {t('objectionAdmin.saved', {
                        when: fmt.dateTime(o.savedAt),
                        who: o.savedBy ?? t('objectionAdmin.system'),
                      })}
                    </div>
                  </td>
                  <td>
                    <div className="actions start">
                      {editing !== o.id && (
                        <button type="button" className="button" onClick={() => setEditing(o.id)}>
                          {t('scriptLibrary.edit')}
                        </button>
                      )}
                      <button
                        type="button"
                        className="button"
                        aria-expanded={history === o.id}
                        onClick={() => setHistory(history === o.id ? null : o.id)}
                      >
                        {t('objectionAdmin.history')}
                      </button>
                    </div>
                  </td>
                </tr>
                {history === o.id && (
                  <tr className="history-row">
                    <td colSpan={6}>
                      <ObjectionHistory objection={o} onClose={() => setHistory(null)} />
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function ObjectionForm({ objection, onDone }: { objection: Objection | null; onDone: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const save = useSaveObjection(objection?.id ?? null);
  const [body, setBody] = useState<ObjectionBody>({
    category: objection?.category ?? 'cash_flow',
    locale: objection?.locale ?? 'en',
    customerSays: objection?.customerSays ?? '',
    answer: objection?.answer ?? '',
    stages: (objection?.stages as ObjectionBody['stages']) ?? ['m1'],
    active: objection?.active ?? true,
  });
  const [justification, setJustification] = useState('');
  return (
    <form
      className="objection-form"
      aria-label={t('objectionAdmin.form')}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(
          {
            ...body,
            ...(justification.trim() ? { justification: justification.trim() } : {}),
            ...(objection ? { expectedVersion: objection.version } : {}),
          },
          { onSuccess: onDone },
        );
      }}
    >
      {!objection && (
        <div className="row">
          <div className="field">
            <label htmlFor={`${id}-cat`}>{t('objectionAdmin.category')}</label>
            <select
              id={`${id}-cat`}
              value={body.category}
              onChange={(e) => setBody({ ...body, category: e.target.value as ObjectionBody['category'] })}
            >
              {OBJECTION_CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {t(`objectionCategories.${c}`, { defaultValue: c })}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-loc`}>{t('userAdmin.language')}</label>
            <select
              id={`${id}-loc`}
              value={body.locale}
              onChange={(e) => setBody({ ...body, locale: e.target.value as ObjectionBody['locale'] })}
            >
              <option value="en">English</option>
              <option value="zh-CN">简体中文</option>
            </select>
          </div>
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-says`}>{t('objectionAdmin.customerSays')}</label>
        <input
          id={`${id}-says`}
          value={body.customerSays}
          onChange={(e) => setBody({ ...body, customerSays: e.target.value })}
          required
        />
      </div>
      <VariablesHelp />
      <LintedText
        label={t('objectionAdmin.answer')}
        text={body.answer}
        locale={body.locale}
        editable
        onChange={(answer) => setBody({ ...body, answer })}
      />
      <fieldset className="stop-flags">
        <legend>{t('objectionAdmin.stages')}</legend>
        {STAGES.map((s) => (
          <label key={s} className="check">
            <input
              type="checkbox"
              checked={body.stages.includes(s)}
              onChange={(e) =>
                setBody({
                  ...body,
                  stages: e.target.checked ? [...body.stages, s] : body.stages.filter((x) => x !== s),
                })
              }
            />{' '}
            {t(`stages.${s}`)}
          </label>
        ))}
      </fieldset>
      <label className="check">
        <input type="checkbox" checked={body.active} onChange={(e) => setBody({ ...body, active: e.target.checked })} />{' '}
        {t('objectionAdmin.active')}
      </label>
      <div className="field">
        <label htmlFor={`${id}-why`}>{t('scriptLibrary.justification')}</label>
        <input id={`${id}-why`} value={justification} onChange={(e) => setJustification(e.target.value)} />
      </div>
      <div className="actions start">
        <button type="submit" className="button primary" disabled={save.isPending}>
          {t('objectionAdmin.save')}
        </button>
        <button type="button" className="button" onClick={onDone}>
          {t('userAdmin.cancel')}
        </button>
      </div>
      {save.isError && <ErrorState error={save.error} />}
    </form>
  );
}

/** Every version of one answer, newest first: compare with the version in force, restore as the next version. */
function ObjectionHistory({ objection, onClose }: { objection: Objection; onClose: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const id = useId();
  const versions = useObjectionVersions(objection.id);
  const restore = useRestoreObjection(objection.id);
  const [compare, setCompare] = useState<string | null>(null);
  const [justification, setJustification] = useState('');
  if (versions.isPending) return <LoadingState />;
  if (versions.isError) return <ErrorState error={versions.error} />;
  const items = versions.data.items;
  const current = items.find((v) => v.version === objection.version) ?? items[0]!;
  const other = items.find((v) => v.id === compare);
  const stages = (list: string[]) => list.map((s) => t(`stages.${s}`)).join(', ');
  return (
    <section className="objection-history" aria-label={t('objectionAdmin.historyOf', { says: objection.customerSays })}>
      <div className="spread">
        <h3>{t('objectionAdmin.historyOf', { says: objection.customerSays })}</h3>
        <button type="button" className="button" onClick={onClose}>
          {t('objectionAdmin.close')}
        </button>
      </div>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('objectionAdmin.version')}</th>
            <th scope="col">{t('objectionAdmin.savedBy')}</th>
            <th scope="col">{t('objectionAdmin.answer')}</th>
            <th scope="col">{t('objectionAdmin.findings')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('userAdmin.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((v) => (
            <tr key={v.id}>
              <td>
                v{v.version}
                {v.id === current.id && <span className="badge ok">{t('objectionAdmin.inForce')}</span>}
                {v.restoredFrom !== null && (
                  <div className="muted small">{t('objectionAdmin.restoredFrom', { version: v.restoredFrom })}</div>
                )}
                {!v.active && <div className="muted small">{t('objectionAdmin.notOffered')}</div>}
              </td>
              <td className="small">
                {v.savedBy ?? t('objectionAdmin.system')}
                <div className="muted">{fmt.dateTime(v.savedAt)}</div>
              </td>
              <td>{v.answer}</td>
              <td className="small">
                {v.findings === 0
                  ? t('objectionAdmin.noFindings')
                  : t('objectionAdmin.findingsJustified', { count: v.findings, justification: v.justification ?? '' })}
              </td>
              <td>
                {v.id !== current.id && (
                  <div className="actions start">
                    <button
                      type="button"
                      className="button"
                      aria-pressed={compare === v.id}
                      onClick={() => setCompare(compare === v.id ? null : v.id)}
                    >
                      {t('objectionAdmin.compare')}
                    </button>
                    <button
                      type="button"
                      className="button"
                      disabled={restore.isPending}
                      onClick={() =>
                        restore.mutate({
                          versionId: v.id,
                          expectedVersion: objection.version,
                          ...(justification.trim() ? { justification: justification.trim() } : {}),
                        })
                      }
                    >
                      {t('objectionAdmin.restore', { version: v.version })}
                    </button>
                  </div>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {restore.isError && (
        <>
          <ErrorState error={restore.error} />
          <div className="field">
            <label htmlFor={`${id}-why`}>{t('scriptLibrary.justification')}</label>
            <input id={`${id}-why`} value={justification} onChange={(e) => setJustification(e.target.value)} />
          </div>
        </>
      )}
      {other && (
        <div className="table-wrap">
          <table
            className="table diff-table"
            aria-label={t('scriptLibrary.compareTitle', { from: other.version, to: current.version })}
          >
            <thead>
              <tr>
                <th scope="col">
                  <span className="visually-hidden">{t('objectionAdmin.field')}</span>
                </th>
                <th scope="col">v{other.version}</th>
                <th scope="col">v{current.version}</th>
              </tr>
            </thead>
            <tbody>
              <WordDiffRow
                title={t('objectionAdmin.customerSays')}
                before={other.customerSays}
                after={current.customerSays}
              />
              <WordDiffRow title={t('objectionAdmin.answer')} before={other.answer} after={current.answer} />
              <WordDiffRow
                title={t('objectionAdmin.stages')}
                before={stages(other.stages)}
                after={stages(current.stages)}
              />
              <WordDiffRow
                title={t('objectionAdmin.active')}
                before={t(other.active ? 'objectionAdmin.yes' : 'objectionAdmin.no')}
                after={t(current.active ? 'objectionAdmin.yes' : 'objectionAdmin.no')}
              />
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
