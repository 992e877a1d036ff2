import { isIsoDate, isValidTimeZone, type IsoDate } from './dates.js';
import { ACCOUNT_STATUSES, MAX_AMOUNT_MINOR, SALUTATIONS } from '@crm/contracts';
import { currencyExponent, formatMoney, isCurrencyCode, parseAmountToMinor } from './money.js';
import type { FieldProblem } from './promise-rules.js';

/**
 * One row of a creditor's portfolio file: a customer (debtor) and one of their accounts, with
 * the customer's phone numbers and e-mail. A customer with three accounts appears on three rows.
 * A blank cell means "not given": for a new record the field takes its default or is required,
 * for an existing record it keeps its current value.
 */
export const PORTFOLIO_COLUMNS = [
  'debtor_external_id',
  'account_external_id',
  'currency',
  'salutation',
  'family_name',
  'given_name',
  'full_name',
  'date_of_birth',
  'preferred_language',
  'time_zone',
  'mobile_phone',
  'home_phone',
  'work_phone',
  'email',
  'address',
  'postal_code',
  'region',
  'country',
  'creditor_code',
  'product',
  'balance',
  'overdue',
  'instalment',
  'oldest_unpaid_due_date',
  'missed_instalments',
  'opened_at',
  'status',
  'assigned_collector',
] as const;
export const PORTFOLIO_REQUIRED_COLUMNS = ['debtor_external_id', 'account_external_id', 'currency'] as const;

export type PhoneType = 'mobile' | 'home' | 'work';

export interface PortfolioDebtorFields {
  salutation?: (typeof SALUTATIONS)[number];
  familyName?: string;
  givenName?: string;
  fullName?: string;
  dateOfBirth?: IsoDate;
  preferredLanguage?: 'en' | 'zh-CN';
  timeZone?: string;
}

export interface PortfolioAccountFields {
  creditorCode?: string;
  product?: string;
  balanceMinor?: number;
  overdueMinor?: number;
  instalmentMinor?: number;
  oldestUnpaidDueDate?: IsoDate;
  missedInstalments?: number;
  openedAt?: IsoDate;
  status?: (typeof ACCOUNT_STATUSES)[number];
  assignedCollector?: string;
}

export interface PortfolioRow {
  debtorExternalId: string;
  accountExternalId: string;
  currency: string;
  debtor: PortfolioDebtorFields;
  phones: { type: PhoneType; value: string }[];
  email?: string;
  /** The postal address: where the customer is (its zone counts: ADR 019). */
  address?: { value: string; country: string; postalCode: string | null; region: string | null };
  account: PortfolioAccountFields;
}

const EXTERNAL_ID = /^[A-Za-z0-9][A-Za-z0-9._\-/]{0,63}$/;
const PHONE = /^\+?[0-9][0-9 ()\-.]{5,24}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const COUNT = /^\d{1,4}$/;

/** Digits only, with a leading + kept: two spellings of the same number compare equal. */
export function normalisePhone(value: string): string {
  const trimmed = value.trim();
  return (trimmed.startsWith('+') ? '+' : '') + trimmed.replace(/\D/g, '');
}

function language(raw: string): 'en' | 'zh-CN' | null {
  const v = raw.toLowerCase().replace('_', '-');
  if (v === 'en' || v.startsWith('en-')) return 'en';
  if (v === 'zh' || v === 'zh-cn' || v === 'zh-hans' || v === 'zh-hans-cn') return 'zh-CN';
  return null;
}

/**
 * Checks the cells of one portfolio row on their own (formats, ranges, known values). Whether a
 * debtor or account exists, and so which blank cells are required, is decided by the caller
 * against the database.
 */
