import type { ComplianceProfileCode } from '@crm/contracts';
import { isValidTimeZone, localMinutesOfDay, localTime } from './dates.js';

/**
 * Where the customer is (Reg F 1006.6(b)(1)(i): a time is convenient only if it is convenient at
 * every location of the customer the collector knows of). Pure rules; the numbering and postal
 * data are passed in (packages/zones loads them; ADR 019).
 */

/** libphonenumber's time-zone table: E.164 digit prefixes (country code included) -> zones. */
export interface PrefixZoneTable {
  get(prefix: string): readonly string[] | undefined;
}

export interface ParsedNumber {
  /** "1", "44", "86". */
  countryCallingCode: string;
  /** The national significant number, digits only. */
  nationalNumber: string;
}

const uniqueValidZones = (zones: readonly string[]) => [...new Set(zones)].filter(isValidTimeZone).sort();

/**
 * The zones a phone number may be in: the longest prefix of its digits in the table. A match at
 * the bare country code that names several zones (a toll-free or unassigned NANP number) tells
 * nothing about where the person is: no zone. A country with one zone gives it; an area code
 * with several zones (+1 907: Adak and Anchorage) gives them all.
 */
export function zonesOfNumber(number: ParsedNumber | null, table: PrefixZoneTable): string[] {
  if (!number || !/^\d{1,3}$/.test(number.countryCallingCode) || !/^\d+$/.test(number.nationalNumber)) return [];
  const digits = number.countryCallingCode + number.nationalNumber;
  for (let n = digits.length; n >= number.countryCallingCode.length; n--) {
    const prefix = digits.slice(0, n);
    const zones = table.get(prefix);
    if (!zones || zones.length === 0) continue;
    if (prefix === number.countryCallingCode && zones.length > 1) return [];
    return uniqueValidZones(zones);
  }
  return [];
}

export interface PostalAddress {
  /** ISO 3166-1 alpha-2. */
  country: string;
  postalCode?: string | null;
  /** State, province or county as written (US: the two-letter state code). */
  region?: string | null;
}

export interface PostalZoneData {
  /** The zones of a country (tzdb zone1970.tab); empty when unknown. */
  countryZones(country: string): readonly string[];
  /** The zones of a postal code in that country, when the data knows it. */
  postalCodeZones(country: string, postalCode: string): readonly string[] | null;
  /** Every zone of a region (US state) of that country, when the data knows it. */
  regionZones(country: string, region: string): readonly string[] | null;
}

/**
 * The zones an address may be in: the country's zone when it has one; otherwise the postal
 * code's zone, else every zone of the region (a state over two zones counts both); otherwise none.
 */
export function zonesOfAddress(address: PostalAddress, data: PostalZoneData): string[] {
  const country = address.country.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(country)) return [];
  const countryZones = uniqueValidZones(data.countryZones(country));
  if (countryZones.length === 1) return countryZones;
  const postalCode = address.postalCode?.trim();
  if (postalCode) {
    const zones = data.postalCodeZones(country, postalCode);
    if (zones && zones.length > 0) return uniqueValidZones(zones);
  }
  const region = address.region?.trim();
  if (region) {
    const zones = data.regionZones(country, region);
    if (zones && zones.length > 0) return uniqueValidZones(zones);
  }
  return [];
}

export interface ZonedContactPoint {
  status: 'valid' | 'invalid' | 'unverified';
  timeZones: readonly string[];
}

/**
 * Every zone the customer is known to be in: their home zone and the zones of each contact
 * point not marked invalid (a wrong number says nothing about where the customer is).
 */
export function knownZones(customerTimeZone: string, points: readonly ZonedContactPoint[]): string[] {
  const zones = new Set([customerTimeZone]);
  for (const p of points) if (p.status !== 'invalid') for (const z of p.timeZones) zones.add(z);
  return [...zones];
}

/**
 * Channels held to the calling window when a message is sent, by jurisdiction: calls, SMS and
 * visits everywhere; e-mail too in the US (Reg F commentary to 1006.6(b)(1)(i): electronic
 * communications follow the same inconvenient times) and CN (no sending 22:00-08:00). The law,
 * not a tunable number: admins cannot edit it.
 */
export const WINDOWED_CHANNELS: Record<ComplianceProfileCode, readonly string[]> = {
  US: ['phone', 'sms', 'visit', 'email'],
  UK: ['phone', 'sms', 'visit'],
  CN: ['phone', 'sms', 'visit', 'email'],
};

const MINUTE = 60_000;
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

function insideWindow(minutes: number, start: number, end: number): boolean {
  return start <= end ? minutes >= start && minutes < end : minutes >= start || minutes < end;
}

/**
 * The first minute from `from` (within 2 days) at which `zone` is inside (`toOpen`) or outside the
 * window: the wall-clock arithmetic first, checked, then a walk by minutes for DST days.
 */
function nextChange(from: number, zone: string, start: number, end: number, toOpen: boolean): Date | null {
  const base = Math.ceil(from / MINUTE) * MINUTE;
  const matches = (t: number) => insideWindow(localMinutesOfDay(t, zone), start, end) === toOpen;
  const previousDiffers = (t: number) => t === base || !matches(t - MINUTE);
  const wait = ((toOpen ? start : end) - localMinutesOfDay(base, zone) + 1440) % 1440;
  const guess = base + wait * MINUTE;
  if (matches(guess) && previousDiffers(guess)) return new Date(guess);
  for (let t = base, i = 0; i < 2 * 24 * 60; i++, t += MINUTE) if (matches(t)) return new Date(t);
  return null;
}

export interface ZoneWindow {
  zone: string;
  localTime: string;
  open: boolean;
  /** When the window closes in this zone (open now) or null. */
  closesAt: Date | null;
  /** When the window next opens in this zone (closed now) or null. */
  opensAt: Date | null;
  /** This zone closes first (open now) or opens last (closed now): the one that binds. */
  binding: boolean;
}

/**
 * Each zone's side of the window at `now`, and which one binds: while every zone is open, the one
 * that closes first; otherwise the closed one that opens last. The case file shows it.
 */
export function zoneWindows(now: Date, zones: readonly string[], window: { start: string; end: string }): ZoneWindow[] {
  const start = minutesOf(window.start);
  const end = minutesOf(window.end);
  const rows = [...new Set(zones)].map((zone) => {
    const open = insideWindow(localMinutesOfDay(now.getTime(), zone), start, end);
    return {
      zone,
      localTime: localTime(now, zone),
      open,
      closesAt: open ? nextChange(now.getTime(), zone, start, end, false) : null,
      opensAt: open ? null : nextChange(now.getTime(), zone, start, end, true),
      binding: false,
    };
  });
  const allOpen = rows.every((r) => r.open);
  const key = (r: ZoneWindow) => (allOpen ? r.closesAt : r.opensAt)?.getTime() ?? Infinity;
  const candidates = rows.filter((r) => (allOpen ? r.open : !r.open));
  if (candidates.length > 0) {
    const pick = allOpen
      ? candidates.reduce((a, b) => (key(b) < key(a) ? b : a))
      : candidates.reduce((a, b) => (key(b) > key(a) ? b : a));
    pick.binding = true;
  }
  return rows;
}
