import { describe, expect, it } from 'vitest';
import { canContact, type GateContactPoint } from './contact-gate.js';
import { DEFAULT_COMPLIANCE_PROFILES } from './policies.js';
import {
  knownZones,
  zonesOfAddress,
  zonesOfNumber,
  zoneWindows,
  type ParsedNumber,
  type PostalZoneData,
  type PrefixZoneTable,
} from './zones.js';

const US = DEFAULT_COMPLIANCE_PROFILES.US;
const CN = DEFAULT_COMPLIANCE_PROFILES.CN;

/** A few rows in the shape of libphonenumber's time-zone table (the real one is in packages/zones). */
const NANP = ['America/New_York', 'America/Chicago', 'America/Denver', 'Pacific/Honolulu', 'Pacific/Guam'];
const TABLE = new Map<string, string[]>([
  ['1', NANP],
  ['1212', ['America/New_York']],
  ['1602', ['America/Phoenix']],
  ['1720', ['America/Denver']],
  ['1808', ['Pacific/Honolulu']],
  ['1907', ['America/Anchorage', 'America/Adak']],
  ['44', ['Europe/London']],
  ['447', ['Europe/London', 'Europe/Guernsey', 'Europe/Isle_of_Man']],
  ['86', ['Asia/Shanghai']],
  ['999', ['Not/A_Zone']],
]);
const table: PrefixZoneTable = TABLE;
const num = (countryCallingCode: string, nationalNumber: string): ParsedNumber => ({
  countryCallingCode,
  nationalNumber,
});

describe('zonesOfNumber: the longest prefix of the number in the numbering data', () => {
  it.each([
    ['Hawaii area code', num('1', '8085550100'), ['Pacific/Honolulu']],
    ['Phoenix area code', num('1', '6025550100'), ['America/Phoenix']],
    ['an area code over two zones counts both', num('1', '9075550100'), ['America/Adak', 'America/Anchorage']],
    ['a NANP number known only by its country code (toll-free) gives no zone', num('1', '8005550100'), []],
    ['a one-zone country', num('86', '13912345678'), ['Asia/Shanghai']],
    [
      'UK mobile: every zone the range may be in',
      num('44', '7700900123'),
      ['Europe/Guernsey', 'Europe/Isle_of_Man', 'Europe/London'],
    ],
    ['UK landline', num('44', '2079460000'), ['Europe/London']],
    ['unknown country', num('7', '4951234567'), []],
    ['unparseable', null, []],
    ['zones the runtime does not know are dropped', num('999', '123'), []],
    ['non-digits are refused', num('1', '808-555'), []],
  ] as const)('%s', (_, n, zones) => {
    expect(zonesOfNumber(n, table)).toEqual(zones);
  });
});

const POSTAL: PostalZoneData = {
  countryZones: (c) =>
    ({
      US: ['America/New_York', 'America/Chicago', 'Pacific/Honolulu'],
      GB: ['Europe/London'],
      CN: ['Asia/Shanghai', 'Asia/Urumqi'],
    })[c] ?? [],
  postalCodeZones: (c, z) =>
    c === 'US'
      ? (({ '96813': ['Pacific/Honolulu'], '10001': ['America/New_York'] } as Record<string, string[]>)[z] ?? null)
      : null,
  regionZones: (c, r) =>
    c === 'US'
      ? (({ HI: ['Pacific/Honolulu'], TN: ['America/Chicago', 'America/New_York'] } as Record<string, string[]>)[r] ??
        null)
      : null,
};

describe('zonesOfAddress: country, then postal code, then region', () => {
  it.each([
    ['a US ZIP', { country: 'US', postalCode: '96813', region: 'HI' }, ['Pacific/Honolulu']],
    [
      'an unknown ZIP falls back to the state',
      { country: 'us', postalCode: '00000', region: 'HI' },
      ['Pacific/Honolulu'],
    ],
    ['a state over two zones counts both', { country: 'US', region: 'TN' }, ['America/Chicago', 'America/New_York']],
    ['a one-zone country needs no postcode', { country: 'GB', postalCode: 'SW1A 1AA' }, ['Europe/London']],
    ['a multi-zone country without data gives none', { country: 'CN', postalCode: '830000' }, []],
    ['nothing but a multi-zone country gives none', { country: 'US' }, []],
    ['a malformed country gives none', { country: 'USA', postalCode: '10001' }, []],
  ] as const)('%s', (_, address, zones) => {
    expect(zonesOfAddress(address, POSTAL)).toEqual(zones);
  });
});

