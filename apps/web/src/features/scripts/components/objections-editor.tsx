import { STAGES, OBJECTION_CATEGORIES, type Objection, type ObjectionBody } from '@crm/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LOCALE_OPTIONS, useCodeOptions } from '../../../components/ui/code-options';
import { DataTable, hiddenHeader } from '../../../components/ui/data-table';
import { ExpandButton } from '../../../components/ui/expand-button';
import { CheckboxField, CheckboxGroup, SelectField, TextAreaField, TextField } from '../../../components/ui/field';
import { ErrorState, LoadingState } from '../../../components/ui/states';
import { useFormat } from '../../../lib/format';
import { useObjectionVersions } from '../api/get-objection-versions';
import { useObjections } from '../api/get-objections';
import { useRestoreObjection } from '../api/restore-objection';
import { useApproveObjection, useRejectObjection } from '../api/review-objection';
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
      <DataTable
        rows={objections.data.items}
        rowKey={(o) => o.id}
        rowClassName={(o) => (o.active ? undefined : 'inactive')}
        columns={[
          {
            key: 'category',
            header: t('objectionAdmin.category'),
            cell: (o) => (
              <>
                {t(`objectionCategories.${o.category}`, { defaultValue: o.category })}{' '}
                <span className="muted small">{o.locale}</span>
              </>
            ),
          },
          { key: 'says', header: t('objectionAdmin.customerSays'), cell: (o) => o.customerSays },
          {
            key: 'answer',
            header: t('objectionAdmin.answer'),
            cell: (o) =>
              editing === o.id ? <ObjectionForm objection={o} onDone={() => setEditing(null)} /> : o.answer,
          },
          {
            key: 'stages',
            header: t('objectionAdmin.stages'),
            className: 'small',
            cell: (o) =>
              o.stages.length === STAGES.length
                ? t('objectionAdmin.allStages')
                : o.stages.map((s) => t(`stages.${s}`)).join(', '),
          },
          {
            key: 'version',
            header: t('objectionAdmin.version'),
            className: 'small',
            cell: (o) => (
              <>
                v{o.version}
                {o.awaitingApproval !== null && (
                  <div>
                    <span className="badge status-awaiting_approval">
                      {t('objectionAdmin.awaitingApproval', { version: o.awaitingApproval })}
                    </span>
                  </div>
                )}
                <div className="muted">
                  {t('objectionAdmin.saved', {
                    when: fmt.dateTime(o.savedAt),
                    who: o.savedBy ?? t('objectionAdmin.system'),
                  })}
                </div>
              </>
            ),
          },
          {
            key: 'actions',
            header: hiddenHeader(t('userAdmin.actions')),
            cell: (o) => (
              <div className="actions start">
                {editing !== o.id && (
                  <button type="button" className="button" onClick={() => setEditing(o.id)}>
                    {t('scriptLibrary.edit')}
                  </button>
                )}
                <ExpandButton expanded={history === o.id} onToggle={(on) => setHistory(on ? o.id : null)}>
                  {t('objectionAdmin.history')}
                </ExpandButton>
              </div>
            ),
          },
        ]}
        below={(o) =>
          history === o.id
            ? {
                className: 'history-row',
                node: <ObjectionHistory objection={o} onClose={() => setHistory(null)} />,
              }
            : null
        }
      />
    </section>
  );
}

