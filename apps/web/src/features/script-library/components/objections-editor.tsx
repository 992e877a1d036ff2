import { OBJECTION_CATEGORY_CODES, type Objection, type ObjectionBody } from '@crm/contracts';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState, LoadingState } from '../../../components/ui/states';
import { useObjections, useSaveObjection } from '../api/script-library';
import { LintedText } from './script-library';

const STAGES = ['pre_due', 'm1', 'm2', 'm3', 'm4_plus'] as const;

/** Prepared answers to objections: list, add, edit (with the same live compliance lint as scripts). */
export function ObjectionsEditor() {
  const { t } = useTranslation();
  const objections = useObjections();
  const [editing, setEditing] = useState<string | 'new' | null>(null);
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
              <th scope="col"><span className="visually-hidden">{t('userAdmin.actions')}</span></th>
            </tr>
          </thead>
          <tbody>
            {objections.data.items.map((o) => (
              <tr key={o.id} className={o.active ? undefined : 'inactive'}>
                <td>
                  {t(`objectionCategories.${o.category}`, { defaultValue: o.category })} <span className="muted small">{o.locale}</span>
                </td>
                <td>{o.customerSays}</td>
                <td>
                  {editing === o.id ? <ObjectionForm objection={o} onDone={() => setEditing(null)} /> : o.answer}
                </td>
                <td className="small">{o.stages.map((s) => t(`stages.${s}`)).join(', ')}</td>
                <td>
                  {editing !== o.id && (
                    <button type="button" className="button" onClick={() => setEditing(o.id)}>
                      {t('scriptLibrary.edit')}
                    </button>
                  )}
                </td>
              </tr>
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
    <form className="objection-form" aria-label={t('objectionAdmin.form')} onSubmit={(e) => { e.preventDefault(); save.mutate({ ...body, ...(justification.trim() ? { justification: justification.trim() } : {}) }, { onSuccess: onDone }); }}>
      {!objection && (
        <div className="row">
          <div className="field">
            <label htmlFor={`${id}-cat`}>{t('objectionAdmin.category')}</label>
            <select id={`${id}-cat`} value={body.category} onChange={(e) => setBody({ ...body, category: e.target.value as ObjectionBody['category'] })}>
              {OBJECTION_CATEGORY_CODES.map((c) => <option key={c} value={c}>{t(`objectionCategories.${c}`, { defaultValue: c })}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-loc`}>{t('userAdmin.language')}</label>
            <select id={`${id}-loc`} value={body.locale} onChange={(e) => setBody({ ...body, locale: e.target.value as ObjectionBody['locale'] })}>
              <option value="en">English</option>
              <option value="zh-CN">简体中文</option>
            </select>
          </div>
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-says`}>{t('objectionAdmin.customerSays')}</label>
        <input id={`${id}-says`} value={body.customerSays} onChange={(e) => setBody({ ...body, customerSays: e.target.value })} required />
      </div>
      <LintedText label={t('objectionAdmin.answer')} text={body.answer} locale={body.locale} editable onChange={(answer) => setBody({ ...body, answer })} />
      <fieldset className="stop-flags">
        <legend>{t('objectionAdmin.stages')}</legend>
        {STAGES.map((s) => (
          <label key={s} className="check">
            <input type="checkbox" checked={body.stages.includes(s)} onChange={(e) => setBody({ ...body, stages: e.target.checked ? [...body.stages, s] : body.stages.filter((x) => x !== s) })} /> {t(`stages.${s}`)}
          </label>
        ))}
      </fieldset>
      <label className="check">
        <input type="checkbox" checked={body.active} onChange={(e) => setBody({ ...body, active: e.target.checked })} /> {t('objectionAdmin.active')}
      </label>
      <div className="field">
        <label htmlFor={`${id}-why`}>{t('scriptLibrary.justification')}</label>
        <input id={`${id}-why`} value={justification} onChange={(e) => setJustification(e.target.value)} />
      </div>
      <div className="actions start">
        <button type="submit" className="button primary" disabled={save.isPending}>{t('objectionAdmin.save')}</button>
        <button type="button" className="button" onClick={onDone}>{t('userAdmin.cancel')}</button>
      </div>
      {save.isError && <ErrorState error={save.error} />}
    </form>
  );
}
