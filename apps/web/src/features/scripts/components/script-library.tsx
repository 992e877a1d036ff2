import type { ScriptList, ScriptVersionDetail, ScriptVersionSummary } from '@crm/contracts';
import { renderScriptText } from '@crm/domain';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable, hiddenHeader } from '../../../components/ui/data-table';
import { TextAreaField, TextField } from '../../../components/ui/field';
import { ErrorState, LoadingState } from '../../../components/ui/states';
import { percent, useFormat } from '../../../lib/format';
import { useKpis } from '../../reports/api/get-kpis';
import { VariablesHelp } from './variables-help';
import { VersionDiff } from './version-diff';
import { deskPlaceholders } from './promise-read-back';
import { useCreateDraft } from '../api/create-draft';
import { useScriptVersion } from '../api/get-script-version';
import { useScriptLibrary } from '../api/get-scripts';
import { useLint } from '../api/lint-text';
import { usePreview } from '../api/preview-version';
import { usePublish } from '../api/publish-version';
import { useApproveVersion, useRejectVersion } from '../api/review-version';
import { useSaveDraft } from '../api/save-draft';
import { useTexts } from '../../../lib/i18n';

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

type Steps = ScriptVersionDetail['steps'];

/** The script library: pick a script, see its versions, edit a draft with live compliance lint, publish. */
export function ScriptLibrary() {
  const { t } = useTranslation();
  const library = useScriptLibrary();
  const [scriptId, setScriptId] = useState<string | null>(null);
  const [versionId, setVersionId] = useState<string | null>(null);
  const [compare, setCompare] = useState<{ fromId: string; toId: string } | null>(null);
  if (library.isPending) return <LoadingState />;
  if (library.isError) return <ErrorState error={library.error} onRetry={() => void library.refetch()} />;
  const script = library.data.items.find((s) => s.id === scriptId) ?? null;
  return (
    <div className="script-library">
      <nav className="panel script-list" aria-label={t('scriptLibrary.scripts')}>
        <ul className="plain">
          {library.data.items.map((s) => (
            <li key={s.id}>
              <button
                type="button"
                className={`link-button${s.id === scriptId ? ' strong' : ''}`}
                aria-current={s.id === scriptId}
                onClick={() => {
                  setScriptId(s.id);
                  setVersionId(null);
                  setCompare(null);
                }}
              >
                {t(`stages.${s.stage}`)} · {s.locale}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <div className="script-main">
        {script ? (
          <Versions
            script={script}
            selected={versionId}
            onSelect={setVersionId}
            onCompare={(fromId, toId) => setCompare({ fromId, toId })}
          />
        ) : (
          <p className="muted">{t('scriptLibrary.pick')}</p>
        )}
        {compare && (
          <VersionDiff
            key={`${compare.fromId}-${compare.toId}`}
            fromId={compare.fromId}
            toId={compare.toId}
            onClose={() => setCompare(null)}
          />
        )}
        {versionId && <VersionEditor key={versionId} versionId={versionId} />}
      </div>
    </div>
  );
}

function Versions({
  script,
  selected,
  onSelect,
  onCompare,
}: {
  script: ScriptList['items'][number];
  selected: string | null;
  onSelect: (id: string) => void;
  onCompare: (fromId: string, toId: string) => void;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const create = useCreateDraft(script.id);
  // Which wording works: promises made and kept per version over the last 90 days (KPI report).
  const today = new Date();
  const effect = useKpis({
    from: isoDay(new Date(today.getTime() - 89 * 86_400_000)),
    to: isoDay(today),
    groupBy: 'scriptVersion',
  });
  const byVersion = new Map((effect.data?.groups ?? []).map((g) => [g.key, g]));
  const hasDraft = script.versions.some((v) => v.status === 'draft');
  const published = script.versions.find((v) => v.status === 'published');
  return (
    <section className="panel versions" aria-label={t('scriptLibrary.versions')}>
      <div className="spread">
        <h2>{script.name}</h2>
        <button
          type="button"
          className="button"
          disabled={create.isPending}
          onClick={() => create.mutate(undefined, { onSuccess: (d) => onSelect(d.id) })}
        >
          {t('scriptLibrary.newDraft')}
        </button>
      </div>
      {hasDraft && <p className="muted small">{t('scriptLibrary.draftExists')}</p>}
      <DataTable
        rows={script.versions}
        rowKey={(v) => v.id}
        rowClassName={(v) => (v.id === selected ? 'selected' : undefined)}
        columns={[
          { key: 'version', header: t('scriptLibrary.version'), cell: (v) => `v${v.version}` },
          {
            key: 'status',
            header: t('scriptLibrary.status'),
            cell: (v) => (
              <>
                <span className={`badge status-${v.status}`}>{t(`scriptLibrary.statuses.${v.status}`)}</span>
                <Approval version={v} />
              </>
            ),
          },
          { key: 'by', header: t('scriptLibrary.by'), cell: (v) => v.createdBy ?? '—' },
          { key: 'when', header: t('scriptLibrary.when'), cell: (v) => fmt.dateTime(v.publishedAt ?? v.createdAt) },
          {
            key: 'made',
            header: t('kpi.col.promisesMade'),
            title: t('scriptLibrary.effectHelp'),
            numeric: true,
            cell: (v) => fmt.number(byVersion.get(v.id)?.promisesMade ?? 0),
          },
          {
            key: 'kept',
            header: t('kpi.col.keptRateByCount'),
            title: t('scriptLibrary.effectHelp'),
            numeric: true,
            cell: (v) => percent(byVersion.get(v.id)?.keptRateByCount),
          },
          {
            key: 'actions',
            header: hiddenHeader(t('userAdmin.actions')),
            cell: (v) => (
              <div className="version-actions">
                <button type="button" className="button" onClick={() => onSelect(v.id)}>
                  {v.status === 'draft' ? t('scriptLibrary.edit') : t('scriptLibrary.view')} v{v.version}
                </button>{' '}
                {published && v.id !== published.id && (
                  <button type="button" className="button" onClick={() => onCompare(published.id, v.id)}>
                    {t('scriptLibrary.compare', { version: published.version })}
                  </button>
                )}{' '}
                {v.status === 'archived' && (
                  <button
                    type="button"
                    className="button"
                    disabled={create.isPending}
                    onClick={() => create.mutate(v.id, { onSuccess: (d) => onSelect(d.id) })}
                  >
                    {t('scriptLibrary.restore')}
                  </button>
                )}
              </div>
            ),
          },
        ]}
        below={(v) =>
          v.status === 'awaiting_approval'
            ? { className: 'history-row', node: <ReviewActions versionId={v.id} /> }
            : null
        }
      />
      {create.isError && <ErrorState error={create.error} />}
    </section>
  );
}

/** Why a version with findings went (or may go) live, who submitted it and who approved or rejected it, when. */
export function Approval({ version: v }: { version: ScriptVersionSummary }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const when = (iso: string | null) => (iso ? fmt.dateTime(iso) : '');
  if (!v.justification && !v.reviewedBy) return null;
  return (
    <div className="small approval">
      {v.justification && (
        <div title={v.justification}>
          {v.findings > 0
            ? t('scriptLibrary.findingsJustified', { count: v.findings, justification: v.justification })
            : `${t('scriptLibrary.justified')}: “${v.justification}”`}
        </div>
      )}
      {v.submittedBy && (
        <div className="muted">{t('scriptLibrary.submittedBy', { who: v.submittedBy, when: when(v.submittedAt) })}</div>
      )}
      {v.reviewedBy &&
        (v.status === 'rejected' ? (
          <div>
            {t('scriptLibrary.rejectedBy', { who: v.reviewedBy, when: when(v.reviewedAt) })}: “{v.reviewNote}”
          </div>
        ) : (
          <div>{t('scriptLibrary.approvedBy', { who: v.reviewedBy, when: when(v.reviewedAt) })}</div>
        ))}
    </div>
  );
}

/** Approve (a second admin: the server refuses the author) or reject with a note. */
function ReviewActions({ versionId }: { versionId: string }) {
  const { t } = useTranslation();
  const approve = useApproveVersion(versionId);
  const reject = useRejectVersion(versionId);
  const [rejecting, setRejecting] = useState(false);
  const [note, setNote] = useState('');
  const busy = approve.isPending || reject.isPending;
  return (
    <div className="review-actions">
      <span className="small">{t('scriptLibrary.needsSecondAdmin')}</span>
      <button type="button" className="button primary" disabled={busy} onClick={() => approve.mutate()}>
        {t('scriptLibrary.approve')}
      </button>{' '}
      <button type="button" className="button" aria-expanded={rejecting} onClick={() => setRejecting(!rejecting)}>
        {t('scriptLibrary.reject')}
      </button>
      {rejecting && (
        <form
          className="admin-form"
          onSubmit={(e) => {
            e.preventDefault();
            reject.mutate(note.trim());
          }}
        >
          <TextAreaField label={t('scriptLibrary.rejectNote')} rows={2} value={note} onChange={setNote} required />
          <button type="submit" className="button" disabled={busy}>
            {t('scriptLibrary.confirmReject')}
          </button>
        </form>
      )}
      {approve.isError && <ErrorState error={approve.error} />}
      {reject.isError && <ErrorState error={reject.error} />}
    </div>
  );
}

function VersionEditor({ versionId }: { versionId: string }) {
  const { t } = useTranslation();
  const version = useScriptVersion(versionId);
  const [steps, setSteps] = useState<Steps | null>(null);
  useEffect(() => {
    if (version.data) setSteps(version.data.steps);
  }, [version.data]);
  if (version.isPending || !steps) return <LoadingState />;
  if (version.isError) return <ErrorState error={version.error} />;
  const v = version.data;
  const editable = v.status === 'draft';
  const setText = (i: number, j: number | null, text: string) =>
    setSteps(
      steps.map((s, k) =>
        k !== i
          ? s
          : j === null
            ? { ...s, text }
            : { ...s, branches: s.branches!.map((b, m) => (m === j ? { ...b, text } : b)) },
      ),
    );
  return (
    <section className="panel editor" aria-label={t('scriptLibrary.editor', { version: v.version })}>
      <h2>
        v{v.version} · {t(`scriptLibrary.statuses.${v.status}`)}
      </h2>
      {editable ? <VariablesHelp /> : <p className="muted small">{t('scriptLibrary.readOnly')}</p>}
      {steps.map((step, i) => (
        <div key={step.key} className="step-editor">
          <h3>{step.title}</h3>
          <LintedText
            label={step.title}
            text={step.text}
            locale={v.locale}
            editable={editable}
            onChange={(text) => setText(i, null, text)}
          />
          {step.branches?.map((b, j) => (
            <div key={b.key} className="branch-editor">
              <h4>{b.title}</h4>
              <LintedText
                label={`${step.title}: ${b.title}`}
                text={b.text}
                locale={v.locale}
                editable={editable}
                onChange={(text) => setText(i, j, text)}
              />
            </div>
          ))}
        </div>
      ))}
      {editable && <DraftActions versionId={v.id} steps={steps} />}
      <Preview versionId={v.id} />
    </section>
  );
}

/** A text with the linter's findings shown under it as highlighted spans with their explanation. */
/** The text with each finding's span marked (findings must be for exactly this text). */
function marked(text: string, findings: { start: number; end: number }[]): ReactNode[] {
  const out: ReactNode[] = [];
  let at = 0;
  findings.forEach((f, k) => {
    if (f.start < at) return;
    out.push(text.slice(at, f.start), <mark key={k}>{text.slice(f.start, f.end)}</mark>);
    at = f.end;
  });
  out.push(text.slice(at));
  return out;
}

/**
 * A text box with live compliance lint: offending spans are highlighted inside the box (a
 * backdrop layer under a transparent textarea, scrolled with it) once the linter has answered
 * for the current text, with each finding's explanation and a lawful alternative below.
 */
export function LintedText({
  label,
  text,
  locale,
  editable,
  onChange,
}: {
  label: string;
  text: string;
  locale: 'en' | 'zh-CN';
  editable: boolean;
  onChange: (text: string) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const backdrop = useRef<HTMLDivElement>(null);
  const [debounced, setDebounced] = useState(text);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(text), 350);
    return () => clearTimeout(timer);
  }, [text]);
  const lint = useLint(debounced, locale);
  const findings = lint.data?.findings ?? [];
  // Marks only when the findings belong to the text on screen (offsets shift while typing).
  const current = !lint.isPlaceholderData && debounced === text;
  return (
    <div className="linted">
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <div className="lint-editor">
        <div className="lint-backdrop" ref={backdrop} aria-hidden="true">
          {current ? marked(text, findings) : text}
          {'\n'}
        </div>
        <textarea
          id={id}
          rows={3}
          value={text}
          readOnly={!editable}
          onChange={(e) => onChange(e.target.value)}
          onScroll={(e) => {
            if (backdrop.current) backdrop.current.scrollTop = e.currentTarget.scrollTop;
          }}
          aria-invalid={findings.length > 0}
          aria-describedby={findings.length ? `${id}-findings` : undefined}
        />
      </div>
      {findings.length > 0 && (
        <div id={`${id}-findings`} className="lint-findings" role="status">
          <ul className="plain small">
            {findings.map((f, k) => (
              <li key={k}>
                <strong>{t(`scriptLibrary.categories.${f.category}`)}</strong>: “{f.excerpt}” — {f.message}{' '}
                <em>
                  {t('scriptLibrary.try')}: {f.suggestion}
                </em>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

function DraftActions({ versionId, steps }: { versionId: string; steps: Steps }) {
  const { t } = useTranslation();
  const save = useSaveDraft(versionId);
  const publish = usePublish(versionId);
  const [justification, setJustification] = useState('');
  return (
    <div className="draft-actions">
      <div className="actions start">
        <button type="button" className="button" disabled={save.isPending} onClick={() => save.mutate({ steps })}>
          {t('scriptLibrary.save')}
        </button>
        <button
          type="button"
          className="button primary"
          disabled={save.isPending || publish.isPending}
          onClick={() => save.mutate({ steps }, { onSuccess: () => publish.mutate(justification.trim() || undefined) })}
        >
          {t('scriptLibrary.publish')}
        </button>
        {save.isSuccess && !publish.isSuccess && <span role="status">{t('scriptLibrary.saved')}</span>}
        {publish.isSuccess && (
          <span role="status">
            {publish.data.status === 'awaiting_approval' ? t('scriptLibrary.submitted') : t('scriptLibrary.published')}
          </span>
        )}
      </div>
      <TextAreaField
        label={t('scriptLibrary.justification')}
        rows={2}
        value={justification}
        onChange={setJustification}
      />
      {save.isError && <ErrorState error={save.error} />}
      {publish.isError && <ErrorState error={publish.error} />}
    </div>
  );
}

/** Renders the saved version against an account number, exactly as the collector will see it. */
function Preview({ versionId }: { versionId: string }) {
  const { t } = useTranslation();
  const preview = usePreview();
  const [account, setAccount] = useState('');
  // No promise is typed in a preview: the close's read-back shows its placeholders, in the script's language.
  const placeholders = (locale: string) => deskPlaceholders((key) => t(key, { lng: locale }));
  const previewTexts = useTexts(preview.data?.locale); // the script's language may not be the admin's
  return (
    <div className="script-preview">
      <form
        className="admin-form inline"
        onSubmit={(e) => {
          e.preventDefault();
          preview.mutate({ versionId, account: account.trim() });
        }}
      >
        <TextField
          label={t('scriptLibrary.previewAccount')}
          value={account}
          onChange={setAccount}
          placeholder="A000000001"
          required
        />
        <button type="submit" className="button" disabled={preview.isPending}>
          {t('scriptLibrary.preview')}
        </button>
      </form>
      {preview.isError && <ErrorState error={preview.error} />}
      {preview.data && previewTexts && (
        <ol className="script-steps" aria-label={t('scriptLibrary.previewTitle')}>
          {preview.data.steps.map((s) => (
            <li key={s.key}>
              <strong>{s.title}</strong>
              <p>{renderScriptText(s.text, placeholders(preview.data.locale))}</p>
              {s.branches?.map((b) => (
                <p key={b.key} className="small">
                  <em>{b.title}:</em> {renderScriptText(b.text, placeholders(preview.data.locale))}
                </p>
              ))}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
