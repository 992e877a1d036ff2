import { STOP_FLAG_TYPES, type PolicyItem } from '@crm/contracts';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCodeOptions } from '../../../components/ui/code-options';
import { ExpandButton } from '../../../components/ui/expand-button';
import { CheckboxField, CheckboxGroup, TextField } from '../../../components/ui/field';
import { ErrorState, LoadingState } from '../../../components/ui/states';
import { useFormat } from '../../../lib/format';
import { usePolicies } from '../api/get-policies';
import { usePolicyVersions } from '../api/get-policy-versions';
import { useSavePolicy } from '../api/save-policy';

type StopFlagType = (typeof STOP_FLAG_TYPES)[number];

/** Every policy in force, each in its own form; saving makes a new version, in force at once. */
export function PoliciesEditor() {
  const policies = usePolicies();
  if (policies.isPending) return <LoadingState />;
  if (policies.isError) return <ErrorState error={policies.error} onRetry={() => void policies.refetch()} />;
  return (
    <div className="policies">
      {policies.data.items.map((p) => (
        <PolicyForm key={`${p.kind}:${p.key}:${p.version}`} policy={p} />
      ))}
    </div>
  );
}

type Field = { path: string[]; label: string; kind: 'number' | 'time' | 'bool' | 'nullableNumber' };
const FIELDS: Record<PolicyItem['kind'], Field[]> = {
  stage_thresholds: [
    { path: ['preDueMaxDpd'], label: 'preDueMaxDpd', kind: 'number' },
    { path: ['m1MaxDpd'], label: 'm1MaxDpd', kind: 'number' },
    { path: ['m2MaxDpd'], label: 'm2MaxDpd', kind: 'number' },
    { path: ['m3MaxDpd'], label: 'm3MaxDpd', kind: 'number' },
  ],
  promise_rules: [
    { path: ['graceDays'], label: 'graceDays', kind: 'number' },
    { path: ['minAmountMinor'], label: 'minAmountMinor', kind: 'number' },
    { path: ['maxHorizonDays'], label: 'maxHorizonDays', kind: 'number' },
  ],
  queue_weights: [
    { path: ['callbackDue'], label: 'callbackDue', kind: 'number' },
    { path: ['promiseDueToday'], label: 'promiseDueToday', kind: 'number' },
    { path: ['promiseBrokenRecently'], label: 'promiseBrokenRecently', kind: 'number' },
    { path: ['rollsToNextStage'], label: 'rollsToNextStage', kind: 'number' },
    { path: ['balancePerLog10'], label: 'balancePerLog10', kind: 'number' },
    { path: ['perDaySinceContact'], label: 'perDaySinceContact', kind: 'number' },
    { path: ['maxDaysSinceContact'], label: 'maxDaysSinceContact', kind: 'number' },
    { path: ['bestTimeToCall'], label: 'bestTimeToCall', kind: 'number' },
    { path: ['retryAfterMinutes'], label: 'retryAfterMinutes', kind: 'number' },
  ],
  compliance_profile: [
    { path: ['callWindow', 'start'], label: 'windowStart', kind: 'time' },
    { path: ['callWindow', 'end'], label: 'windowEnd', kind: 'time' },
    { path: ['callCap', 'maxCalls'], label: 'capCalls', kind: 'nullableNumber' },
    { path: ['callCap', 'windowDays'], label: 'capDays', kind: 'nullableNumber' },
    { path: ['dailyUnansweredCapPerContactPoint'], label: 'dailyUnanswered', kind: 'nullableNumber' },
    { path: ['quietDaysAfterConversation'], label: 'quietDays', kind: 'number' },
    { path: ['priorConsentDays'], label: 'priorConsentDays', kind: 'number' },
    { path: ['retentionYears'], label: 'retentionYears', kind: 'number' },
    { path: ['overrideAllowed'], label: 'overrideAllowed', kind: 'bool' },
  ],
};

const get = (data: Record<string, unknown>, path: string[]): unknown =>
  path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), data);
function set(data: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
  const [head, ...rest] = path as [string, ...string[]];
  if (!rest.length) return { ...data, [head]: value };
  const inner = (data[head] && typeof data[head] === 'object' ? data[head] : {}) as Record<string, unknown>;
  return { ...data, [head]: set(inner, rest, value) };
}

