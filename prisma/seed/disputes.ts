import {
  noticeText,
  validationNoticeContent,
  validationPeriod,
  addDaysIso,
  localDate,
  startOfLocalDay,
} from '@crm/domain';
import type pg from 'pg';

/**
 * Demo validation notices and a dispute (Reg F 1006.34, 1006.38), so the case file shows them:
 * - collector1's first US account with a postal address: a notice sent 9 days ago, inside its
 *   validation period;
 * - collector2's first such account (collector2 works in Chinese): a notice sent 12 days ago and
 *   a written dispute received 2 days ago, open, holding collection until verification is sent.
 * The letters the app sends are laid out by pdfkit (apps/api); the seed has no such dependency and
 * writes the same content, from the same domain rule, as a plain one-column PDF.
 */
export async function seedDisputeExamples(
  client: pg.PoolClient,
  opts: { now: Date; collectorIds: Record<string, string>; collector: { name: string; mailingAddress: string[] } },
): Promise<void> {
  const pick = async (collectorId: string) => {
    const { rows } = await client.query<{
      id: string;
      external_id: string;
      debtor_id: string;
      currency: string;
      balance_minor: string;
      time_zone: string;
      full_name: string;
      creditor: string;
      point_id: string;
      address: string;
    }>(
      `SELECT a.id, a.external_id, a.debtor_id, a.currency, a.balance_minor::text, d.time_zone, d.full_name,
              c.name AS creditor, p.id AS point_id, p.value AS address
         FROM accounts a
         JOIN debtors d ON d.id = a.debtor_id
         JOIN creditors c ON c.id = a.creditor_id
         JOIN LATERAL (SELECT id, value FROM contact_points
                        WHERE debtor_id = d.id AND kind = 'address' AND status = 'valid' AND NOT opted_out
                        ORDER BY created_at, id LIMIT 1) p ON true
        WHERE a.assigned_collector_id = $1 AND a.compliance_profile = 'US' AND a.status = 'open'
          AND a.balance_minor > 0
          AND NOT EXISTS (SELECT 1 FROM stop_flags f WHERE f.debtor_id = d.id AND f.cleared_at IS NULL)
        ORDER BY a.external_id LIMIT 1`,
      [collectorId],
    );
    return rows[0];
  };

  const notice = async (
    a: NonNullable<Awaited<ReturnType<typeof pick>>>,
    sentDaysAgo: number,
    requestedById: string,
  ) => {
    const sentAt = new Date(opts.now.getTime() - sentDaysAgo * 86_400_000);
    const itemizationDate = addDaysIso(localDate(sentAt, a.time_zone), -30);
    const { rows } = await client.query<{ paid: string }>(
      `SELECT COALESCE(sum(amount_minor), 0)::text AS paid FROM payments WHERE account_id = $1 AND paid_at >= $2`,
      [a.id, startOfLocalDay(addDaysIso(itemizationDate, 1), a.time_zone)],
    );
    const paid = BigInt(rows[0]!.paid);
    const current = BigInt(a.balance_minor);
    const period = validationPeriod(sentAt, a.time_zone);
    const comma = a.address.indexOf(', ');
    const content = validationNoticeContent({
      locale: 'en',
      collector: opts.collector,
      consumer: {
        name: a.full_name,
        mailingAddress: comma < 0 ? [a.address] : [a.address.slice(0, comma), a.address.slice(comma + 2)],
      },
      creditor: a.creditor,
      creditorOnItemizationDate: a.creditor,
      accountNumber: a.external_id,
      itemizationDate,
      currency: a.currency,
      interestSinceMinor: 0n,
      feesSinceMinor: 0n,
      paymentsCreditsSinceMinor: paid,
      currentAmountMinor: current,
      validationEndsOn: period.endsOn,
    });
    const text = noticeText(content);
    const doc = await client.query<{ id: string }>(
      `INSERT INTO documents (id, account_id, kind, file_name, media_type, content, created_at, updated_at)
       VALUES (gen_random_uuid(), $1, 'validation_notice', $2, 'application/pdf', $3, $4, $4) RETURNING id`,
      [a.id, `validation-notice-${a.external_id}.pdf`, plainPdf(text.split('\n')), sentAt],
    );
    const outbox = await client.query<{ id: string }>(
      `INSERT INTO outbox_messages (id, account_id, kind, channel, contact_point_id, recipient, locale, subject, body,
                                    send_after, status, attempts, provider_message_id, sent_at, created_at, document_id)
       VALUES (gen_random_uuid(), $1, 'validation_notice', 'letter', $2, $3, 'en', 'Validation notice', $4,
               $5, 'sent', 1, 'seed', $5, $5, $6) RETURNING id`,
      [a.id, a.point_id, a.address, text, sentAt, doc.rows[0]!.id],
    );
    const n = await client.query<{ id: string }>(
      `INSERT INTO validation_notices (id, account_id, outbox_message_id, locales, itemization_date, currency,
              amount_on_itemization_minor, interest_since_minor, fees_since_minor, payments_credits_since_minor,
              current_amount_minor, validation_ends_on, requested_by_id, created_at)
       VALUES (gen_random_uuid(), $1, $2, ARRAY['en']::"Locale"[], $3, $4, $5, 0, 0, $6, $7, $8, $9, $10) RETURNING id`,
      [
        a.id,
        outbox.rows[0]!.id,
        itemizationDate,
        a.currency,
        (current + paid).toString(),
        paid.toString(),
        current.toString(),
        period.endsOn,
        requestedById,
        sentAt,
      ],
    );
    return { id: n.rows[0]!.id, endsOn: period.endsOn };
  };

  const c1 = opts.collectorIds.collector1;
  const c2 = opts.collectorIds.collector2;
  const first = c1 ? await pick(c1) : undefined;
  if (first && c1) await notice(first, 9, c1);
  const second = c2 ? await pick(c2) : undefined;
  if (second && c2) {
    const sent = await notice(second, 12, c2);
    const receivedAt = new Date(opts.now.getTime() - 2 * 86_400_000);
    const flag = await client.query<{ id: string }>(
      `INSERT INTO stop_flags (id, debtor_id, account_id, type, reason, set_by_id, set_at)
       VALUES (gen_random_uuid(), $1, $2, 'dispute_hold', $3, $4, $5) RETURNING id`,
      [
        second.debtor_id,
        second.id,
        'Dispute (written): the late fees were charged after the plan was agreed',
        c2,
        receivedAt,
      ],
    );
    await client.query(
      `INSERT INTO disputes (id, account_id, status, method, amount_minor, currency, description, received_at, timing,
                             hold_basis, validation_notice_id, stop_flag_id, created_by_id, created_at)
       VALUES (gen_random_uuid(), $1, 'open', 'written', NULL, $2, $3, $4, 'within_period', 'law', $5, $6, $7, $4)`,
      [
        second.id,
        second.currency,
        'The late fees were charged after the plan was agreed',
        receivedAt,
        sent.id,
        flag.rows[0]!.id,
        c2,
      ],
    );
  }
}

