// Public API of the tax core: compare CBEC, general-trade and postal taxation of one order.
export {
  compareChannels,
  type AppliedRule,
  type CbecTax,
  type ChannelComparison,
  type ChannelTax,
  type CompareOptions,
  type ItemBreakdown,
  type PostalTax,
  type RoundingMode,
  type TaxAmounts,
  type TaxKind,
  type TaxLine,
} from './compare.ts';
export { chooseTier, specificUnits, tonnesOf, type TierChoice, type UnitPrice } from './consumption-tax.ts';
export {
  netContentSchema,
  orderItemSchema,
  orderSchema,
  isCustomsRate,
  parseOrder,
  TAX_ERROR_MESSAGES,
  TaxError,
  type Order,
  type OrderItem,
  type TaxErrorCode,
} from './order.ts';