describe('knownZones: home zone plus every contact point that is not invalid', () => {
  it('unions and drops invalid points', () => {
    expect(
      knownZones('America/New_York', [
        { status: 'valid', timeZones: ['America/Denver'] },
        { status: 'unverified', timeZones: ['Pacific/Honolulu', 'America/New_York'] },
        { status: 'invalid', timeZones: ['Asia/Tokyo'] },
      ]),
    ).toEqual(['America/New_York', 'America/Denver', 'Pacific/Honolulu']);
  });
});

const phone = (id: string, national: string, status: GateContactPoint['status'] = 'valid'): GateContactPoint => ({
  id,
  kind: 'phone',
  type: 'mobile',
  status,
  optedOut: false,
  workInconvenient: false,
  timeZones: zonesOfNumber(num('1', national), table),
});

/**
 * The gate over every known zone. Each row: the customer's home zone, their numbers, the instant,
 * the channel, and the verdict with when it next opens.
 */
describe('the gate’s window is the intersection over every known zone', () => {
  const rows: {
    name: string;
    home: string;
    points: GateContactPoint[];
    use: number;
    at: string;
    channel?: 'phone' | 'sms' | 'email';
    allowed: boolean;
    next?: string;
  }[] = [
    {
      name: 'a +1 808 number at 03:14 Hawaii time (08:14 in the New York home zone)',
      home: 'America/New_York',
      points: [phone('hi', '8085550100')],
      use: 0,
      at: '2026-11-20T13:14:00Z',
      allowed: false,
      next: '2026-11-20T18:00:00Z', // 08:00 HST
    },
    {
      name: 'New York home, Denver mobile, Honolulu work number: 05:00 Honolulu, calling the Denver mobile',
      home: 'America/New_York',
      points: [phone('den', '7205550142'), phone('hon', '8085550117')],
      use: 0,
      at: '2026-11-20T15:00:00Z',
      allowed: false,
      next: '2026-11-20T18:00:00Z',
    },
    {
      name: 'the same at 08:00 Honolulu: open everywhere',
      home: 'America/New_York',
      points: [phone('den', '7205550142'), phone('hon', '8085550117')],
      use: 0,
      at: '2026-11-20T18:00:00Z',
      allowed: true,
    },
    {
      name: 'the same at 21:00 New York (16:00 Honolulu): New York closed',
      home: 'America/New_York',
      points: [phone('den', '7205550142'), phone('hon', '8085550117')],
      use: 1,
      at: '2026-11-21T02:00:00Z',
      allowed: false,
      next: '2026-11-21T18:00:00Z',
    },
    {
      name: 'an invalid Hawaii number does not count',
      home: 'America/New_York',
      points: [phone('den', '7205550142'), phone('hon', '8085550117', 'invalid')],
      use: 0,
      at: '2026-11-20T15:00:00Z',
      allowed: true,
    },
    {
      name: '+1 907 (Adak and Anchorage): 08:30 Anchorage is 07:30 Adak',
      home: 'America/Anchorage',
      points: [phone('ak', '9075550100')],
      use: 0,
      at: '2026-11-20T17:30:00Z',
      allowed: false,
      next: '2026-11-20T18:00:00Z', // 08:00 Adak (HST, UTC-10)
    },
    {
      name: 'a toll-free number adds no zone',
      home: 'America/New_York',
      points: [phone('tf', '8005550100')],
      use: 0,
      at: '2026-11-20T13:14:00Z',
      allowed: true,
    },
    {
      name: 'DST: the Saturday before New York springs forward, 20:30 EST with a Phoenix number is open',
      home: 'America/New_York',
      points: [phone('az', '6025550100')],
      use: 0,
      at: '2026-03-08T01:30:00Z',
      allowed: true,
    },
    {
      name: 'DST: the same UTC time two days later is 21:30 EDT: closed until Phoenix and New York both open',
      home: 'America/New_York',
      points: [phone('az', '6025550100')],
      use: 0,
      at: '2026-03-10T01:30:00Z',
      allowed: false,
      next: '2026-03-10T15:00:00Z', // 08:00 in Phoenix (MST all year), 11:00 EDT
    },
    {
      name: 'DST: the night New York falls back, Honolulu (no DST) opens last',
      home: 'America/New_York',
      points: [phone('hi', '8085550100')],
      use: 0,
      at: '2026-11-01T12:00:00Z',
      allowed: false,
      next: '2026-11-01T18:00:00Z',
    },
    {
      name: 'SMS to a Phoenix number at 06:11 local (09:11 in Chicago)',
      home: 'America/Chicago',
      points: [phone('az', '6025550100')],
      use: 0,
      at: '2026-11-20T13:11:00Z',
      channel: 'sms',
      allowed: false,
      next: '2026-11-20T15:00:00Z',
    },
  ];

  it.each(rows)('$name', ({ home, points, use, at, channel, allowed, next }) => {
    const v = canContact({
      now: new Date(at),
      channel: channel ?? 'phone',
      profile: US,
      customerTimeZone: home,
      otherTimeZones: knownZones(home, points),
      contactPoint: points[use]!,
      stopFlags: [],
      attempts: [],
      callback: null,
    });
    expect(v.allowed).toBe(allowed);
    if (!allowed) {
      expect(v.reasons.map((r) => r.code)).toEqual(['outside_calling_window']);
      expect(v.nextAllowedAt?.toISOString()).toBe(new Date(next!).toISOString());
    }
  });

  it('an e-mail to a US customer at 23:00 in one of their zones waits for the window', () => {
    const email: GateContactPoint = { ...phone('e', '2125550100'), kind: 'email', type: 'other', timeZones: [] };
    const v = canContact({
      now: new Date('2026-11-20T09:00:00Z'), // 23:00 in Honolulu, 04:00 in New York
      channel: 'email',
      profile: US,
      customerTimeZone: 'America/New_York',
      otherTimeZones: ['Pacific/Honolulu'],
      contactPoint: email,
      stopFlags: [],
      attempts: [],
      callback: null,
    });
    expect(v.allowed).toBe(false);
    expect(v.nextAllowedAt?.toISOString()).toBe('2026-11-20T18:00:00.000Z');
  });

  it('CN: 22:00-08:00 Beijing time holds for a CN number', () => {
    const cn: GateContactPoint = { ...phone('c', '0'), timeZones: zonesOfNumber(num('86', '13912345678'), table) };
    const at = (iso: string) =>
      canContact({
        now: new Date(iso),
        channel: 'phone',
        profile: CN,
        customerTimeZone: 'Asia/Shanghai',
        otherTimeZones: knownZones('Asia/Shanghai', [cn]),
        contactPoint: cn,
        stopFlags: [],
        attempts: [],
        callback: null,
      }).allowed;
    expect(at('2026-11-20T13:59:00Z')).toBe(true); // 21:59
    expect(at('2026-11-20T14:00:00Z')).toBe(false); // 22:00
  });
});

