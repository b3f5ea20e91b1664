// Public API of the GS1 readers: the product's own barcode (EAN/UPC, GS1 element strings, GS1
// Digital Link) and its comparison with the goods a parcel label signs.
export { AI_TABLE, type AiFormat, type Gs1Charset } from './ai-table.ts';
export { centuryYear, readGs1Date, type Gs1Date } from './dates.ts';
export { parseDigitalLink, type DigitalLink } from './digital-link.ts';
export { GS, parseBracketed, parseElementString, type Gs1Element } from './element-string.ts';
export { GS1_ERROR_MESSAGES, type Gs1Error, type Gs1ErrorCode, type Gs1Result } from './errors.ts';
export { expandUpcE, parseProductCode, MAX_PRODUCT_CODE_LENGTH, type ProductCode, type ProductCodeForm, type ProductCodeOptions } from './product-code.ts';
export { compareGoods, type GoodsComparison, type GoodsField, type GoodsLine } from './compare.ts';
