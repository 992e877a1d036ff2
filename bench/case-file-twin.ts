// The case file's hand-written single-query twin (issue 16, ADR 047): ONE statement, written for
// the job with LATERAL joins and json_agg, that reads what the API's case file reads (the account
// with its customer, creditor, collector, team and lease holder; the customer's other accounts,
// contact points, stop flags in force, third parties with their call counts and latest attempts;
// the account's attempts with collector and number, promises, payments, plans with their
// instalments, payment claims, reminders, pending callback, validation notices and disputes; the
// policies in force) and writes the read's audit row in the same statement (a data-modifying CTE),
// as a pg prepared statement. The API's p50 is compared with this one's in the same run.
import type pg from 'pg';

const TEXT = `
WITH acc AS (
  SELECT a.*, c.name AS creditor_name, to_jsonb(d) AS debtor, ac.display_name AS collector_name, ac.active AS collector_active,
         tm.supervisor_id, lb.display_name AS leased_by_name
  FROM accounts a JOIN debtors d ON d.id = a.debtor_id JOIN creditors c ON c.id = a.creditor_id
  LEFT JOIN users ac ON ac.id = a.assigned_collector_id LEFT JOIN teams tm ON tm.id = ac.team_id
  LEFT JOIN users lb ON lb.id = a.leased_by_id
  WHERE a.id = $1
), audit AS (
  INSERT INTO audit_events (actor_id, action, entity_type, entity_id, request_id, account_ids, purpose, data)
  SELECT $2, 'case_file.view', 'account', acc.id::text, 'bench-twin', ARRAY[acc.id], 'collection',
         '{"route": "GET /api/accounts/:id/case-file"}'::jsonb
  FROM acc RETURNING 1
)
SELECT to_jsonb(acc) AS account, oth.j AS other_accounts, att.j AS attempts, pr.j AS promises, pay.j AS payments,
       pl.j AS plans, cl.j AS claims, rem.j AS reminders, tp.j AS third_parties, cat.j AS customer_attempts,
       cp.j AS contact_points, sf.j AS stop_flags, cb.j AS callback, vn.j AS notices, ds.j AS disputes, pol.j AS policies,
       (SELECT count(*) FROM audit) AS audited
FROM acc
LEFT JOIN LATERAL (SELECT json_agg(o ORDER BY o.external_id) j FROM (
  SELECT o.*, oc.name AS creditor_name FROM accounts o JOIN creditors oc ON oc.id = o.creditor_id
  WHERE o.debtor_id = acc.debtor_id AND o.id <> acc.id) o) oth ON true
LEFT JOIN LATERAL (SELECT json_agg(x ORDER BY x.started_at DESC, x.id DESC) j FROM (
  SELECT x.*, u.display_name AS collector_name, p.value AS contact_point_value FROM contact_attempts x
  LEFT JOIN users u ON u.id = x.collector_id LEFT JOIN contact_points p ON p.id = x.contact_point_id
  WHERE x.account_id = acc.id) x) att ON true
LEFT JOIN LATERAL (SELECT json_agg(p ORDER BY p.created_at DESC) j FROM promises p WHERE p.account_id = acc.id) pr ON true
LEFT JOIN LATERAL (SELECT json_agg(y ORDER BY y.paid_at DESC) j FROM payments y WHERE y.account_id = acc.id) pay ON true
LEFT JOIN LATERAL (SELECT json_agg(pl ORDER BY pl.created_at DESC) j FROM (
  SELECT pl.*, (SELECT json_agg(json_build_object('amount', pp.amount_minor, 'currency', pp.currency))
                FROM promises pp WHERE pp.plan_id = pl.id) AS instalments
  FROM payment_plans pl WHERE pl.account_id = acc.id) pl) pl ON true
LEFT JOIN LATERAL (SELECT json_agg(v ORDER BY v.created_at DESC) j FROM verification_tasks v WHERE v.account_id = acc.id) cl ON true
LEFT JOIN LATERAL (SELECT json_agg(m ORDER BY m.send_after DESC) j FROM (
  SELECT id, channel, recipient, status, send_after, sent_at, body, last_error FROM outbox_messages
  WHERE account_id = acc.id AND kind = 'promise_reminder') m) rem ON true
LEFT JOIN LATERAL (SELECT json_agg(t ORDER BY t.created_at, t.id) j FROM (
  SELECT t.*, (SELECT count(*) FROM contact_attempts y WHERE y.third_party_id = t.id AND y.direction = 'outbound'
               AND y.channel = 'phone') AS calls_made
  FROM third_parties t WHERE t.debtor_id = acc.debtor_id) t) tp ON true
LEFT JOIN LATERAL (SELECT json_agg(z) j FROM (
  SELECT started_at, channel, direction, party_reached FROM contact_attempts
  WHERE debtor_id = acc.debtor_id AND contact_point_id IS NOT NULL ORDER BY started_at DESC, id DESC LIMIT 50) z) cat ON true
LEFT JOIN LATERAL (SELECT json_agg(p ORDER BY p.kind, p.type, p.id) j FROM contact_points p
  WHERE p.debtor_id = acc.debtor_id) cp ON true
LEFT JOIN LATERAL (SELECT json_agg(f ORDER BY f.set_at DESC) j FROM stop_flags f
  WHERE f.cleared_at IS NULL AND (f.expires_at IS NULL OR f.expires_at > now())
    AND (f.account_id = acc.id OR (f.account_id IS NULL AND f.debtor_id = acc.debtor_id))) sf ON true
LEFT JOIN LATERAL (SELECT to_jsonb(k) j FROM callbacks k WHERE k.account_id = acc.id AND k.status = 'pending'
  ORDER BY k.due_at LIMIT 1) cb ON true
LEFT JOIN LATERAL (SELECT json_agg(n ORDER BY n.created_at DESC) j FROM (
  SELECT n.*, m.status AS letter_status, m.sent_at, m.last_error FROM validation_notices n
  JOIN outbox_messages m ON m.id = n.outbox_message_id WHERE n.account_id = acc.id) n) vn ON true
LEFT JOIN LATERAL (SELECT json_agg(d ORDER BY d.received_at DESC) j FROM disputes d WHERE d.account_id = acc.id) ds ON true
CROSS JOIN LATERAL (SELECT json_agg(q) j FROM (
  SELECT DISTINCT ON (kind, key) kind, key, version, data FROM policies
  WHERE kind IN ('compliance_profile', 'stage_thresholds', 'promise_rules') ORDER BY kind, key, version DESC) q) pol`;

/** One case file, read and audited in one round trip (a named, prepared statement). */
export async function caseFileTwin(pool: pg.Pool, accountId: string, collectorId: string): Promise<boolean> {
  const { rows } = await pool.query({ name: 'case-file-twin', text: TEXT, values: [accountId, collectorId] });
  return rows.length === 1;
}
