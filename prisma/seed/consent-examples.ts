import type pg from 'pg';

/**
 * Consent examples for the demo (issue 13), written after the generated portfolio so the case
 * file shows each kind at least once, on customers of collector1 where the portfolio has one
 * (UK: any collector's): a number opted out of SMS only (calls still allowed), an e-mail address
 * opted out, a work number where calls are inconvenient, a UK customer's stated inconvenient
 * times, a preferred channel and time, an inbound STOP reply already processed, and a third party
 * who asked not to be contacted. Each is written as the API would, with its audit event.
 * Deterministic: each example takes the first matching account by external id.
 */
export async function applyConsentExamples(
  client: pg.PoolClient,
  { now, collectorId }: { now: Date; collectorId: string },
): Promise<string[]> {
  const used: string[] = [];
  const at = now.toISOString();

  /** The first open account (collector1's first) of `profile` whose customer is unused and matches `join`/`where`. */
  async function pick(profile: string, join: string, where = 'true') {
    const res = await client.query<{ accountId: string; debtorId: string; targetId: string }>(
      `SELECT a.id AS "accountId", a.debtor_id AS "debtorId", t.id AS "targetId"
       FROM accounts a ${join}
       WHERE a.compliance_profile = $1 AND a.status = 'open' AND NOT (a.debtor_id = ANY($2::uuid[])) AND ${where}
       ORDER BY (a.assigned_collector_id = $3) DESC NULLS LAST, a.external_id
       LIMIT 1`,
      [profile, used, collectorId],
    );
    const row = res.rows[0];
    if (row) used.push(row.debtorId);
    return row ?? null;
  }
  async function audit(
    action: string,
    entityType: string,
    entityId: string,
    accountId: string,
    data: unknown,
    actorId: string | null = collectorId,
  ) {
    await client.query(
      `INSERT INTO audit_events (at, actor_id, action, entity_type, entity_id, account_ids, purpose, data)
       VALUES ($1, $2, $3, $4, $5, ARRAY[$6]::uuid[], 'collection', $7)`,
      [at, actorId, action, entityType, entityId, accountId, JSON.stringify(data)],
    );
  }
  const point = (type: string, kind = 'phone') =>
    `JOIN contact_points t ON t.debtor_id = a.debtor_id AND t.kind = '${kind}' AND t.type = '${type}' AND t.status <> 'invalid' AND NOT t.opted_out`;
  const consent = (p: { optedOut?: boolean; channels?: string[]; work?: boolean }) => ({
    optedOut: p.optedOut ?? false,
    optedOutChannels: p.channels ?? [],
    workInconvenient: p.work ?? false,
  });
  const written: string[] = [];

  const smsOnly = await pick('US', point('mobile'));
  if (smsOnly) {
    await client.query(
      `UPDATE contact_points SET opted_out_channels = ARRAY['sms']::"Channel"[], opted_out_at = $2 WHERE id = $1`,
      [smsOnly.targetId, at],
    );
    await audit('consent.contact_point', 'contact_point', smsOnly.targetId, smsOnly.accountId, {
      before: consent({}),
      after: consent({ channels: ['sms'] }),
      note: 'Customer asked for no more text messages; calls are fine.',
    });
    written.push('sms opt-out');
  }

  const email = await pick('US', point('other', 'email'));
  if (email) {
    await client.query(`UPDATE contact_points SET opted_out = true, opted_out_at = $2 WHERE id = $1`, [
      email.targetId,
      at,
    ]);
    await audit('consent.contact_point', 'contact_point', email.targetId, email.accountId, {
      before: consent({}),
      after: consent({ optedOut: true }),
      note: 'Customer asked us to stop e-mailing this address.',
    });
    written.push('e-mail opt-out');
  }

  const work = await pick('US', point('work'), 'NOT t.work_inconvenient');
  if (work) {
    await client.query(`UPDATE contact_points SET work_inconvenient = true WHERE id = $1`, [work.targetId]);
    await audit('consent.contact_point', 'contact_point', work.targetId, work.accountId, {
      before: consent({}),
      after: consent({ work: true }),
      note: 'Customer said calls at work get them into trouble with their manager.',
    });
    written.push('work inconvenient');
  }

  const preferencesAudit = async (
    row: { accountId: string; debtorId: string },
    after: {
      preferredChannel: string | null;
      preferredTime: { start: string; end: string } | null;
      inconvenientTimes: { start: string; end: string }[];
    },
    note: string,
  ) =>
    audit('consent.preferences', 'debtor', row.debtorId, row.accountId, {
      before: { preferredChannel: null, preferredTime: null, inconvenientTimes: [] },
      after,
      note,
    });

  const uk = await pick('UK', 'JOIN debtors t ON t.id = a.debtor_id');
  if (uk) {
    const spans = [
      { start: '08:00', end: '09:30' },
      { start: '17:30', end: '19:00' },
    ];
    await client.query(`UPDATE debtors SET inconvenient_times = $2::jsonb WHERE id = $1`, [
      uk.debtorId,
      JSON.stringify(spans),
    ]);
    await preferencesAudit(
      uk,
      { preferredChannel: null, preferredTime: null, inconvenientTimes: spans },
      'School run in the morning, carer for her mother in the early evening.',
    );
    written.push('UK inconvenient times');
  }

  const preferred = await pick('US', 'JOIN debtors t ON t.id = a.debtor_id');
  if (preferred) {
    await client.query(
      `UPDATE debtors SET preferred_channel = 'phone', preferred_time_start = '18:00', preferred_time_end = '20:00' WHERE id = $1`,
      [preferred.debtorId],
    );
    await preferencesAudit(
      preferred,
      { preferredChannel: 'phone', preferredTime: { start: '18:00', end: '20:00' }, inconvenientTimes: [] },
      'Prefers a call after work, 18:00-20:00.',
    );
    written.push('preferred channel and time');
  }

  const stop = await pick('US', point('mobile'));
  if (stop) {
    await client.query(
      `UPDATE contact_points SET opted_out_channels = ARRAY['sms']::"Channel"[], opted_out_at = $2 WHERE id = $1`,
      [stop.targetId, at],
    );
    await audit(
      'consent.sms_stop',
      'contact_point',
      stop.targetId,
      stop.accountId,
      { debtorId: stop.debtorId, providerMessageId: 'demo-inbound-stop-1', channel: 'sms' },
      null,
    );
    written.push('STOP reply');
  }

  const tp = await pick('US', 'JOIN third_parties t ON t.debtor_id = a.debtor_id', 'NOT t.do_not_contact');
  if (tp) {
    await client.query(`UPDATE third_parties SET do_not_contact = true, do_not_contact_at = $2 WHERE id = $1`, [
      tp.targetId,
      at,
    ]);
    await audit('consent.third_party', 'third_party', tp.targetId, tp.accountId, {
      before: { doNotContact: false, moreContactRequested: false },
      after: { doNotContact: true, moreContactRequested: false },
      note: 'Asked us never to call them again about anyone.',
    });
    written.push('third party do-not-contact');
  }

  // CN: a customer whose every number is disconnected is unreachable, so their third party may be
  // asked for a way to reach them (CBA 2021/2026). With the US and UK third parties of the portfolio,
  // someone on collector1's list may be called as a third party at any hour of the day.
  const unreachable = await pick(
    'CN',
    'JOIN third_parties t ON t.debtor_id = a.debtor_id',
    `t.phone IS NOT NULL AND NOT t.do_not_contact AND a.assigned_collector_id = '${collectorId}'`,
  );
  if (unreachable) {
    const numbers = await client.query<{ id: string }>(
      `UPDATE contact_points SET status = 'invalid', status_reason = $2
       WHERE debtor_id = $1 AND kind = 'phone' AND status <> 'invalid' RETURNING id`,
      [unreachable.debtorId, 'Number disconnected (operator announcement)'],
    );
    for (const { id } of numbers.rows)
      await audit('contact_point.updated', 'contact_point', id, unreachable.accountId, {
        before: { status: 'valid' },
        after: { status: 'invalid' },
        reason: 'Number disconnected (operator announcement)',
      });
    written.push('CN customer unreachable, third party may be asked');
  }
  return written;
}
