import type { LedgerOrder } from '../../../shared/ledger/index.ts';

/** A manual ledger order of 1,000 CNY (9.1 % tax) placed 2026-03-01 in China; `patch` changes fields. */
export const sampleOrder = (id: string, patch: Partial<LedgerOrder> = {}): LedgerOrder => ({
  orderId: id,
  source: 'manual',
  orderedAt: '2026-03-01T10:00:00+08:00',
  dutiableValueFen: 100_000,
  taxFen: 9_100,
  items: [{ name: 'x', quantity: 2, priceFen: 50_000 }],
  addedAt: '2026-03-01T10:00:00Z',
  ...patch,
});