function PolicyForm({ policy }: { policy: PolicyItem }) {
  const { t } = useTranslation();
  const id = useId();
  const save = useSavePolicy(policy.kind, policy.key);
  const [data, setData] = useState<Record<string, unknown>>(policy.data);
  const [showHistory, setShowHistory] = useState(false);
  const stopFlags = useCodeOptions('stopFlags', STOP_FLAG_TYPES);
  const submit = () => {
    let out = data;
    // An empty call cap means "no cap".
    if (policy.kind === 'compliance_profile') {
      const cap = out.callCap as { maxCalls?: number | null; windowDays?: number | null } | null;
      if (!cap || cap.maxCalls == null || cap.windowDays == null) out = { ...out, callCap: null };
    }
    save.mutate(out);
  };
  const title =
    policy.kind === 'compliance_profile'
      ? t('policies.profile', { key: policy.key })
      : t(`policies.kinds.${policy.kind}`);
  return (
    <form
      className="panel admin-form policy-form"
      aria-label={title}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <h2>
        {title}{' '}
        <span className="muted small">
          {policy.version === 0 ? t('policies.defaults') : t('policies.version', { version: policy.version })}
        </span>
      </h2>
      {policy.kind === 'queue_weights' && <p className="muted small">{t('policies.queueWeightsHint')}</p>}
      {policy.floorProblems && (
        <div className="state-error small" role="alert">
          <p>{t('policies.belowFloor')}</p>
          <ul>
            {policy.floorProblems.map((p, k) => (
              <li key={k}>
                {p.field}: {p.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="policy-fields">
        {FIELDS[policy.kind].map((f) => {
          const value = get(data, f.path);
          const label = t(`policies.fields.${f.label}`);
          const change = (v: unknown) => setData(set(data, f.path, v));
          if (f.kind === 'bool')
            return <CheckboxField key={f.label} label={label} checked={Boolean(value)} onChange={change} />;
          return (
            <TextField
              key={f.label}
              id={`${id}-${f.path.join('-')}`}
              label={label}
              type={f.kind === 'time' ? 'text' : 'number'}
              inputMode={f.kind === 'time' ? 'numeric' : undefined}
              placeholder={f.kind === 'nullableNumber' ? t('policies.none') : f.kind === 'time' ? 'HH:mm' : undefined}
              value={value == null ? '' : String(value)}
              onChange={(v) =>
                change(f.kind === 'time' ? v : v === '' ? (f.kind === 'nullableNumber' ? null : '') : Number(v))
              }
            />
          );
        })}
      </div>
      {policy.kind === 'compliance_profile' && (
        <CheckboxGroup
          className="stop-flags"
          legend={t('policies.fields.stopFlags')}
          options={stopFlags}
          selected={(data.stopFlags as StopFlagType[]) ?? []}
          onChange={(flags) => setData({ ...data, stopFlags: flags })}
        />
      )}
      <div className="actions start">
        <button type="submit" className="button primary" disabled={save.isPending}>
          {t('policies.save')}
        </button>
        <ExpandButton expanded={showHistory} onToggle={setShowHistory}>
          {t('policies.history')}
        </ExpandButton>
        {save.isSuccess && <span role="status">{t('policies.saved', { version: save.data.version })}</span>}
      </div>
      {showHistory && <PolicyHistory policy={policy} title={title} />}
      {save.isError && <ErrorState error={save.error} />}
    </form>
  );
}

/** Leaves of a policy document as "path" -> printable value ("callWindow.end" -> "21:00"). */
function flatten(data: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (data && typeof data === 'object' && !Array.isArray(data)) {
    for (const [k, v] of Object.entries(data))
      for (const [p, x] of flatten(v, prefix ? `${prefix}.${k}` : k)) out.set(p, x);
  } else {
    out.set(prefix, Array.isArray(data) ? data.join(', ') : data === null ? '—' : String(data));
  }
  return out;
}

/** Every saved version of one policy, newest first, each with what it changed from the one before. */
function PolicyHistory({ policy, title }: { policy: PolicyItem; title: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const versions = usePolicyVersions(policy.kind, policy.key);
  if (versions.isPending) return <LoadingState />;
  if (versions.isError) return <ErrorState error={versions.error} />;
  const items = versions.data.items;
  const label = (path: string) => {
    const field = FIELDS[policy.kind].find((f) => f.path.join('.') === path);
    if (field) return t(`policies.fields.${field.label}`);
    if (path === 'stopFlags') return t('policies.fields.stopFlags');
    if (path === 'callCap') return `${t('policies.fields.capCalls')} / ${t('policies.fields.capDays')}`;
    return path;
  };
  return (
    <ol className="plain policy-history" aria-label={t('policies.historyOf', { title })}>
      {items.map((v, i) => {
        const before = items[i + 1] ? flatten(items[i + 1]!.data) : null;
        const now = flatten(v.data);
        const changes = before
          ? [...new Set([...now.keys(), ...before.keys()])].filter((k) => now.get(k) !== before.get(k))
          : [];
        return (
          <li key={v.version}>
            <strong>v{v.version}</strong>{' '}
            <span className="muted small">
              {v.createdAt ? fmt.dateTime(v.createdAt) : ''} · {v.createdByName ?? t('policies.builtIn')}
            </span>
            {before && (
              <ul className="small">
                {changes.length === 0 && <li className="muted">{t('policies.noChange')}</li>}
                {changes.map((k) => (
                  <li key={k}>
                    {label(k)}: <del>{before.get(k) ?? '—'}</del> → <ins>{now.get(k) ?? '—'}</ins>
                  </li>
                ))}
              </ul>
            )}
          </li>
        );
      })}
    </ol>
  );
}