export function parsePortfolioRow(record: Readonly<Record<string, string | undefined>>): {
  row: PortfolioRow | null;
  problems: FieldProblem[];
} {
  const problems: FieldProblem[] = [];
  const bad = (field: string, message: string) => problems.push({ field, message });
  const cell = (name: string) => (record[name] ?? '').trim();

  const debtorExternalId = cell('debtor_external_id');
  const accountExternalId = cell('account_external_id');
  for (const [field, value] of [
    ['debtor_external_id', debtorExternalId],
    ['account_external_id', accountExternalId],
  ] as const) {
    if (!value) bad(field, 'is required');
    else if (!EXTERNAL_ID.test(value)) bad(field, 'must be 1-64 letters, digits, . _ - or /');
  }
  const currency = cell('currency').toUpperCase();
  if (!isCurrencyCode(currency)) bad('currency', 'must be a 3-letter ISO 4217 code');

  const debtor: PortfolioDebtorFields = {};
  const salutation = cell('salutation').toLowerCase().replace(/\.$/, '');
  if (salutation) {
    if ((SALUTATIONS as readonly string[]).includes(salutation))
      debtor.salutation = salutation as PortfolioDebtorFields['salutation'];
    else bad('salutation', `must be one of ${SALUTATIONS.join(', ')}`);
  }
  for (const [field, key] of [
    ['family_name', 'familyName'],
    ['given_name', 'givenName'],
    ['full_name', 'fullName'],
  ] as const) {
    const v = cell(field);
    if (v.length > 100) bad(field, 'must be at most 100 characters');
    else if (v) debtor[key] = v;
  }
  const dob = cell('date_of_birth');
  if (dob) {
    if (isIsoDate(dob)) debtor.dateOfBirth = dob;
    else bad('date_of_birth', 'must be a date (YYYY-MM-DD)');
  }
  const lang = cell('preferred_language');
  if (lang) {
    const l = language(lang);
    if (l) debtor.preferredLanguage = l;
    else bad('preferred_language', 'must be en or zh-CN');
  }
  const zone = cell('time_zone');
  if (zone) {
    if (isValidTimeZone(zone) && zone.includes('/')) debtor.timeZone = zone;
    else bad('time_zone', 'must be an IANA time zone such as America/New_York');
  }

  const phones: PortfolioRow['phones'] = [];
  for (const [field, type] of [
    ['mobile_phone', 'mobile'],
    ['home_phone', 'home'],
    ['work_phone', 'work'],
  ] as const) {
    const v = cell(field);
    if (!v) continue;
    if (PHONE.test(v) && normalisePhone(v).replace('+', '').length >= 6) phones.push({ type, value: v });
    else bad(field, 'must be a phone number such as +1 212-555-0100');
  }
  const emailCell = cell('email');
  let email: string | undefined;
  if (emailCell) {
    if (EMAIL.test(emailCell) && emailCell.length <= 254) email = emailCell;
    else bad('email', 'must be an e-mail address');
  }
  const addressLine = cell('address');
  const postalCode = cell('postal_code');
  const region = cell('region');
  const country = cell('country').toUpperCase();
  let address: PortfolioRow['address'];
  if (addressLine.length > 200) bad('address', 'must be at most 200 characters');
  if (postalCode && !/^[A-Za-z0-9][A-Za-z0-9 -]{1,11}$/.test(postalCode))
    bad('postal_code', 'must be a postcode or ZIP code such as 10016 or SW1A 1AA');
  if (region.length > 60) bad('region', 'must be at most 60 characters');
  if (country && !/^[A-Z]{2}$/.test(country)) bad('country', 'must be a two-letter ISO 3166 country code such as US');
  if ((addressLine || postalCode || region) && !country) bad('country', 'is required with an address');
  else if (country && !addressLine) bad('address', 'is required with a country');
  else if (addressLine && country)
    address = { value: addressLine, country, postalCode: postalCode || null, region: region || null };

  const account: PortfolioAccountFields = {};
  const creditorCode = cell('creditor_code');
  if (creditorCode) account.creditorCode = creditorCode;
  const product = cell('product');
  if (product) {
    if (/^[a-z][a-z0-9_]{1,39}$/.test(product)) account.product = product;
    else bad('product', 'must be a product code such as credit_card');
  }
  for (const [field, key] of [
    ['balance', 'balanceMinor'],
    ['overdue', 'overdueMinor'],
    ['instalment', 'instalmentMinor'],
  ] as const) {
    const v = cell(field);
    if (!v || !isCurrencyCode(currency)) continue;
    const minor = parseAmountToMinor(v, currency);
    if (minor === null)
      bad(
        field,
        `must be an amount in ${currency}, zero or more, with at most ${currencyExponent(currency)} decimals, at most ${formatMoney({ amountMinor: MAX_AMOUNT_MINOR, currency }, 'en')}`,
      );
    else account[key] = minor;
  }
  if (
    account.balanceMinor !== undefined &&
    account.overdueMinor !== undefined &&
    account.overdueMinor > account.balanceMinor
  ) {
    bad('overdue', 'cannot be more than the balance');
  }
  for (const [field, key] of [
    ['oldest_unpaid_due_date', 'oldestUnpaidDueDate'],
    ['opened_at', 'openedAt'],
  ] as const) {
    const v = cell(field);
    if (!v) continue;
    if (isIsoDate(v)) account[key] = v;
    else bad(field, 'must be a date (YYYY-MM-DD)');
  }
  if (account.openedAt && account.oldestUnpaidDueDate && account.oldestUnpaidDueDate < account.openedAt) {
    bad('oldest_unpaid_due_date', 'cannot be before opened_at');
  }
  const missed = cell('missed_instalments');
  if (missed) {
    if (COUNT.test(missed)) account.missedInstalments = Number(missed);
    else bad('missed_instalments', 'must be a whole number, zero or more');
  }
  const status = cell('status').toLowerCase();
  if (status) {
    if ((ACCOUNT_STATUSES as readonly string[]).includes(status))
      account.status = status as PortfolioAccountFields['status'];
    else bad('status', `must be one of ${ACCOUNT_STATUSES.join(', ')}`);
  }
  const collector = cell('assigned_collector');
  if (collector) account.assignedCollector = collector;

  if (problems.length) return { row: null, problems };
  return {
    row: {
      debtorExternalId,
      accountExternalId,
      currency,
      debtor,
      phones,
      ...(email ? { email } : {}),
      ...(address ? { address } : {}),
      account,
    },
    problems,
  };
}

