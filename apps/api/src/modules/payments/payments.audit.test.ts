import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/build-app.js';
import { createUnitOfWork } from '../../lib/transaction.js';
import { createPoliciesRepository } from '../policies/policies.repository.js';
import { createPromisesRepository } from '../promises/promises.repository.js';
import { createPromisesService } from '../promises/promises.service.js';
import { createPaymentsRepository } from './payments.repository.js';
import { createPaymentsService } from './payments.service.js';

// A payment and its audit event commit together: if the event cannot be written, the payment
// is not kept either (the durability check found payments without their event when the database
// died between the two).
describe('payment audit', () => {
  const t = useTestApp();

  it('is written in the payment transaction: no event, no payment', async () => {
    const admin = await t.factories.user('admin');
    const creditor = await t.factories.creditor();
    const account = await t.factories.account({ creditorId: creditor.id });
    const uow = createUnitOfWork(t.db);
    const deps = {
      uow,
      clock: t.clock,
      payments: createPaymentsRepository(t.db),
      promises: createPromisesService({
        uow,
        promises: createPromisesRepository(t.db),
        policies: createPoliciesRepository(t.db),
        clock: t.clock,
      }),
    };
    const failingAudit = { record: async () => Promise.reject(new Error('audit store unavailable')) };
    const service = createPaymentsService({ ...deps, audit: failingAudit });
    const user = {
      id: admin.id,
      username: admin.username,
      displayName: admin.displayName,
      role: 'admin' as const,
      locale: 'en' as const,
      timeZone: 'UTC',
      teamId: null,
      teamName: null,
    };
    const body = {
      accountId: account.id,
      amountMinor: 1_000,
      currency: 'USD',
      paidAt: '2026-11-20T10:00:00Z',
      channel: 'card',
      reference: 'AUDIT-ATOMIC',
      source: 'manual',
    };
    await expect(service.post(user, body, 'req-1')).rejects.toThrow('audit store unavailable');
    expect(await t.db.payment.count({ where: { reference: 'AUDIT-ATOMIC' } })).toBe(0);
    expect((await t.db.account.findUniqueOrThrow({ where: { id: account.id } })).balanceMinor).toBe(
      account.balanceMinor,
    );
  });
});
