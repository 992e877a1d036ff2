import { TZDate } from '@date-fns/tz';
import { addDays } from 'date-fns';
import type { StopFlagTypeCode } from '@crm/contracts';
import { flagTerms, stageFor, type StageCode } from '@crm/domain';
import { deriveZones } from '@crm/zones';
import type { Cell } from './copy.js';

/**
 * Deterministic generator of a realistic demo portfolio. The same seed, size and reference
 * date always give the same rows (ids included), so demos and benchmarks are repeatable.
 */

/** mulberry32: small, fast, good enough for demo data. */
export function createRandom(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const chance = (p: number) => next() < p;
  const weighted = <T>(entries: readonly (readonly [T, number])[]): T => {
    const total = entries.reduce((s, [, w]) => s + w, 0);
    let x = next() * total;
    for (const [value, w] of entries) {
      x -= w;
      if (x < 0) return value;
    }
    return entries[entries.length - 1]![0];
  };
  const hex = (n: number) => {
    let s = '';
    for (let i = 0; i < n; i++) s += Math.floor(next() * 16).toString(16);
    return s;
  };
  /** A version-4-shaped UUID drawn from the generator. */
  const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-${pick(['8', '9', 'a', 'b'])}${hex(3)}-${hex(12)}`;
  return { next, int, pick, chance, weighted, uuid };
}
export type Random = ReturnType<typeof createRandom>;

/** A postal address: the street line is made up, the city, state and postcode are real. */
interface Place {
  /** Phone area codes of the place (NANP area code, UK dialling code, CN city code). */
  areas: readonly string[];
  city: string;
  region: string | null;
  postalCode: string;
}

interface Region {
  creditorCode: string;
  currency: 'USD' | 'GBP' | 'CNY';
  profile: 'US' | 'UK' | 'CN';
  country: 'US' | 'GB' | 'CN';
  zones: readonly string[];
  chinese: boolean;
  /** Balance range in major units. */
  balance: [number, number];
  products: readonly string[];
  /** Places by the customer's home zone (a zone without places uses any of them: the customer lives abroad). */
  places: Readonly<Record<string, readonly Place[]>>;
  phone: (r: Random, mobile: boolean, place: Place) => string;
  street: (r: Random, place: Place) => string;
}

/**
 * US places in each zone the demo uses, with area codes that belong to them, so that numbers and
 * addresses place customers in zones of their own (ADR 019): a New York customer may keep a
 * Honolulu mobile, or have a work number in Denver.
 */
const US_PLACES: Record<string, readonly Place[]> = {
  'America/New_York': [
    { areas: ['212', '646', '718'], city: 'New York', region: 'NY', postalCode: '10016' },
    { areas: ['617', '857'], city: 'Boston', region: 'MA', postalCode: '02116' },
    { areas: ['404', '470'], city: 'Atlanta', region: 'GA', postalCode: '30303' },
  ],
  'America/Chicago': [
    { areas: ['312', '773'], city: 'Chicago', region: 'IL', postalCode: '60606' },
    { areas: ['713', '832'], city: 'Houston', region: 'TX', postalCode: '77002' },
  ],
  'America/Denver': [
    { areas: ['303', '720'], city: 'Denver', region: 'CO', postalCode: '80202' },
    { areas: ['801'], city: 'Salt Lake City', region: 'UT', postalCode: '84111' },
  ],
  'America/Phoenix': [{ areas: ['602', '480'], city: 'Phoenix', region: 'AZ', postalCode: '85004' }],
  'America/Los_Angeles': [
    { areas: ['415', '628'], city: 'San Francisco', region: 'CA', postalCode: '94103' },
    { areas: ['206'], city: 'Seattle', region: 'WA', postalCode: '98101' },
  ],
  'America/Anchorage': [{ areas: ['907'], city: 'Anchorage', region: 'AK', postalCode: '99501' }],
  'Pacific/Honolulu': [{ areas: ['808'], city: 'Honolulu', region: 'HI', postalCode: '96813' }],
};
const US_STREETS = ['Maple Ave', 'Oak St', 'Washington Blvd', 'Lincoln Rd', 'Park Pl', 'Lakeview Dr', 'King St'];

const UK_PLACES: readonly Place[] = [
  { areas: ['20'], city: 'London', region: null, postalCode: 'SE1 7PB' },
  { areas: ['161'], city: 'Manchester', region: null, postalCode: 'M1 1AE' },
  { areas: ['131'], city: 'Edinburgh', region: null, postalCode: 'EH1 1YZ' },
];
const UK_STREETS = ['High Street', 'Station Road', 'Church Lane', 'Victoria Road', 'Mill Lane'];

const CN_PLACES: readonly Place[] = [
  { areas: ['10'], city: '北京市朝阳区', region: '北京', postalCode: '100020' },
  { areas: ['21'], city: '上海市浦东新区', region: '上海', postalCode: '200120' },
  { areas: ['20'], city: '广州市天河区', region: '广东', postalCode: '510620' },
  { areas: ['991'], city: '乌鲁木齐市天山区', region: '新疆', postalCode: '830002' },
];
const CN_STREETS = ['建国路', '人民路', '中山路', '解放路', '长江路'];

const US_AREA = Object.values(US_PLACES).flatMap((ps) => ps.flatMap((p) => p.areas));
const REGIONS: Region[] = [
  {
    creditorCode: 'EVERGREEN',
    currency: 'USD',
    profile: 'US',
    country: 'US',
    zones: [
      'America/New_York',
      'America/Chicago',
      'America/Denver',
      'America/Phoenix',
      'America/Los_Angeles',
      'America/Anchorage',
      'Pacific/Honolulu',
    ],
    chinese: false,
    balance: [400, 18000],
    products: ['credit_card', 'credit_card', 'personal_loan', 'auto_loan'],
    places: US_PLACES,
    // 555-01xx numbers are reserved for fiction. Mobiles keep the area code of wherever the
    // customer got them (any zone); landlines belong to the place.
    phone: (r, mobile, place) =>
      `+1 ${mobile && r.chance(0.35) ? r.pick(US_AREA) : r.pick(place.areas)}-555-01${String(r.int(0, 99)).padStart(2, '0')}`,
    street: (r, place) =>
      `${r.int(10, 9800)} ${r.pick(US_STREETS)}, ${place.city}, ${place.region} ${place.postalCode}`,
  },
  {
    creditorCode: 'THAMES',
    currency: 'GBP',
    profile: 'UK',
    country: 'GB',
    zones: ['Europe/London', 'Europe/London', 'Europe/London', 'Europe/Madrid', 'Australia/Sydney'],
    chinese: false,
    balance: [300, 12000],
    products: ['credit_card', 'personal_loan'],
    places: { 'Europe/London': UK_PLACES },
    // Ofcom's drama ranges.
    phone: (r, mobile, place) =>
      mobile
        ? `+44 7700 900${String(r.int(0, 999)).padStart(3, '0')}`
        : place.areas[0] === '20'
          ? `+44 20 7946 0${String(r.int(0, 999)).padStart(3, '0')}`
          : `+44 ${place.areas[0]} 496 0${String(r.int(0, 999)).padStart(3, '0')}`,
    street: (r, place) => `${r.int(1, 240)} ${r.pick(UK_STREETS)}, ${place.city} ${place.postalCode}`,
  },
  {
    creditorCode: 'HUAXIN',
    currency: 'CNY',
    profile: 'CN',
    country: 'CN',
    zones: ['Asia/Shanghai', 'Asia/Shanghai', 'Asia/Shanghai', 'Asia/Urumqi', 'Asia/Singapore'],
    chinese: true,
    balance: [2000, 90000],
    products: ['credit_card', 'credit_card', 'consumer_loan'],
    places: { 'Asia/Shanghai': CN_PLACES.slice(0, 3), 'Asia/Urumqi': CN_PLACES.slice(3) },
    phone: (r, mobile, place) =>
      mobile
        ? `+86 1${r.pick(['38', '39', '50', '86', '88'])} ${String(r.int(0, 9999)).padStart(4, '0')} ${String(r.int(0, 9999)).padStart(4, '0')}`
        : `+86 ${place.areas[0]} ${String(r.int(5000, 8999))} ${String(r.int(0, 9999)).padStart(4, '0')}`,
    street: (r, place) => `${place.city}${r.pick(CN_STREETS)}${r.int(1, 300)}号 ${place.postalCode}`,
  },
];

/** The place a customer of this region lives in: one of their home zone's, or any (abroad). */
function placeOf(r: Random, region: Region, zone: string): Place {
  const here = region.places[zone];
  return r.pick(here ?? Object.values(region.places).flat());
}

/** Zones derived from the number or address, as the import does (ADR 019). */
function zoneCells(point: Parameters<typeof deriveZones>[0]): [readonly string[], string | null] {
  const d = deriveZones(point);
  return [d.timeZones, d.zoneSource];
}

export const CREDITORS = [
  { code: 'EVERGREEN', name: 'Evergreen Bank', complianceProfile: 'US' },
  { code: 'THAMES', name: 'Thames Card Services', complianceProfile: 'UK' },
  { code: 'HUAXIN', name: '华信消费金融 Huaxin Consumer Finance', complianceProfile: 'CN' },
] as const;

const CN_FAMILY = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '高',
  '林',
  '罗',
];
const CN_GIVEN_F = ['芳', '娜', '秀英', '敏', '静', '丽', '艳', '娟', '霞', '桂英', '玉兰', '晓燕'];
const CN_GIVEN_M = ['伟', '强', '磊', '军', '洋', '勇', '杰', '涛', '明', '超', '志强', '建华'];
const EN_FAMILY = [
  'Smith',
  'Johnson',
  'Williams',
  'Brown',
  'Jones',
  'Garcia',
  'Miller',
  'Davis',
  'Wilson',
  'Taylor',
  'Clarke',
  'Walker',
  'Wright',
  'Patel',
  'Nguyen',
  'Okafor',
  'Murphy',
  'Evans',
];
const EN_GIVEN_F = [
  'Mary',
  'Patricia',
  'Jennifer',
  'Linda',
  'Emma',
  'Olivia',
  'Sarah',
  'Grace',
  'Aisha',
  'Sophie',
  'Chloe',
  'Maria',
];
const EN_GIVEN_M = [
  'James',
  'John',
  'Robert',
  'Michael',
  'David',
  'Daniel',
  'Oliver',
  'Harry',
  'Thomas',
  'Samuel',
  'Kwame',
  'Luis',
];
const EMPLOYMENT_EN = [
  'Full-time, warehouse supervisor, 6 years',
  'Self-employed plumber; income varies by season',
  'Part-time retail, hours recently cut',
  'Unemployed since spring; looking for work',
  'Nurse, night shifts',
  'Retired, state pension',
];
const EMPLOYMENT_CN = [
  '全职，制造企业技术员，工作稳定',
  '个体经营，餐饮，收入随季节波动',
  '兼职，近期工时减少',
  '今年春季失业，正在求职',
  '护士，夜班为主',
  '已退休，领取养老金',
];
const HOUSEHOLD_EN = [
  'Married, two children',
  'Lives alone',
  'Shares a flat; caring for a parent',
  'Single parent, one child',
  'Lives with partner',
];
const HOUSEHOLD_CN = ['已婚，两个孩子', '独居', '与父母同住，需照顾老人', '单亲，一个孩子', '与伴侣同住'];
const REL_EN = ['spouse', 'parent', 'sibling', 'friend', 'employer'];
const REL_CN = ['spouse', 'parent', 'sibling', 'friend', 'colleague'];

const DISPOSITIONS = [
  ['no_answer', 33],
  ['busy', 5],
  ['voicemail', 14],
  ['wrong_number', 2],
  ['right_party_contact', 14],
  ['refused', 3],
  ['dispute', 1],
  ['claims_paid', 2],
  ['callback_requested', 6],
  ['promise_to_pay', 20],
] as const;

const OBJECTIONS_BY_DISPOSITION: Record<string, readonly string[]> = {
  refused: ['cash_flow', 'job_loss_or_illness', 'call_later'],
  dispute: ['dispute'],
  claims_paid: ['already_paid', 'payment_in_progress'],
  callback_requested: ['call_later'],
  promise_to_pay: ['forgot', 'cash_flow', 'never_received_bill'],
  right_party_contact: ['cash_flow', 'job_loss_or_illness', 'forgot'],
};

export interface SeedUsers {
  collectorIds: string[];
}

export interface ChunkRows {
  debtors: Cell[][];
  contactPoints: Cell[][];
  thirdParties: Cell[][];
  accounts: Cell[][];
  stopFlags: Cell[][];
  attempts: Cell[][];
  plans: Cell[][];
  promises: Cell[][];
  payments: Cell[][];
  callbacks: Cell[][];
  stageTransitions: Cell[][];
}

export const COLUMNS = {
  debtors: [
    'id',
    'external_id',
    'salutation',
    'family_name',
    'given_name',
    'full_name',
    'date_of_birth',
    'preferred_language',
    'time_zone',
    'employment_notes',
    'household_notes',
    'updated_at',
  ],
  contactPoints: [
    'id',
    'debtor_id',
    'kind',
    'type',
    'value',
    'time_zones',
    'zone_source',
    'country',
    'postal_code',
    'region',
    'status',
    'opted_out',
    'work_inconvenient',
    'source',
    'last_success_at',
  ],
  thirdParties: ['id', 'debtor_id', 'name', 'relationship', 'phone', 'source', 'do_not_contact'],
  accounts: [
    'id',
    'external_id',
    'debtor_id',
    'creditor_id',
    'product',
    'currency',
    'balance_minor',
    'overdue_minor',
    'instalment_minor',
    'oldest_unpaid_due_date',
    'missed_instalments',
    'assigned_collector_id',
    'status',
    'compliance_profile',
    'opened_at',
    'updated_at',
    'recorded_stage',
    'balance_baseline_minor',
    'overdue_baseline_minor',
  ],
  stopFlags: [
    'id',
    'debtor_id',
    'account_id',
    'type',
    'reason',
    'set_at',
    'expires_at',
    'evidence',
    'evidence_reference',
    'set_by_id',
    'starts_on',
    'review_at',
    'cleared_at',
    'cleared_by_id',
    'clear_reason',
  ],
  attempts: [
    'id',
    'account_id',
    'debtor_id',
    'collector_id',
    'channel',
    'direction',
    'contact_point_id',
    'party_reached',
    'disposition',
    'notes',
    'objections',
    'started_at',
    'ended_at',
    'stage',
    'script_version_id',
  ],
  plans: ['id', 'account_id', 'contact_attempt_id', 'status', 'created_by_id', 'created_at'],
  promises: [
    'id',
    'account_id',
    'contact_attempt_id',
    'plan_id',
    'sequence',
    'amount_minor',
    'currency',
    'due_date',
    'channel',
    'status',
    'paid_minor',
    'created_by_id',
    'created_at',
    'status_changed_at',
    'stage',
    'script_version_id',
  ],
  payments: ['id', 'account_id', 'amount_minor', 'currency', 'paid_at', 'channel', 'source', 'reference'],
  callbacks: [
    'id',
    'account_id',
    'collector_id',
    'contact_attempt_id',
    'due_at',
    'requested_by_customer',
    'status',
    'created_at',
  ],
  stageTransitions: ['id', 'account_id', 'from_stage', 'to_stage', 'at'],
} as const;

/** Days past due at which an account enters each stage (default thresholds). */
const STAGE_ENTRY: [StageCode, number][] = [
  ['m1', 1],
  ['m2', 31],
  ['m3', 61],
  ['m4_plus', 91],
];

const iso = (d: Date) => d.toISOString();

// Calendar arithmetic on day numbers (days since 1970-01-01) with cached zone offsets: the
// seed makes millions of timestamps, and building a zoned date object for each is too slow.
const DAY_MS = 86_400_000;
const dayNumber = (isoDate: string) =>
  Date.UTC(Number(isoDate.slice(0, 4)), Number(isoDate.slice(5, 7)) - 1, Number(isoDate.slice(8, 10))) / DAY_MS;
const isoDays = new Map<number, string>();
function isoDay(n: number): string {
  let s = isoDays.get(n);
  if (s === undefined) {
    s = new Date(n * DAY_MS).toISOString().slice(0, 10);
    isoDays.set(n, s);
  }
  return s;
}
const offsets = new Map<string, number>();
/** UTC offset (ms) of `zone` around midday of day `n` (contacts happen in daytime, after any 2 a.m. DST switch). */
function zoneOffsetMs(zone: string, n: number): number {
  const key = `${zone}|${n}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    offset = -new TZDate(n * DAY_MS + DAY_MS / 2, zone).getTimezoneOffset() * 60_000;
    offsets.set(key, offset);
  }
  return offset;
}
/** The instant at local wall-clock time h:m on day `n` in `zone`. */
function atLocal(n: number, h: number, m: number, zone: string): Date {
  return new Date(n * DAY_MS + (h * 60 + m) * 60_000 - zoneOffsetMs(zone, n));
}
/** The customer's calendar day at `now` in `zone`. */
function localDayNumber(now: Date, zone: string): number {
  return Math.floor((now.getTime() - new TZDate(now.getTime(), zone).getTimezoneOffset() * 60_000) / DAY_MS);
}

