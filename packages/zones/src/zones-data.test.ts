import { describe, expect, it } from 'vitest';
import { deriveZones, normalisePhoneNumber, zoneData } from './index.js';

/** The real data sets, end to end: number or address in, zones and their source out. */
describe('deriveZones on the shipped numbering and postal data', () => {
  it.each([
    ['Hawaii', '+1 808-555-0100', ['Pacific/Honolulu']],
    ['Phoenix', '+1 602-555-0100', ['America/Phoenix']],
    ['Chicago', '+1 312-555-0100', ['America/Chicago']],
    ['Houston', '+1 713-555-0100', ['America/Chicago']],
    ['Denver', '+1 720-555-0142', ['America/Denver']],
    ['New York', '+1 212-555-0100', ['America/New_York']],
    ['Alaska (two zones)', '+1 907-555-0100', ['America/Adak', 'America/Anchorage']],
    ['London landline', '+44 20 7946 0000', ['Europe/London']],
    // libphonenumber lists Guernsey, the Isle of Man and London: links to one zone in tzdb, shown once.
    ['UK mobile', '+44 7700 900123', ['Europe/London']],
    ['Beijing landline', '+86 10 6552 1234', ['Asia/Shanghai']],
    ['China mobile', '+86 139 1234 5678', ['Asia/Shanghai']],
    ['NANP toll-free: no location', '+1 800-555-0100', []],
    ['not a number', 'call me maybe', []],
  ])('%s: %s', (_, value, zones) => {
    const d = deriveZones({ kind: 'phone', value });
    expect(d.timeZones).toEqual(zones);
    expect(d.zoneSource).toBe(zones.length ? 'number' : null);
  });

  it('reads a number without its country code in the portfolio’s country', () => {
    expect(deriveZones({ kind: 'phone', value: '13912345678', defaultCountry: 'CN' }).timeZones).toEqual([
      'Asia/Shanghai',
    ]);
    expect(deriveZones({ kind: 'phone', value: '(808) 555-0100', defaultCountry: 'US' }).timeZones).toEqual([
      'Pacific/Honolulu',
    ]);
  });

  it.each([
    ['Honolulu ZIP', { country: 'US', postalCode: '96813', region: 'HI' }, ['Pacific/Honolulu']],
    ['Phoenix ZIP+4', { country: 'US', postalCode: '85004-1234', region: 'AZ' }, ['America/Phoenix']],
    ['Denver ZIP', { country: 'US', postalCode: '80202' }, ['America/Denver']],
    ['El Paso is Mountain time in Texas', { country: 'US', postalCode: '79901', region: 'TX' }, ['America/Denver']],
    ['London postcode: one zone', { country: 'GB', postalCode: 'SW1A 1AA' }, ['Europe/London']],
    [
      'CN postcode: no postcode data, Beijing time comes from the home zone',
      { country: 'CN', postalCode: '100000' },
      [],
    ],
  ])('%s', (_, address, zones) => {
    const d = deriveZones({ kind: 'address', value: 'x', ...address });
    expect(d.timeZones).toEqual(zones);
    expect(d.zoneSource).toBe(zones.length ? 'address' : null);
  });

  it.each([
    ['TX', ['America/Chicago', 'America/Denver']],
    // Most of Arizona keeps standard time all year; the Navajo Nation keeps Mountain daylight time.
    ['AZ', ['America/Phoenix', 'America/Denver']],
  ])('an unknown ZIP counts every zone of the state (%s)', (region, expected) => {
    const zones = deriveZones({ kind: 'address', value: 'x', country: 'US', postalCode: '00000', region }).timeZones;
    expect(zones).toEqual(expect.arrayContaining(expected));
    expect(zones.every((z) => z.startsWith('America/') || z.startsWith('Pacific/'))).toBe(true);
  });

  it('loads the whole table once', () => {
    expect(zoneData()).toBe(zoneData());
  });
});

describe('normalisePhoneNumber', () => {
  it.each([
    ['+1 808-555-0117', null, '+18085550117', '+1 808 555 0117', 'US'],
    ['(808) 555 0117', 'US', '+18085550117', '+1 808 555 0117', 'US'],
    ['07700 900123', 'GB', '+447700900123', '+44 7700 900123', 'GB'],
    ['+86 138 0013 8000', null, '+8613800138000', '+86 138 0013 8000', 'CN'],
  ])('%s (default %s) -> %s', (value, country, e164, international, iso) => {
    expect(normalisePhoneNumber(value, country)).toEqual({ e164, international, country: iso });
  });

  it.each([
    ['12', 'US'],
    ['808 555', 'US'],
    ['not a number', 'US'],
    ['555 0117', null],
  ])('%s (default %s) is not a possible number', (value, country) => {
    expect(normalisePhoneNumber(value, country)).toBeNull();
  });
});