/**
 * The debtor fields a new customer must have, after blanks have taken their defaults. Returns
 * the missing ones (as column names).
 */
export function missingForNewDebtor(fields: PortfolioDebtorFields): string[] {
  const missing: string[] = [];
  if (!fields.familyName) missing.push('family_name');
  if (!fields.givenName) missing.push('given_name');
  if (!fields.timeZone) missing.push('time_zone');
  return missing;
}

export function missingForNewAccount(fields: PortfolioAccountFields): string[] {
  const required = [
    ['creditor_code', fields.creditorCode],
    ['product', fields.product],
    ['balance', fields.balanceMinor],
    ['overdue', fields.overdueMinor],
    ['instalment', fields.instalmentMinor],
    ['opened_at', fields.openedAt],
  ] as const;
  const missing: string[] = required.filter(([, v]) => v === undefined).map(([k]) => k);
  if ((fields.overdueMinor ?? 0) > 0 && !fields.oldestUnpaidDueDate) missing.push('oldest_unpaid_due_date');
  return missing;
}

/** Full name as the customer writes it: family name first in Chinese, given name first otherwise. */
export function composeFullName(familyName: string, givenName: string, language: 'en' | 'zh-CN'): string {
  if (language !== 'zh-CN') return `${givenName} ${familyName}`;
  return /^[\p{Script=Han}]+$/u.test(familyName + givenName)
    ? `${familyName}${givenName}`
    : `${familyName} ${givenName}`;
}
