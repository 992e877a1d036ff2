import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// The architecture's import rules fail the build (ADR 015): small deliberate violations, linted
// with the repository's own eslint.config.js as if they were files at the given paths, are each
// reported under the boundary's rule name; the same files written the allowed way pass.

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: repoRoot });
});

/** The messages `code` would get at `filePath` (relative to the repository root). */
async function lint(filePath: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath: path.join(repoRoot, filePath) });
  if (!result) throw new Error('no lint result');
  return result.messages.map((m) => ({ rule: m.ruleId, message: m.message }));
}

/** The architecture rules `code` breaks at `filePath`. */
async function broken(filePath: string, code: string) {
  return (await lint(filePath, code)).map((m) => m.rule).filter((r) => r?.startsWith('architecture/'));
}

describe('architecture import rules', () => {
  describe('web never imports the API, the database or Prisma', () => {
    it.each([
      ["import { createPrismaClient } from '@crm/db';", 'the database package'],
      ["import type { Db } from '@crm/db';", 'only its types'],
      ["import { PrismaClient } from '@prisma/client';", 'Prisma'],
      ["import pg from 'pg';", 'the driver'],
      ["import { buildApp } from '../../../../../api/src/app.js';", 'apps/api, by a relative path'],
      [
        "export { accountScopeSql } from '../../../../../api/src/modules/accounts/account-scope.repository.js';",
        'a re-export',
      ],
    ])('%s (%s)', async (code) => {
      expect(await broken('apps/web/src/features/accounts/components/x.tsx', code)).toEqual([
        'architecture/web-no-server',
      ]);
    });

    it('says which rule it broke and what to do', async () => {
      const [m] = (
        await lint('apps/web/src/features/accounts/api/get-x.ts', "import type { Db } from '@crm/db';")
      ).filter((m) => m.rule !== '@typescript-eslint/no-unused-vars');
      expect(m?.rule).toBe('architecture/web-no-server');
      expect(m?.message).toContain('apps/web never imports the API');
      expect(m?.message).toContain("(import '@crm/db')");
    });

    it("allows contracts, the domain and a feature's own api/ folder", async () => {
      const code = [
        "import { accountListSchema } from '@crm/contracts';",
        "import { formatMoney } from '@crm/domain';",
        "import { useAccounts } from '../api/get-accounts';",
        'export const x = [accountListSchema, formatMoney, useAccounts];',
      ].join('\n');
      expect(await lint('apps/web/src/features/accounts/components/x.tsx', code)).toEqual([]);
    });
  });

  describe('the domain is pure', () => {
    it.each([
      "import { readFileSync } from 'node:fs';",
      "import { createServer } from 'node:http';",
      "import { spawn } from 'child_process';",
      "import Fastify from 'fastify';",
      "import { useState } from 'react';",
      "import type { Db } from '@crm/db';",
      "import pg from 'pg';",
      "import { systemClock } from '../../../apps/api/src/lib/clock.js';",
      "export * from 'node:net';",
      "const fs = await import('node:fs');",
      "type Db = import('@crm/db').Db;",
    ])('%s', async (code) => {
      expect(await broken('packages/domain/src/x.ts', code)).toEqual(['architecture/domain-pure']);
    });

    it.each([
      ["const r = await fetch('https://example.com');", 'no-restricted-globals'],
      ['const tz = process.env.TZ;', 'no-restricted-globals'],
      ['const now = new Date();', 'no-restricted-syntax'],
      ['const now = Date.now();', 'no-restricted-syntax'],
    ])('no I/O or clock through globals: %s', async (code, rule) => {
      const rules = (await lint('packages/domain/src/x.ts', `${code}\nexport {};`)).map((m) => m.rule);
      expect(rules.filter((r) => r !== '@typescript-eslint/no-unused-vars')).toEqual([rule]);
      expect(
        await lint('packages/domain/src/x.ts', 'export const at = (now: Date) => new Date(now.getTime());'),
      ).toEqual([]);
    });

    it('allows contracts, date-fns, @date-fns/tz and its own files; its tests also vitest', async () => {
      const code = [
        "import type { Stage } from '@crm/contracts';",
        "import { addDays } from 'date-fns';",
        "import { TZDate } from '@date-fns/tz';",
        "import { formatMoney } from './money.js';",
        'export const x = [addDays, TZDate, formatMoney] as unknown as Stage;',
      ].join('\n');
      expect(await lint('packages/domain/src/x.ts', code)).toEqual([]);
      expect(await broken('packages/domain/src/x.ts', "import { it } from 'vitest';")).toEqual([
        'architecture/domain-pure',
      ]);
      expect(await broken('packages/domain/src/x.test.ts', "import { it } from 'vitest';\nit('x', () => {});")).toEqual(
        [],
      );
    });
  });

  describe('contracts import only zod', () => {
    it.each(["import { addDays } from 'date-fns';", "import { formatMoney } from '@crm/domain';", "import 'node:fs';"])(
      '%s',
      async (code) => {
        expect(await broken('packages/contracts/src/x.ts', code)).toEqual(['architecture/contracts-zod-only']);
      },
    );

    it('allows zod and its own files', async () => {
      const code =
        "import { z } from 'zod';\nimport { isoDateSchema } from './fields.js';\nexport const x = [z, isoDateSchema];";
      expect(await lint('packages/contracts/src/x.ts', code)).toEqual([]);
    });
  });

  describe('in the API, routes call services', () => {
    const route = 'apps/api/src/modules/accounts/accounts.routes.ts';

    it.each([
      "import { createAccountsRepository } from './accounts.repository.js';",
      "import type { AuditRepository } from '../audit/audit.repository.js';",
      "import { createUnitOfWork } from '../../lib/transaction.js';",
    ])('%s', async (code) => {
      expect(await broken(route, code)).toEqual(['architecture/routes-call-services']);
    });

    it('a route importing the Prisma client breaks the database rule as well', async () => {
      expect(await broken(route, "import { Prisma } from '@crm/db';")).toEqual([
        'architecture/database-in-repositories',
      ]);
    });

    it('allows its service, contracts, plugins and lib', async () => {
      const code = [
        "import { accountListSchema } from '@crm/contracts';",
        "import { currentUser } from '../../plugins/auth.js';",
        "import { NotFoundError } from '../../lib/errors.js';",
        "import type { AccountsService } from './accounts.service.js';",
        'export const x = [accountListSchema, currentUser, NotFoundError] as unknown as AccountsService;',
      ].join('\n');
      expect(await lint(route, code)).toEqual([]);
    });
  });

  describe('in the API, only repositories (and the unit of work) touch the database', () => {
    it.each([
      ['apps/api/src/modules/accounts/accounts.service.ts', "import type { Prisma } from '@crm/db';"],
      ['apps/api/src/modules/accounts/account-access.ts', "import type { Db } from '@crm/db';"],
      ['apps/api/src/modules/reminders/message-sender.ts', "import { PrismaClient } from '@prisma/client';"],
      ['apps/api/src/lib/stage-sql.ts', "import { Prisma } from '@crm/db';"],
      ['apps/api/src/plugins/x.ts', "import pg from 'pg';"],
      ['apps/api/src/modules/imports/x.ts', "import { createPrismaClient } from '@crm/db/seed';"],
    ])('%s: %s', async (file, code) => {
      expect(await broken(file, code)).toEqual(['architecture/database-in-repositories']);
    });

    it.each([
      ['apps/api/src/modules/accounts/accounts.repository.ts', "import { Prisma, type Db } from '@crm/db';"],
      ['apps/api/src/lib/transaction.ts', "import type { Db, Prisma } from '@crm/db';"],
      ['apps/api/src/app.ts', "import type { Db } from '@crm/db';"],
      ['apps/api/src/modules/accounts/accounts.routes.test.ts', "import { createPrismaClient } from '@crm/db';"],
      ['apps/api/test/factories.ts', "import { createPrismaClient } from '@crm/db';"],
      // Password hashing lives in @crm/db for the seed's sake; it does no I/O.
      ['apps/api/src/modules/auth/auth.service.ts', "import type { PasswordHasher } from '@crm/db/password';"],
    ])('allowed in %s: %s', async (file, code) => {
      expect(await broken(file, `${code}\nexport type X = unknown;`)).toEqual([]);
    });
  });

  describe('in the API, dependencies point down', () => {
    it('a repository never imports a service', async () => {
      const code = "import type { PromisesService } from '../promises/promises.service.js';";
      expect(await broken('apps/api/src/modules/payments/payments.repository.ts', code)).toEqual([
        'architecture/repositories-no-services',
      ]);
    });

    it('a service or a repository never imports a route', async () => {
      const code = "import { paymentsRoutes } from './payments.routes.js';";
      expect(await broken('apps/api/src/modules/payments/payments.service.ts', code)).toEqual([
        'architecture/layers-point-down',
      ]);
    });

    it.each([
      ['apps/api/src/plugins/auth.ts', "import type { AuthService } from '../modules/auth/auth.service.js';"],
      ['apps/api/src/lib/x.ts', "import { isUuid } from '../modules/audit/audit.repository.js';"],
      ['apps/api/src/config/env.ts', "import { buildApp } from '../app.js';"],
    ])('plugins/, lib/ and config/ import no module: %s', async (file, code) => {
      expect(await broken(file, code)).toEqual(['architecture/plugins-no-modules']);
    });

    it('a service may use other services, its repositories and lib', async () => {
      const code = [
        "import type { PromisesService } from '../promises/promises.service.js';",
        "import type { PaymentsRepository } from './payments.repository.js';",
        "import type { UnitOfWork } from '../../lib/transaction.js';",
        'export type X = [PromisesService, PaymentsRepository, UnitOfWork];',
      ].join('\n');
      expect(await lint('apps/api/src/modules/payments/payments.service.ts', code)).toEqual([]);
    });
  });

  describe('app.ts is a table of contents of the modules', () => {
    it.each([
      "import { contactsRoutes } from './modules/contacts/contacts.routes.js';",
      "import { createContactsService } from './modules/contacts/contacts.service.js';",
      "import { createContactsRepository } from './modules/contacts/contacts.repository.js';",
      "import { createContactGate } from './modules/compliance/contact-gate.service.js';",
      // A module file of another name is not the module's one entry.
      "import { x } from './modules/contacts/reviews.module.js';",
    ])('app.ts importing a part of a module: %s', async (code) => {
      expect(await broken('apps/api/src/app.ts', code)).toEqual(['architecture/app-wires-modules']);
    });

    it("allows each module's <name>.module.ts, plugins and lib", async () => {
      const code = [
        "import { createContactsModule } from './modules/contacts/contacts.module.js';",
        "import { createCaseFileModule } from './modules/case-file/case-file.module.js';",
        "import type { Core } from './modules/core.js';",
        "import { authPlugin } from './plugins/auth.js';",
        "import { registerModules } from './lib/api-module.js';",
        'export const x: [Core?, ...unknown[]] = [undefined, createContactsModule, createCaseFileModule, authPlugin, registerModules];',
      ].join('\n');
      expect(await lint('apps/api/src/app.ts', code)).toEqual([]);
    });
  });

  it('the whole tree keeps the rules (what `pnpm lint` checks in CI)', async () => {
    const results = await eslint.lintFiles(['apps/api/src', 'apps/web/src', 'packages']);
    const violations = results.flatMap((r) =>
      r.messages
        .filter((m) => m.ruleId?.startsWith('architecture/'))
        .map((m) => `${path.relative(repoRoot, r.filePath)}:${m.line} ${m.ruleId}`),
    );
    expect(violations).toEqual([]);
  });
});
