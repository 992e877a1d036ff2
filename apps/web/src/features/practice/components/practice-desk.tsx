import {
  DISPOSITIONS,
  PARTIES_REACHED,
  type PracticeLogEntry,
  type PracticeOutcomeBody,
  type PracticeSession,
  type SessionUser,
} from '@crm/contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState, LoadingState } from '../../../components/ui/states';
import { useScenarios } from '../api/get-scenarios';
import { usePracticeSession } from '../api/get-practice-session';
import { useFinishPractice, useRecordPracticeOutcome, useSendLine, useStartPractice } from '../api/practice-writes';

/**
 * A minimal practice page (issue 17, ADR 057): pick a scenario in your language, talk to the
 * simulated customer by typing (each line linted), record the outcome, read the debrief. The
 * practice desk proper (the workstation's components on the practice endpoints) comes later.
 */
export function PracticeDesk({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const [sessionId, setSessionId] = useState<string | null>(null);
  const scenarios = useScenarios(user.locale);
  const start = useStartPractice();
  const session = usePracticeSession(sessionId);

  if (sessionId && session.data) return <PracticeCall session={session.data} onLeave={() => setSessionId(null)} />;
  if (scenarios.isPending) return <LoadingState />;
  if (scenarios.isError) return <ErrorState error={scenarios.error} onRetry={() => void scenarios.refetch()} />;
  return (
    <section aria-labelledby="practice-scenarios">
      <h2 id="practice-scenarios">{t('practice.scenarios')}</h2>
      {start.isError && <ErrorState error={start.error} />}
      <ul className="practice-scenarios">
        {scenarios.data.items.map((s) => (
          <li key={s.id} className="card">
            <strong>{s.title}</strong> <span className="muted small">{t(`stages.${s.stage}`)}</span>
            <p className="small">{s.briefing}</p>
            <button
              type="button"
              className="button primary"
              disabled={start.isPending}
              aria-label={t('practice.startNamed', { title: s.title })}
              onClick={() => start.mutate(s.id, { onSuccess: (created) => setSessionId(created.id) })}
            >
              {t('practice.start')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Entry({ entry, index }: { entry: PracticeLogEntry; index: number }) {
  const { t } = useTranslation();
  if (entry.speaker === 'customer')
    return (
      <li className="practice-customer" data-turn={index}>
        <span className="muted small">
          {index} · {t('practice.customer')}
        </span>
        <p>{entry.text}</p>
      </li>
    );
  return (
    <li className="practice-trainee" data-turn={index}>
      <span className="muted small">
        {index} · {t('practice.you')}
      </span>
      <p>{entry.text}</p>
      {entry.findings.length > 0 && (
        <ul className="state-error small" role="alert">
          {entry.findings.map((f) => (
            <li key={`${f.start}:${f.category}`}>
              {t(`scriptLibrary.categories.${f.category}`)}: “{f.excerpt}” — {f.suggestion}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

function PracticeCall({ session, onLeave }: { session: PracticeSession; onLeave: () => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const send = useSendLine(session.id);
  const finish = useFinishPractice(session.id);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return;
    send.mutate(text, { onSuccess: () => setText('') });
  };
  return (
    <section aria-labelledby="practice-call" className="practice-call">
      <h2 id="practice-call">{session.scenario.title}</h2>
      <p className="muted">{session.scenario.briefing}</p>
      <ol className="practice-log" aria-label={t('practice.log')}>
        {session.log.map((entry, i) => (
          <Entry key={i} entry={entry} index={i} />
        ))}
      </ol>
      {session.status === 'in_progress' && !session.ended && (
        <form onSubmit={submit} className="practice-line">
          <label>
            {t('practice.yourLine')}
            <textarea value={text} rows={2} onChange={(e) => setText(e.target.value)} />
          </label>
          <button type="submit" className="button primary" disabled={send.isPending}>
            {t('practice.say')}
          </button>
          {send.isError && <ErrorState error={send.error} />}
        </form>
      )}
      {session.status === 'in_progress' && session.ended && <p role="status">{t('practice.callEnded')}</p>}
      {session.status === 'in_progress' && <OutcomeStep session={session} />}
      {session.status === 'in_progress' && (
        <div>
          <button type="button" className="button" onClick={() => finish.mutate()} disabled={finish.isPending}>
            {t('practice.finish')}
          </button>
          {finish.isError && <ErrorState error={finish.error} />}
        </div>
      )}
      {session.debrief && <Debrief session={session} />}
      <button type="button" className="button ghost" onClick={onLeave}>
        {t('practice.back')}
      </button>
    </section>
  );
}

function OutcomeStep({ session }: { session: PracticeSession }) {
  const { t } = useTranslation();
  const record = useRecordPracticeOutcome(session.id);
  const [party, setParty] = useState<PracticeOutcomeBody['partyReached']>('debtor');
  const [disposition, setDisposition] = useState<PracticeOutcomeBody['disposition']>('promise_to_pay');
  const [amount, setAmount] = useState('');
  const [dueDate, setDueDate] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const minor = Math.round(Number(amount) * 100);
    record.mutate({
      partyReached: party,
      disposition,
      ...(disposition === 'promise_to_pay'
        ? { promise: { amountMinor: minor, dueDate, channel: 'bank_transfer' } }
        : {}),
    });
  };
  return (
    <form onSubmit={submit} className="practice-outcome" aria-label={t('practice.outcome')}>
      <h3>{t('practice.outcome')}</h3>
      <label>
        {t('practice.partyReached')}
        <select value={party} onChange={(e) => setParty(e.target.value as typeof party)}>
          {PARTIES_REACHED.map((p) => (
            <option key={p} value={p}>
              {t(`parties.${p}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('practice.disposition')}
        <select value={disposition} onChange={(e) => setDisposition(e.target.value as typeof disposition)}>
          {DISPOSITIONS.map((d) => (
            <option key={d} value={d}>
              {t(`dispositions.${d}`)}
            </option>
          ))}
        </select>
      </label>
      {disposition === 'promise_to_pay' && (
        <>
          <label>
            {t('practice.amount')}
            <input inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />
          </label>
          <label>
            {t('practice.dueDate')}
            <input type="date" value={dueDate} onChange={(e) => setDueDate(e.target.value)} />
          </label>
        </>
      )}
      <button type="submit" className="button primary" disabled={record.isPending}>
        {t('practice.recordOutcome')}
      </button>
      {session.outcome && <p role="status">{t('practice.outcomeSaved')}</p>}
      {record.isError && <ErrorState error={record.error} />}
    </form>
  );
}

function Debrief({ session }: { session: PracticeSession }) {
  const { t } = useTranslation();
  const d = session.debrief!;
  return (
    <section aria-labelledby="practice-debrief" className="card">
      <h3 id="practice-debrief">{t('practice.debrief')}</h3>
      <p>
        <strong>{t('practice.score', { score: d.score })}</strong> ·{' '}
        {d.passed ? t('practice.passed') : t('practice.notPassed')}
      </p>
      <table className="table">
        <thead>
          <tr>
            <th>{t('practice.check')}</th>
            <th>{t('practice.result')}</th>
            <th>{t('practice.turn')}</th>
          </tr>
        </thead>
        <tbody>
          {d.findings.map((f) => (
            <tr key={f.check}>
              <td>{t(`practice.checks.${f.check}`)}</td>
              <td>{f.met === null ? t('practice.notApplicable') : f.met ? t('practice.met') : t('practice.notMet')}</td>
              <td>{f.turn ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        {t('practice.expectedOutcome', {
          expected: t(`dispositions.${d.outcome.expected.disposition}`),
          recorded: d.outcome.recorded ? t(`dispositions.${d.outcome.recorded.disposition}`) : '—',
        })}{' '}
        {d.outcome.matches ? t('practice.outcomeMatches') : t('practice.outcomeDiffers')}
      </p>
    </section>
  );
}