/** A plain US Letter PDF of text lines in Helvetica (WinAnsi: other characters become '?'). */
export function plainPdf(lines: string[]): Buffer {
  const esc = (s: string) =>
    s
      .replace(/[–—]/g, '-')
      .replace(/[•]/g, '*')
      .replace(/[^\x20-\x7e]/g, '?')
      .replace(/[\\()]/g, (c) => `\\${c}`);
  const wrapped = lines.flatMap((line) => {
    const out: string[] = [];
    let rest = line;
    while (rest.length > 95) {
      const cut = rest.lastIndexOf(' ', 95) > 0 ? rest.lastIndexOf(' ', 95) : 95;
      out.push(rest.slice(0, cut));
      rest = rest.slice(cut).trimStart();
    }
    out.push(rest);
    return out;
  });
  const perPage = 52;
  const pages: string[][] = [];
  for (let i = 0; i < wrapped.length; i += perPage) pages.push(wrapped.slice(i, i + perPage));
  const objects: string[] = [];
  const fontId = 3;
  const pageIds = pages.map((_, i) => 4 + i * 2);
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`;
  objects[fontId] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
  pages.forEach((page, i) => {
    const stream = `BT /F1 10 Tf 13 TL 56 740 Td ${page.map((l) => `(${esc(l)}) Tj T*`).join(' ')} ET`;
    objects[pageIds[i]!] =
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 ${fontId} 0 R >> >> /Contents ${pageIds[i]! + 1} 0 R >>`;
    objects[pageIds[i]! + 1] = `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`;
  });
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  for (let id = 1; id < objects.length; id++) {
    offsets[id] = Buffer.byteLength(out, 'latin1');
    out += `${id} 0 obj\n${objects[id]}\nendobj\n`;
  }
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
  for (let id = 1; id < objects.length; id++) out += `${String(offsets[id]).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
