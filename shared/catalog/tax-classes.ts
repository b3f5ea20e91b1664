// The tax classes every part of CrossCheck speaks in. A class says how goods are taxed (VAT band,
// consumption-tax item, postal-article category); the rates themselves are dated rows in
// shared/policy, so a rate change never touches this list.

export const TAX_CLASS_IDS = [
  'general', // 13 % VAT, no consumption tax; postal category 2 (the residual class)
  'food', // 13 % VAT (milk powder, health food, non-alcoholic drinks); postal category 1
  'agricultural', // 9 % VAT: farm products, edible vegetable oil (olive oil), grain; postal category 1
  'books', // 9 % VAT: books, periodicals, audio-visual; postal category 1
  'electronics', // 13 % VAT: computers, cameras, IT products; postal category 1
  'medicine', // 13 % VAT; postal category 1
  'toys', // 13 % VAT: toys, games; postal category 1
  'cosmetics', // skin care and other cosmetics: 13 % VAT; 15 % CT only when high-end (since 2016-10-01); none before
  'make-up', // make-up and perfume (3303, 3304.10/.20/.30/.91): 30 % CT until 2016-09-30, then as cosmetics
  'precious-jewellery', // 10 % consumption tax at import (jewellery and jade other than gold/silver/platinum/diamond)
  'gold-silver-jewellery', // consumption tax levied at retail, not at import: 0 % at import
  'watch', // 20 % consumption tax when the unit price reaches the high-end threshold
  'wine', // "other alcohol" 10 %
  'spirits', // 20 % plus a specific duty per 500 ml
  'beer', // specific duty per tonne
  'yellow-wine', // specific duty per tonne
  'golf', // golf balls and equipment 10 %
  'battery', // 4 % (lead-acid, nickel-cadmium and other batteries not exempt)
  'battery-exempt', // exempt since 2015-02-01: mercury-free primary, Ni-MH, lithium primary, lithium-ion, solar, fuel cells
  'coating', // 4 %
  'coating-low-voc', // exempt: VOC below 420 g/l as applied
] as const;

export type TaxClassId = (typeof TAX_CLASS_IDS)[number];

export function isTaxClassId(value: unknown): value is TaxClassId {
  return typeof value === 'string' && (TAX_CLASS_IDS as readonly string[]).includes(value);
}

/** Net content of one unit of goods, normalised: ml for liquids, g for solids, piece for 片/张/pcs. */
export interface NetContent {
  value: number;
  unit: 'ml' | 'g' | 'piece';
}