describe('zoneWindows: each zone and which one binds', () => {
  const window = US.callWindow;
  it('while all are open, the one that closes first binds', () => {
    // 12:00 in New York, 10:00 in Denver, 07:00 in Honolulu... use 19:00 UTC: 14:00 NY, 12:00 Denver, 09:00 Honolulu.
    const rows = zoneWindows(
      new Date('2026-11-20T19:00:00Z'),
      ['America/New_York', 'America/Denver', 'Pacific/Honolulu'],
      window,
    );
    expect(rows.map((r) => [r.zone, r.localTime, r.open, r.binding])).toEqual([
      ['America/New_York', '14:00', true, true],
      ['America/Denver', '12:00', true, false],
      ['Pacific/Honolulu', '09:00', true, false],
    ]);
    expect(rows[0]!.closesAt?.toISOString()).toBe('2026-11-21T02:00:00.000Z'); // 21:00 EST
    expect(rows[2]!.closesAt?.toISOString()).toBe('2026-11-21T07:00:00.000Z'); // 21:00 HST
  });

  it('while some are closed, the closed one that opens last binds', () => {
    const rows = zoneWindows(
      new Date('2026-11-20T13:14:00Z'),
      ['America/New_York', 'America/Denver', 'Pacific/Honolulu'],
      window,
    );
    expect(rows.map((r) => [r.zone, r.open, r.binding])).toEqual([
      ['America/New_York', true, false],
      ['America/Denver', false, false],
      ['Pacific/Honolulu', false, true],
    ]);
    expect(rows[1]!.opensAt?.toISOString()).toBe('2026-11-20T15:00:00.000Z');
    expect(rows[2]!.opensAt?.toISOString()).toBe('2026-11-20T18:00:00.000Z');
  });

  it('on the night New York springs forward, the closing time is on the new offset', () => {
    // 2026-03-08 12:00 EDT = 16:00 UTC; 21:00 EDT = 01:00 UTC next day.
    const [ny] = zoneWindows(new Date('2026-03-08T16:00:00Z'), ['America/New_York'], window);
    expect(ny!.closesAt?.toISOString()).toBe('2026-03-09T01:00:00.000Z');
    // 2026-03-08 05:00 UTC is 00:00 EST; it opens at 08:00 EDT = 12:00 UTC.
    const [early] = zoneWindows(new Date('2026-03-08T05:00:00Z'), ['America/New_York'], window);
    expect(early!.opensAt?.toISOString()).toBe('2026-03-08T12:00:00.000Z');
  });
});