/**
 * Generates the rows of accounts [start, end) — and their debtors, history and flags.
 * `today` is the reference date of the portfolio (YYYY-MM-DD).
 */
export function generateChunk(
  r: Random,
  start: number,
  end: number,
  ctx: {
    today: string;
    now: Date;
    creditorIds: Record<string, string>;
    collectorIds: string[];
    scriptVersionIds: Record<string, string>;
    historyScale?: number;
    /** Who cleared the demo's cleared flag (supervisor1). */
    supervisorId?: string;
  },
): ChunkRows {
  const rows: ChunkRows = {
    debtors: [],
    contactPoints: [],
    thirdParties: [],
    accounts: [],
    stopFlags: [],
    attempts: [],
    plans: [],
    promises: [],
    payments: [],
    callbacks: [],
    stageTransitions: [],
  };
  const nowIso = iso(ctx.now);
  const todayN = dayNumber(ctx.today);
  const localToday = new Map<string, number>();
  let current: { id: string; region: Region; zone: string; phones: string[]; chinese: boolean } | null = null;
  // The first chunk's first two UK customers show the flag lifecycle (ADR 023): an active
  // breathing space with the adviser's evidence, and a cease request a supervisor cleared.
  let ukShowcase = start === 0 ? 0 : 2;

  for (let i = start; i < end; i++) {
    // About one customer in eight has a second account with the same creditor.
    const newDebtor = current === null || !r.chance(0.12);
    if (newDebtor) {
      const region = r.weighted([
        [REGIONS[0]!, 40],
        [REGIONS[1]!, 25],
        [REGIONS[2]!, 35],
      ] as const);
      const zone = r.pick(region.zones);
      const female = r.chance(0.5);
      const id = r.uuid();
      let family: string, given: string, full: string, lang: string;
      if (region.chinese && r.chance(0.92)) {
        family = r.pick(CN_FAMILY);
        given = r.pick(female ? CN_GIVEN_F : CN_GIVEN_M);
        full = family + given;
        lang = r.chance(0.95) ? 'zh-CN' : 'en';
      } else {
        family = r.pick(EN_FAMILY);
        given = r.pick(female ? EN_GIVEN_F : EN_GIVEN_M);
        full = `${given} ${family}`;
        lang = 'en';
      }
      const chineseNotes = lang === 'zh-CN';
      const salutation = r.chance(0.04) ? 'mx' : r.chance(0.03) ? 'dr' : female ? 'ms' : 'mr';
      const dob = r.chance(0.9)
        ? `${r.int(1950, 2004)}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`
        : null;
      rows.debtors.push([
        id,
        `D${String(i + 1).padStart(8, '0')}`,
        salutation,
        family,
        given,
        full,
        dob,
        lang,
        zone,
        r.chance(0.8) ? r.pick(chineseNotes ? EMPLOYMENT_CN : EMPLOYMENT_EN) : null,
        r.chance(0.7) ? r.pick(chineseNotes ? HOUSEHOLD_CN : HOUSEHOLD_EN) : null,
        nowIso,
      ]);
      const phones: string[] = [];
      const mobileId = r.uuid();
      const mobileStatus = r.weighted([
        ['valid', 80],
        ['unverified', 12],
        ['invalid', 8],
      ] as const);
      const home = placeOf(r, region, zone);
      const mobileNumber = region.phone(r, true, home);
      rows.contactPoints.push([
        mobileId,
        id,
        'phone',
        'mobile',
        mobileNumber,
        ...zoneCells({ kind: 'phone', value: mobileNumber }),
        null,
        null,
        null,
        mobileStatus,
        false,
        false,
        r.pick(['application', 'customer', 'application']),
        mobileStatus === 'valid' && r.chance(0.6) ? iso(addDays(ctx.now, -r.int(3, 120))) : null,
      ]);
      phones.push(mobileId);
      if (r.chance(0.45)) {
        const pid = r.uuid();
        const work = r.chance(0.5);
        // A work number is sometimes in another place (another zone) of the same country.
        const number = region.phone(r, false, work && r.chance(0.3) ? placeOf(r, region, r.pick(region.zones)) : home);
        rows.contactPoints.push([
          pid,
          id,
          'phone',
          work ? 'work' : 'home',
          number,
          ...zoneCells({ kind: 'phone', value: number }),
          null,
          null,
          null,
          r.weighted([
            ['valid', 70],
            ['unverified', 30],
          ] as const),
          false,
          work && r.chance(0.3),
          'application',
          null,
        ]);
        phones.push(pid);
      }
      if (r.chance(0.6)) {
        const handle = region.chinese ? `user${r.int(1000, 99999)}` : `${given}.${family}${r.int(1, 99)}`.toLowerCase();
        rows.contactPoints.push([
          r.uuid(),
          id,
          'email',
          'other',
          `${handle}@example.${region.chinese ? 'cn' : region.currency === 'GBP' ? 'co.uk' : 'com'}`,
          [],
          null,
          null,
          null,
          null,
          'unverified',
          r.chance(0.1),
          false,
          'application',
          null,
        ]);
      }
      if (r.chance(0.85)) {
        // The postal address: usually where the customer lives; sometimes elsewhere (another zone).
        const place = r.chance(0.15) ? placeOf(r, region, r.pick(region.zones)) : home;
        rows.contactPoints.push([
          r.uuid(),
          id,
          'address',
          'home',
          region.street(r, place),
          ...zoneCells({
            kind: 'address',
            value: '',
            country: region.country,
            postalCode: place.postalCode,
            region: place.region,
          }),
          region.country,
          place.postalCode,
          place.region,
          'valid',
          false,
          false,
          'application',
          null,
        ]);
      }
      for (let t = r.int(0, 2); t > 0; t--) {
        const rel = r.pick(region.chinese ? REL_CN : REL_EN);
        const tpName = region.chinese
          ? r.pick(CN_FAMILY) + r.pick([...CN_GIVEN_F, ...CN_GIVEN_M])
          : `${r.pick([...EN_GIVEN_F, ...EN_GIVEN_M])} ${r.pick(EN_FAMILY)}`;
        rows.thirdParties.push([
          r.uuid(),
          id,
          tpName,
          rel,
          region.phone(r, true, home),
          r.pick(['application', 'customer']),
          r.chance(0.05),
        ]);
      }
      current = { id, region, zone, phones, chinese: region.chinese };
    }
    const debtor = current!;
    const region = debtor.region;

    // DPD distribution across all stages.
    const stageBucket = r.weighted([
      ['pre', 10],
      ['m1', 38],
      ['m2', 20],
      ['m3', 12],
      ['m4', 20],
    ] as const);
    const dpd =
      stageBucket === 'pre'
        ? -r.int(0, 5)
        : stageBucket === 'm1'
          ? r.int(1, 30)
          : stageBucket === 'm2'
            ? r.int(31, 60)
            : stageBucket === 'm3'
              ? r.int(61, 90)
              : r.int(91, 360);
    const minorPerMajor = 100; // USD, GBP and CNY all have two decimals
    const balanceMajor = r.int(region.balance[0], region.balance[1]);
    const balanceMinor = balanceMajor * minorPerMajor + r.int(0, 99);
    const instalmentMinor = Math.max(2500, Math.round(balanceMinor / r.pick([6, 12, 24, 36])));
    const missed = dpd <= 0 ? 0 : Math.ceil(dpd / 30);
    const overdueMinor = Math.min(balanceMinor, missed * instalmentMinor);
    // Days past due count in the customer's own calendar (as packages/domain does).
    if (!localToday.has(debtor.zone)) localToday.set(debtor.zone, localDayNumber(ctx.now, debtor.zone));
    const dueDate = isoDay(localToday.get(debtor.zone)! - dpd);
    const accountId = r.uuid();
    const collectorId = ctx.collectorIds[i % ctx.collectorIds.length]!;
    const status = dpd > 180 && r.chance(0.5) ? 'charged_off' : 'open';
    const opened = isoDay(todayN - Math.max(dpd, 0) - r.int(180, 1500));
    rows.accounts.push([
      accountId,
      `A${String(i + 1).padStart(9, '0')}`,
      debtor.id,
      ctx.creditorIds[region.creditorCode]!,
      r.pick(region.products),
      region.currency,
      balanceMinor,
      overdueMinor,
      instalmentMinor,
      dueDate,
      missed,
      collectorId,
      status,
      region.profile,
      opened,
      nowIso,
      stageFor(dpd),
      // The creditor's figures are the baseline; the demo payments are before it (ADR 009).
      balanceMinor,
      overdueMinor,
    ]);
    // Stage history: current before the due date, then each stage entered as days passed.
    const dueN = localToday.get(debtor.zone)! - dpd;
    let previous: StageCode = 'pre_due';
    // About one account in five had an earlier late spell that was cured (paid up) before this one.
    const curedBefore = dueN - 45 > dayNumber(opened) + 30 && r.chance(0.2);
    rows.stageTransitions.push([
      r.uuid(),
      accountId,
      null,
      'pre_due',
      iso(atLocal(Math.max(dayNumber(opened), dueN - (curedBefore ? 90 : 25)), 0, 5, debtor.zone)),
    ]);
    if (curedBefore) {
      rows.stageTransitions.push([r.uuid(), accountId, 'pre_due', 'm1', iso(atLocal(dueN - 59, 0, 5, debtor.zone))]);
      rows.stageTransitions.push([
        r.uuid(),
        accountId,
        'm1',
        'pre_due',
        iso(atLocal(dueN - 59 + r.int(5, 14), 10, 0, debtor.zone)),
      ]);
    }
    for (const [stage, entry] of STAGE_ENTRY) {
      if (dpd < entry) break;
      rows.stageTransitions.push([r.uuid(), accountId, previous, stage, iso(atLocal(dueN + entry, 0, 5, debtor.zone))]);
      previous = stage;
    }

    const flagRow = (f: {
      type: StopFlagTypeCode;
      accountId: string | null;
      reason: string;
      setAt: Date;
      setById?: string | null;
      evidence?: string | null;
      evidenceReference?: string | null;
      startsOn?: string;
      cleared?: { at: Date; byId: string | null; reason: string };
    }) => {
      const terms = flagTerms({
        profile: region.profile,
        type: f.type,
        setAt: f.setAt,
        zone: debtor.zone,
        startsOn: f.startsOn ?? null,
      });
      rows.stopFlags.push([
        r.uuid(),
        debtor.id,
        f.accountId,
        f.type,
        f.reason,
        iso(f.setAt),
        terms.expiresAt ? iso(terms.expiresAt) : null,
        f.evidence ?? null,
        f.evidenceReference ?? null,
        f.setById ?? null,
        terms.startsOn,
        terms.reviewAt ? iso(terms.reviewAt) : null,
        f.cleared ? iso(f.cleared.at) : null,
        f.cleared ? f.cleared.byId : null,
        f.cleared ? f.cleared.reason : null,
      ]);
    };
    if (region.profile === 'UK' && newDebtor && ukShowcase < 2) {
      if (ukShowcase === 0)
        flagRow({
          type: 'breathing_space',
          accountId: null,
          reason: 'Customer entered a standard breathing space through their debt adviser',
          setAt: addDays(ctx.now, -12),
          setById: collectorId,
          evidence: 'Insolvency Service breathing space notification received by e-mail',
          evidenceReference: 'BSM-4471-2209',
          startsOn: isoDay(localDayNumber(addDays(ctx.now, -14), debtor.zone)),
        });
      else
        flagRow({
          type: 'cease_request',
          accountId: null,
          reason: 'Letter asking us to stop contact',
          setAt: addDays(ctx.now, -30),
          setById: collectorId,
          evidence: 'Letter received by post',
          cleared: {
            at: addDays(ctx.now, -20),
            byId: ctx.supervisorId ?? null,
            reason: 'The letter was from a different customer with the same name; identity checked',
          },
        });
      ukShowcase += 1;
    } else if (r.chance(0.02)) {
      const type: StopFlagTypeCode =
        region.profile === 'US'
          ? r.pick(['dispute_hold', 'cease_request', 'attorney_represented', 'bankruptcy', 'deceased'])
          : region.profile === 'UK'
            ? r.pick(['dispute_hold', 'breathing_space', 'mental_capacity'])
            : r.pick(['dispute_hold', 'do_not_contact']);
      flagRow({
        type,
        accountId: type === 'dispute_hold' ? accountId : null,
        reason:
          type === 'dispute_hold'
            ? 'Customer disputes the amount; documents requested'
            : 'Recorded from customer correspondence',
        setAt: addDays(ctx.now, -r.int(1, 40)),
      });
    }

    // Contact history: more attempts the later the account, over the months it has been late.
    const historyDays = Math.max(3, Math.min(dpd + 5, 150));
    const baseAttempts = dpd <= 0 ? r.int(0, 1) : Math.min(18, r.int(1, 3) + Math.floor(Math.min(dpd, 150) / 12));
    const attemptCount = Math.round(baseAttempts * (ctx.historyScale ?? 1));
    const attemptDays = Array.from({ length: attemptCount }, () => r.int(1, historyDays)).sort((a, b) => b - a);
    for (const daysAgo of attemptDays) {
      // Days ago in the customer's own calendar: "yesterday 19:00" in Honolulu is never after now.
      const dateN = localToday.get(debtor.zone)! - daysAgo;
      const channel =
        dpd <= 0
          ? 'sms'
          : r.weighted([
              ['phone', 85],
              ['sms', 10],
              ['email', 5],
            ] as const);
      const disposition = channel === 'phone' ? r.weighted(DISPOSITIONS) : 'no_answer';
      const party = ['no_answer', 'busy', 'voicemail'].includes(disposition)
        ? 'nobody'
        : disposition === 'wrong_number'
          ? 'third_party'
          : 'debtor';
      const startedAt = atLocal(dateN, r.int(9, 19), r.int(0, 59), debtor.zone);
      const talked = party === 'debtor';
      const endedAt = new Date(startedAt.getTime() + (talked ? r.int(90, 900) : r.int(10, 45)) * 1000);
      const attemptId = r.uuid();
      const stageThen = stageFor(dpd - daysAgo);
      const scriptVersionId =
        channel === 'phone' ? (ctx.scriptVersionIds[`${stageThen}|${debtor.chinese ? 'zh-CN' : 'en'}`] ?? null) : null;
      const objections =
        OBJECTIONS_BY_DISPOSITION[disposition] && r.chance(0.7)
          ? [r.pick(OBJECTIONS_BY_DISPOSITION[disposition]!)]
          : [];
      const notes = talked ? noteFor(disposition, debtor.chinese && r.chance(0.9)) : null;
      rows.attempts.push([
        attemptId,
        accountId,
        debtor.id,
        collectorId,
        channel,
        'outbound',
        channel === 'phone' ? r.pick(debtor.phones) : null,
        party,
        disposition,
        notes,
        objections,
        iso(startedAt),
        iso(endedAt),
        stageThen,
        scriptVersionId,
      ]);

      if (disposition === 'promise_to_pay') {
        const asPlan = r.chance(0.12);
        const instalments = asPlan ? 3 : 1;
        const planId = asPlan ? r.uuid() : null;
        const total = Math.max(
          1000,
          Math.min(overdueMinor || instalmentMinor, r.chance(0.5) ? instalmentMinor : overdueMinor || instalmentMinor),
        );
        const each = Math.max(100, Math.round(total / instalments));
        let planBroken = false;
        let planOpen = false;
        for (let k = 0; k < instalments; k++) {
          const dueN = dateN + r.int(2, 10) + k * 30;
          const due = isoDay(dueN);
          const daysSinceDue = todayN - dueN;
          let promiseStatus: string;
          let paid = 0;
          if (daysSinceDue <= 3) {
            promiseStatus = 'pending';
            planOpen = true;
          } else {
            promiseStatus = r.weighted([
              ['kept', 55],
              ['partly_kept', 15],
              ['broken', 30],
            ] as const);
            if (promiseStatus === 'kept') paid = each;
            if (promiseStatus === 'partly_kept') paid = Math.round(each * (r.int(30, 80) / 100));
            if (promiseStatus !== 'kept') planBroken = true;
          }
          if (paid > 0) {
            const paidAt = atLocal(dueN - r.int(0, 2), r.int(8, 20), r.int(0, 59), debtor.zone);
            rows.payments.push([
              r.uuid(),
              accountId,
              paid,
              region.currency,
              iso(paidAt),
              r.pick(['bank_transfer', 'card', 'direct_debit', region.chinese ? 'alipay' : 'online_banking']),
              'demo',
              `DEMO-${accountId.slice(0, 8)}-${rows.payments.length}`,
            ]);
          }
          const statusChangedAt = promiseStatus === 'pending' ? iso(startedAt) : iso(atLocal(dueN + 4, 2, 0, 'UTC'));
          rows.promises.push([
            r.uuid(),
            accountId,
            attemptId,
            planId,
            asPlan ? k + 1 : null,
            each,
            region.currency,
            due,
            r.pick(['bank_transfer', 'card', 'online_banking']),
            promiseStatus,
            paid,
            collectorId,
            iso(startedAt),
            statusChangedAt,
            stageThen,
            scriptVersionId,
          ]);
        }
        if (planId) {
          rows.plans.push([
            planId,
            accountId,
            attemptId,
            planBroken ? 'broken' : planOpen ? 'active' : 'completed',
            collectorId,
            iso(startedAt),
          ]);
        }
      }
      if (disposition === 'callback_requested') {
        const dueAt = atLocal(dateN + 1, r.int(10, 18), r.pick([0, 30]), debtor.zone);
        const pending = dueAt.getTime() > ctx.now.getTime() - 86_400_000;
        rows.callbacks.push([
          r.uuid(),
          accountId,
          collectorId,
          attemptId,
          iso(dueAt),
          true,
          pending ? 'pending' : 'done',
          iso(startedAt),
        ]);
      }
    }
  }
  return rows;
}

function noteFor(disposition: string, chinese: boolean): string {
  const en: Record<string, string> = {
    right_party_contact: 'Spoke with customer; explained the overdue amount. Will review budget.',
    refused: 'Customer declined to commit today; says income is irregular this month.',
    dispute: 'Customer disputes the late fee; dispute logged for review, stopped pressing.',
    claims_paid: 'Customer says paid last week by bank transfer; asked for date, amount and reference.',
    callback_requested: 'Customer at work; asked to be called back tomorrow afternoon.',
    promise_to_pay: 'Customer agreed to pay; restated amount, date and channel before closing.',
  };
  const zh: Record<string, string> = {
    right_party_contact: '已与客户本人通话，说明逾期金额，客户表示会安排资金。',
    refused: '客户今天不愿承诺还款，称本月收入不稳定。',
    dispute: '客户对滞纳金有异议，已登记争议待复核，停止催收。',
    claims_paid: '客户称上周已通过银行转账还款，已记录日期、金额和流水号待核实。',
    callback_requested: '客户正在上班，约定明天下午回电。',
    promise_to_pay: '客户同意还款，挂机前已复述金额、日期和还款渠道。',
  };
  return (chinese ? zh : en)[disposition] ?? '';
}