function ObjectionForm({ objection, onDone }: { objection: Objection | null; onDone: () => void }) {
  const { t } = useTranslation();
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
  const categories = useCodeOptions('objectionCategories', OBJECTION_CATEGORIES);
  const stages = useCodeOptions('stages', STAGES);
  const set =
    <K extends keyof ObjectionBody>(key: K) =>
    (value: ObjectionBody[K]) =>
      setBody({ ...body, [key]: value });
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
          <SelectField
            label={t('objectionAdmin.category')}
            value={body.category}
            onChange={set('category')}
            options={categories}
          />
          <SelectField
            label={t('userAdmin.language')}
            value={body.locale}
            onChange={set('locale')}
            options={LOCALE_OPTIONS}
          />
        </div>
      )}
      <TextField
        label={t('objectionAdmin.customerSays')}
        value={body.customerSays}
        onChange={set('customerSays')}
        required
      />
      <VariablesHelp />
      <LintedText
        label={t('objectionAdmin.answer')}
        text={body.answer}
        locale={body.locale}
        editable
        onChange={(answer) => setBody({ ...body, answer })}
      />
      <CheckboxGroup
        className="stop-flags"
        legend={t('objectionAdmin.stages')}
        options={stages}
        selected={body.stages}
        onChange={set('stages')}
      />
      <CheckboxField label={t('objectionAdmin.active')} checked={body.active} onChange={set('active')} />
      <TextField label={t('scriptLibrary.justification')} value={justification} onChange={setJustification} />
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
  const versions = useObjectionVersions(objection.id);
  const restore = useRestoreObjection(objection.id);
  const approve = useApproveObjection(objection.id);
  const reject = useRejectObjection(objection.id);
  const [rejecting, setRejecting] = useState<string | null>(null);
  const [note, setNote] = useState('');
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
      <DataTable
        wrap={null}
        rows={items}
        rowKey={(v) => v.id}
        columns={[
          {
            key: 'version',
            header: t('objectionAdmin.version'),
            cell: (v) => (
              <>
                v{v.version}
                {v.id === current.id && objection.version > 0 && (
                  <span className="badge ok">{t('objectionAdmin.inForce')}</span>
                )}
                {v.status !== 'approved' && (
                  <span className={`badge status-${v.status}`}>{t(`scriptLibrary.statuses.${v.status}`)}</span>
                )}
                {v.restoredFrom !== null && (
                  <div className="muted small">{t('objectionAdmin.restoredFrom', { version: v.restoredFrom })}</div>
                )}
                {!v.active && <div className="muted small">{t('objectionAdmin.notOffered')}</div>}
              </>
            ),
          },
          {
            key: 'by',
            header: t('objectionAdmin.savedBy'),
            className: 'small',
            cell: (v) => (
              <>
                {v.savedBy ?? t('objectionAdmin.system')}
                <div className="muted">{fmt.dateTime(v.savedAt)}</div>
              </>
            ),
          },
          { key: 'answer', header: t('objectionAdmin.answer'), cell: (v) => v.answer },
          {
            key: 'findings',
            header: t('objectionAdmin.findings'),
            className: 'small',
            cell: (v) =>
              v.findings === 0 ? (
                t('objectionAdmin.noFindings')
              ) : (
                <>
                  {t('objectionAdmin.findingsJustified', { count: v.findings, justification: v.justification ?? '' })}
                  {v.reviewedBy && v.reviewedAt && (
                    <div className="muted">
                      {v.status === 'rejected'
                        ? `${t('scriptLibrary.rejectedBy', { who: v.reviewedBy, when: fmt.dateTime(v.reviewedAt) })}: “${v.reviewNote ?? ''}”`
                        : t('scriptLibrary.approvedBy', { who: v.reviewedBy, when: fmt.dateTime(v.reviewedAt) })}
                    </div>
                  )}
                </>
              ),
          },
          {
            key: 'actions',
            header: hiddenHeader(t('userAdmin.actions')),
            cell: (v) =>
              v.status === 'awaiting_approval' ? (
                <div className="actions start">
                  <button
                    type="button"
                    className="button primary"
                    disabled={approve.isPending}
                    onClick={() => approve.mutate(v.id)}
                  >
                    {t('scriptLibrary.approve')}
                  </button>
                  <button
                    type="button"
                    className="button"
                    aria-expanded={rejecting === v.id}
                    onClick={() => setRejecting(rejecting === v.id ? null : v.id)}
                  >
                    {t('scriptLibrary.reject')}
                  </button>
                </div>
              ) : (
                v.id !== current.id && (
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
                )
              ),
          },
        ]}
      />
      {rejecting && (
        <form
          className="admin-form"
          onSubmit={(e) => {
            e.preventDefault();
            reject.mutate({ versionId: rejecting, note: note.trim() }, { onSuccess: () => setRejecting(null) });
          }}
        >
          <TextAreaField label={t('scriptLibrary.rejectNote')} rows={2} value={note} onChange={setNote} required />
          <button type="submit" className="button" disabled={reject.isPending}>
            {t('scriptLibrary.confirmReject')}
          </button>
        </form>
      )}
      {approve.isError && <ErrorState error={approve.error} />}
      {reject.isError && <ErrorState error={reject.error} />}
      {restore.isError && (
        <>
          <ErrorState error={restore.error} />
          <TextField label={t('scriptLibrary.justification')} value={justification} onChange={setJustification} />
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
