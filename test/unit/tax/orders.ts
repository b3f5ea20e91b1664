// Order builders shared by the tax tests (one item, one order, net contents).
import type { NetContent, TaxClassId } from '../../../shared/catalog/tax-classes.ts';
import type { Order, OrderItem } from '../../../shared/tax/index.ts';

export const item = (taxClass: TaxClassId, priceFen: number, netContent?: NetContent, quantity = 1): OrderItem => ({
  name: `${taxClass} item`,
  priceFen,
  quantity,
  taxClass,
  ...(netContent ? { netContent } : {}),
});
export const one = (date: string, line: OrderItem, extra: Partial<Order> = {}): Order => ({ date, items: [line], ...extra });
export const ml = (value: number): NetContent => ({ value, unit: 'ml' });
export const g = (value: number): NetContent => ({ value, unit: 'g' });
export const pieces = (value: number): NetContent => ({ value, unit: 'piece' });

export type Expect = [tariff: number, consumptionTax: number, vat: number];
