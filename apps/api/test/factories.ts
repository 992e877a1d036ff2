import { randomUUID } from 'node:crypto';
import type { Db } from '@crm/db';
import { hashPassword } from '@crm/db/password';
import { deriveZones } from '@crm/zones';

export const TEST_PASSWORD = 'correct horse battery staple';
/**
 * Tests hash passwords at N=2^12 instead of production's 2^17 (128 MiB and a quarter of a second
 * per hash): explicit, through PASSWORD_SCRYPT_LOG2_N, which only NODE_ENV=test may set below 17.
 */
export const TEST_SCRYPT_LOG2_N = 12;
let passwordHash: Promise<string> | undefined;
const hashed = () => (passwordHash ??= hashPassword(TEST_PASSWORD, { log2N: TEST_SCRYPT_LOG2_N, r: 8, p: 1 }));

/** Small builders that write through Prisma; each returns what tests need to refer to. */
export function createFactories(db: Db) {
  const unique = () => randomUUID().slice(0, 8);
  return {
    async team(name = `Team ${unique()}`, supervisorId?: string) {
      return db.team.create({ data: { name, supervisorId: supervisorId ?? null } });
    },
    async user(
      role: 'collector' | 'supervisor' | 'admin' | 'service',
      data: { username?: string; displayName?: string; teamId?: string | null; active?: boolean } = {},
    ) {
      return db.user.create({
        data: {
          username: data.username ?? `${role}-${unique()}`,
          displayName: data.displayName ?? `Test ${role}`,
          passwordHash: await hashed(),
          role,
          teamId: data.teamId ?? null,
          active: data.active ?? true,
        },
      });
    },
    async creditor(profile: 'US' | 'UK' | 'CN' = 'US') {
      return db.creditor.create({
        data: { code: `C${unique()}`, name: `Creditor ${profile}`, complianceProfile: profile },
      });
    },
    async contactPoint(
      debtorId: string,
      data: Partial<{
        kind: 'phone' | 'email' | 'address';
        type: 'home' | 'mobile' | 'work' | 'other';
        value: string;
        status: 'valid' | 'invalid' | 'unverified';
        optedOut: boolean;
        /** Default: derived from the number or address, as on import (ADR 019). */
        timeZones: string[];
        country: string;
        postalCode: string;
        region: string;
      }> = {},
    ) {
      const kind = data.kind ?? 'phone';
      const value = data.value ?? '+1 212-555-0100';
      const derived = deriveZones({
        kind,
        value,
        country: data.country,
        postalCode: data.postalCode,
        region: data.region,
      });
      return db.contactPoint.create({
        data: {
          debtorId,
          kind,
          type: data.type ?? 'mobile',
          value,
          status: data.status ?? 'valid',
          optedOut: data.optedOut ?? false,
          timeZones: data.timeZones ?? derived.timeZones,
          zoneSource: data.timeZones ? 'collector' : derived.zoneSource,
          country: data.country ?? null,
          postalCode: data.postalCode ?? null,
          region: data.region ?? null,
          source: 'test',
        },
      });
    },
    async account(data: {
      collectorId?: string | null;
      creditorId: string;
      profile?: 'US' | 'UK' | 'CN';
      language?: 'en' | 'zh_CN';
      salutation?: 'mr' | 'ms' | 'none';
      familyName?: string;
      balanceMinor?: number;
      withPhone?: boolean;
      timeZone?: string;
      oldestUnpaidDueDate?: string | null;
      overdueMinor?: number;
      currency?: string;
      fullName?: string;
    }) {
      const debtor = await db.debtor.create({
        data: {
          externalId: `D${unique()}`,
          familyName: data.familyName ?? 'Doe',
          givenName: 'Jane',
          fullName: data.fullName ?? 'Jane Doe',
          salutation: data.salutation ?? 'ms',
          preferredLanguage: data.language ?? 'en',
          timeZone: data.timeZone ?? 'America/New_York',
        },
      });
      if (data.withPhone) {
        await db.contactPoint.create({
          data: {
            debtorId: debtor.id,
            kind: 'phone',
            type: 'mobile',
            value: '+1 212-555-0101',
            status: 'valid',
            ...deriveZones({ kind: 'phone', value: '+1 212-555-0101' }),
            source: 'test',
          },
        });
      }
      return db.account.create({
        data: {
          externalId: `A${unique()}`,
          debtorId: debtor.id,
          creditorId: data.creditorId,
          product: 'credit_card',
          currency: data.currency ?? 'USD',
          balanceMinor: BigInt(data.balanceMinor ?? 100_000),
          overdueMinor: BigInt(data.overdueMinor ?? 25_000),
          // The creditor's figures are the baseline; nothing paid since (ADR 009).
          balanceBaselineMinor: BigInt(data.balanceMinor ?? 100_000),
          overdueBaselineMinor: BigInt(data.overdueMinor ?? 25_000),
          instalmentMinor: 25_000n,
          oldestUnpaidDueDate:
            data.oldestUnpaidDueDate === null
              ? null
              : new Date(`${data.oldestUnpaidDueDate ?? '2026-10-01'}T00:00:00Z`),
          missedInstalments: 1,
          assignedCollectorId: data.collectorId ?? null,
          complianceProfile: data.profile ?? 'US',
          openedAt: new Date('2024-01-01T00:00:00Z'),
        },
        include: { debtor: { include: { contactPoints: true } } },
      });
    },
  };
}
