import { PROFILE_COUNTRY, deriveZones } from '@crm/zones';
import type pg from 'pg';

/**
 * Mends contact points whose zones were copied from the customer's zone before issue 13
 * (zone_source 'customer', set by migration 20261202100000): each number or address gets the
 * zones derived from itself (ADR 019), with their source. SQL cannot read the numbering data, so
 * this runs at start, after the migrations; it touches only such rows and so does nothing once
 * they are mended. A number written without a country code is read in the country of the
 * customer's accounts' profile. Returns how many rows it changed.
 */
export async function backfillContactPointZones(client: pg.Pool | pg.PoolClient, batch = 2000): Promise<number> {
  let changed = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const { rows } = await client.query<{
      id: string;
      kind: 'phone' | 'email' | 'address';
      value: string;
      country: string | null;
      postal_code: string | null;
      region: string | null;
      profile: string | null;
    }>(
      `SELECT cp.id, cp.kind::text AS kind, cp.value, cp.country, cp.postal_code, cp.region,
              (SELECT a.compliance_profile::text FROM accounts a WHERE a.debtor_id = cp.debtor_id ORDER BY a.id LIMIT 1) AS profile
         FROM contact_points cp
        WHERE cp.zone_source = 'customer' AND cp.id > $1
        ORDER BY cp.id LIMIT $2`,
      [after, batch],
    );
    if (rows.length === 0) return changed;
    after = rows[rows.length - 1]!.id;
    const derived = rows.map((r) =>
      deriveZones({
        kind: r.kind,
        value: r.value,
        country: r.country,
        postalCode: r.postal_code,
        region: r.region,
        defaultCountry: r.profile ? PROFILE_COUNTRY[r.profile] : null,
      }),
    );
    const result = await client.query(
      `UPDATE contact_points cp
          SET time_zones = string_to_array(u.zones, ','), zone_source = u.source::"ZoneSource"
         FROM unnest($1::uuid[], $2::text[], $3::text[]) AS u(id, zones, source)
        WHERE cp.id = u.id AND cp.zone_source = 'customer'`,
      [rows.map((r) => r.id), derived.map((d) => d.timeZones.join(',')), derived.map((d) => d.zoneSource)],
    );
    changed += result.rowCount ?? 0;
  }
}
