import type { CaseFile, HistoryEntry } from '@crm/contracts';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PromiseSummary } from '../../../components/ui/promise-summary';
import { StageBadge } from '../../../components/ui/stage-badge';
import { useFormat } from '../../../lib/format';
import { useMe } from '../../auth/api/get-me';
import { ValidationAndDisputes } from './validation-and-disputes';
import { ConsentBadges } from './consent-badges';
import { ConsentEditor } from './consent-editor';
import { AddContactPoint, ContactPointActions } from './contact-point-editor';
import { CustomerZones } from './customer-zones';
import { GateStatus } from './gate-status';
import { RecentBranches } from './recent-branches';
import { ThirdParties } from './third-parties';

/**
 * Everything to know before dialling: who, how much and how late, history, and whether we may call now.
 * `debtDetails` false (the desk, before the customer is verified): who and whether we may call, never the debt.
 * `stopFlags`: the stop-flags feature's panel, and `promiseActions`: the promises feature's amend and
 * cancel for a pending promise, both composed by the route (features share data, not components).
 */
export function CaseFileView({
  caseFile,
  debtDetails = true,
  stopFlags,
  promiseActions,
}: {
  caseFile: CaseFile;
  debtDetails?: boolean;
  stopFlags?: ReactNode;
  promiseActions?: PromiseActionsSlot;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { data: me } = useMe();
  const { customer, account, summary } = caseFile;
  const money = (minor: number) => fmt.money(minor, account.currency);
  return (
    <div className="case-file" data-account-id={account.id}>
      <header className="case-header">
        <div>
          <h2 className="customer-name" data-testid="customer-name">
            {customer.fullName}
          </h2>
          <p className="muted small">
            {[
              customer.ageBand ? `${t('caseFile.ageBand')}: ${t(`ageBands.${customer.ageBand}`)}` : null,
              t(`languages.${customer.preferredLanguage}`),
              `${customer.timeZone} · ${t('workstation.customerTime', { time: customer.localTime })}`,
            ]
              .filter(Boolean)
              .join(' · ')}
          </p>
        </div>
        {debtDetails && (
          <div className="case-figures">
            <Figure label={t('caseFile.overdue')} value={money(account.overdueMinor)} strong />
            <Figure label={t('caseFile.balance')} value={money(account.balanceMinor)} />
            {account.creditMinor > 0 && <Figure label={t('caseFile.credit')} value={money(account.creditMinor)} />}
            <Figure label={t('caseFile.dpd')} value={fmt.number(account.daysPastDue)} />
            <div className="figure">
              <span className="muted small">{t('accounts.stage')}</span>
              <StageBadge stage={account.stage} />
            </div>
          </div>
        )}
      </header>

      <GateStatus gate={summary.gate} timeZone={customer.timeZone} />

      <Section id="cf-zones" title={t('zones.title')}>
        <CustomerZones caseFile={caseFile} />
      </Section>

      <Section hidden={!debtDetails} id="cf-summary" title={t('caseFile.summary')}>
        <dl className="facts">
          <dt>{t('caseFile.willingnessLabel')}</dt>
          <dd>
            <strong>{t(`willingness.${summary.willingness}`)}</strong>{' '}
            <span className="muted small">
              {t('caseFile.promiseRecord', {
                kept: summary.promisesKept,
                partly: summary.promisesPartlyKept,
                broken: summary.promisesBroken,
                pending: summary.promisesPending,
              })}
            </span>
            <RecentBranches branches={summary.recentBranches} />
          </dd>
          <dt>{t('caseFile.lastContact')}</dt>
          <dd>
            {summary.lastContact
              ? `${fmt.timeIn(summary.lastContact.at, customer.timeZone)} · ${t(`dispositions.${summary.lastContact.disposition}`)}`
              : t('caseFile.never_contacted')}
          </dd>
          <dt>{t('caseFile.bestHours')}</dt>
          <dd>
            {summary.bestHours.length
              ? summary.bestHours.map((h) => `${String(h).padStart(2, '0')}:00`).join(', ')
              : t('caseFile.noBestHours')}
          </dd>
          <dt>{t('caseFile.account')}</dt>
          <dd>
            <span className="mono">{account.externalId}</span> · {account.creditorName} ·{' '}
            {t(`products.${account.product}`, { defaultValue: account.product })}
          </dd>
          <dt>{t('caseFile.missed')}</dt>
          <dd>
            {account.missedInstalments}
            {account.oldestUnpaidDueDate && (
              <span className="muted small">
                {' '}
                · {t('caseFile.dueSince')}: {fmt.date(account.oldestUnpaidDueDate)}
              </span>
            )}
          </dd>
          {customer.employmentNotes && (
            <>
              <dt>{t('caseFile.employment')}</dt>
              <dd>{customer.employmentNotes}</dd>
            </>
          )}
          {customer.householdNotes && (
            <>
              <dt>{t('caseFile.household')}</dt>
              <dd>{customer.householdNotes}</dd>
            </>
          )}
        </dl>
        {caseFile.pendingCallback && (
          <p className="notice">
            {t('caseFile.pendingCallback', { time: fmt.timeIn(caseFile.pendingCallback.dueAt, customer.timeZone) })}
          </p>
        )}
      </Section>

      <Section hidden={!debtDetails} id="cf-disputes" title={t('disputes.title')}>
        <ValidationAndDisputes
          accountId={account.id}
          currency={account.currency}
          timeZone={customer.timeZone}
          data={caseFile.disputes}
          user={me}
        />
      </Section>

      <ListSection
        hidden={!debtDetails}
        id="cf-reminders"
        title={t('caseFile.reminders')}
        items={caseFile.reminders}
        item={(r) => (
          <>
            <span className="muted small">{fmt.timeIn(r.sentAt ?? r.sendAfter, customer.timeZone)}</span>{' '}
            {t(`channels.${r.channel}`)} → <span className="mono">{r.recipient}</span>{' '}
            <span className="badge">{t(`reminderStatus.${r.status}`)}</span>
            {r.status === 'blocked' && r.lastError && <div className="muted small">{r.lastError}</div>}
          </>
        )}
      />

      <ListSection
        hidden={!debtDetails}
        id="cf-claims"
        title={t('caseFile.claimedPayments')}
        items={caseFile.claimedPayments}
        item={(c) => (
          <>
            {fmt.money(c.claimedAmountMinor, account.currency)} · {fmt.date(c.claimedPaidOn)} ·{' '}
            {t(`paymentChannels.${c.claimedChannel}`, { defaultValue: c.claimedChannel })}
            {c.claimedReference ? ` · ${c.claimedReference}` : ''}{' '}
            <span className={`badge ${c.status === 'matched' ? 'promise-kept' : 'promise-pending'}`}>
              {t(`claimStatus.${c.status}`)}
            </span>
          </>
        )}
      />

      {stopFlags ?? (
        <ListSection
          id="cf-flags"
          title={t('caseFile.stopFlags')}
          items={caseFile.stopFlags}
          item={(f) => (
            <>
              <span className="badge flag">✕ {t(`stopFlags.${f.type}`, { defaultValue: f.type })}</span> {f.reason}{' '}
              <span className="muted small">{fmt.date(f.setAt.slice(0, 10))}</span>
            </>
          )}
        />
      )}

      <Section id="cf-points" title={t('caseFile.contactPoints')}>
        <ul className="plain contact-points">
          {caseFile.contactPoints.map((p) => (
            <li key={p.id}>
              <span className="mono">{p.value}</span>{' '}
              <span className="muted small">
                {t(`contactTypes.${p.type}`, { defaultValue: p.type })} · {t(`contactPointStatus.${p.status}`)} ·{' '}
                {p.timeZones.length > 0
                  ? `${p.timeZones.join(', ')}${p.zoneSource ? ` (${t(`zones.source.${p.zoneSource}`)})` : ''}`
                  : t('zones.unknown')}
              </span>
              <ConsentBadges point={p} />
              {p.workedBefore && <span className="badge ok">✓ {t('caseFile.workedBefore')}</span>}
              <GateStatus gate={p.gate} timeZone={customer.timeZone} compact />
              <ContactPointActions accountId={account.id} point={p} />
            </li>
          ))}
        </ul>
        <AddContactPoint accountId={account.id} />
      </Section>

      <Section id="cf-consent" title={t('consent.title')}>
        <ConsentEditor caseFile={caseFile} />
      </Section>

      <Section id="cf-third-parties" title={t('caseFile.thirdParties')}>
        <ThirdParties caseFile={caseFile} />
      </Section>

      <Section hidden={!debtDetails} id="cf-other" title={t('caseFile.otherAccounts')}>
        {caseFile.otherAccounts.length === 0 ? (
          <p className="muted small">{t('caseFile.noOtherAccounts')}</p>
        ) : (
          <ul className="plain">
            {caseFile.otherAccounts.map((a) => (
              <li key={a.id}>
                <span className="mono">{a.externalId}</span> {a.creditorName} · {fmt.money(a.overdueMinor, a.currency)}{' '}
                / {fmt.money(a.balanceMinor, a.currency)} · {a.daysPastDue} {t('caseFile.dpd')}{' '}
                <StageBadge stage={a.stage} />
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section hidden={!debtDetails} id="cf-history" title={t('caseFile.history')}>
        {caseFile.history.length === 0 ? (
          <p className="muted small">{t('caseFile.noHistory')}</p>
        ) : (
          <ol className="timeline" data-testid="history">
            {caseFile.history.slice(0, 60).map((h) => (
              <HistoryItem
                key={`${h.kind}-${h.id}`}
                entry={h}
                timeZone={customer.timeZone}
                promiseActions={promiseActions}
              />
            ))}
          </ol>
        )}
      </Section>
    </div>
  );
}

/** A titled part of the case file (its heading names it for screen readers); `hidden`: not shown at all. */
function Section({
  id,
  title,
  children,
  hidden,
}: {
  id: string;
  title: string;
  children: ReactNode;
  hidden?: boolean;
}) {
  if (hidden) return null;
  return (
    <section className="case-section" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {children}
    </section>
  );
}

/** A titled list, shown only when it has something in it. */
function ListSection<T extends { id: string }>({
  id,
  title,
  items,
  item,
  hidden,
}: {
  id: string;
  title: string;
  items: readonly T[];
  item: (x: T) => ReactNode;
  hidden?: boolean;
}) {
  if (items.length === 0) return null;
  return (
    <Section id={id} title={title} hidden={hidden}>
      <ul className="plain">
        {items.map((x) => (
          <li key={x.id}>{item(x)}</li>
        ))}
      </ul>
    </Section>
  );
}

function Figure({ label, value, strong = false }: { label: string; value: string; strong?: boolean }) {
  return (
    <div className="figure">
      <span className="muted small">{label}</span>
      <span className={strong ? 'metric-sm strong' : 'metric-sm'}>{value}</span>
    </div>
  );
}

/** What the route shows beside a pending promise in the history (the promises feature's actions). */
export type PromiseActionsSlot = (promise: Extract<HistoryEntry, { kind: 'promise' }>) => ReactNode;

function HistoryItem({
  entry,
  timeZone,
  promiseActions,
}: {
  entry: HistoryEntry;
  timeZone: string;
  promiseActions?: PromiseActionsSlot;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const when = fmt.timeIn(entry.at, timeZone);
  switch (entry.kind) {
    case 'contact':
      return (
        <li className="timeline-item">
          <span className="muted small">{when}</span> <strong>{t(`dispositions.${entry.disposition}`)}</strong>{' '}
          <span className="muted small">
            {t(`channels.${entry.channel}`)} · {t(`parties.${entry.partyReached}`)}
            {entry.collectorName ? ` · ${t('caseFile.by', { name: entry.collectorName })}` : ''}
          </span>
          {entry.notes && <div className="note">{entry.notes}</div>}
        </li>
      );
    case 'promise':
      return (
        <li className="timeline-item">
          <span className="muted small">{when}</span> <strong>{t('historyKinds.promise')}</strong>{' '}
          <PromiseSummary promise={entry} />
          {entry.status === 'pending' && (
            <span className="muted small"> · {t('caseFile.countsUntil', { date: fmt.date(entry.graceEnds) })}</span>
          )}
          {entry.status === 'pending' && promiseActions?.(entry)}
          {entry.allocations.length > 0 && (
            <ul className="allocations" aria-label={t('caseFile.allocationsOf')}>
              {entry.allocations.map((a) => (
                <li key={a.paymentId} className="small">
                  ←{' '}
                  {t('caseFile.allocatedFrom', {
                    amount: fmt.money(a.amountMinor, entry.currency),
                    date: fmt.timeIn(a.paidAt, timeZone),
                    reference: a.reference,
                  })}
                </li>
              ))}
            </ul>
          )}
        </li>
      );
    case 'payment':
      return (
        <li className="timeline-item">
          <span className="muted small">{when}</span> <strong>{t('historyKinds.payment')}</strong>{' '}
          {fmt.money(entry.amountMinor, entry.currency)}{' '}
          <span className="muted small">
            {t(`paymentChannels.${entry.channel}`, { defaultValue: entry.channel })} · {entry.reference}
            {entry.reversal ? ` · ${t('caseFile.reversal')}` : ''}
          </span>{' '}
          {entry.reversed && <span className="badge promise-broken">{t('caseFile.reversed')}</span>}
          {!entry.reversal && !entry.reversed && (
            <ul className="allocations" aria-label={t('caseFile.allocationsOf')}>
              {entry.allocatedTo.length === 0 ? (
                <li className="small muted">{t('caseFile.notAllocated')}</li>
              ) : (
                entry.allocatedTo.map((a) => (
                  <li key={a.promiseId} className="small">
                    →{' '}
                    {t('caseFile.allocatedTo', {
                      amount: fmt.money(a.amountMinor, entry.currency),
                      date: fmt.date(a.dueDate),
                    })}
                  </li>
                ))
              )}
            </ul>
          )}
        </li>
      );
    case 'plan':
      return (
        <li className="timeline-item">
          <span className="muted small">{when}</span> <strong>{t('historyKinds.plan')}</strong>{' '}
          {t('caseFile.instalments', { count: entry.instalments, amount: fmt.money(entry.totalMinor, entry.currency) })}{' '}
          <span className="badge">{t(`planStatus.${entry.status}`)}</span>
        </li>
      );
  }
}
