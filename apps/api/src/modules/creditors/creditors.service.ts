import type { Creditor } from '@crm/contracts';
import type { CreditorsRepository } from './creditors.repository.js';

export type CreditorsService = ReturnType<typeof createCreditorsService>;

export function createCreditorsService({ creditors }: { creditors: CreditorsRepository }) {
  return {
    async list(): Promise<{ items: Creditor[] }> {
      const [rows, open] = await Promise.all([creditors.list(), creditors.openAccountCounts()]);
      return { items: rows.map((c) => ({ ...c, openAccounts: open.get(c.id) ?? 0 })) };
    },
  };
}
