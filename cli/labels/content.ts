// What a parcel label says, from a demo parcel: the verify URL for the QR code, the carrier, the
// waybill printed beside the code (on a copied label, not the signed one), product lines and the
// customs details. One function for both renderings (PDF: pdf.ts, SVG: svg.ts),
// so the two files of a label can never say different things.
import { toVerifyUrl } from '../../shared/credential/index.ts';
import { labelSvg } from './svg.ts';
import { labelPdf, type LabelContent } from './pdf.ts';

export interface ParcelForLabel {
  payload: string;
  labelWaybill: string;
  claims: {
    carrier: string;
    declaration: string;
    port: string;
    mode: number;
    goods: { gtin: string; name?: string; batch?: string; expiry?: string; quantity: number }[];
  };
}

/** Carrier codes as printed on Chinese labels (the claims carry the short code). */
const CARRIER_NAMES: Record<string, string> = {
  SF: 'SF Express 顺丰速运',
  EMS: 'China Post EMS 中国邮政',
  YTO: 'YTO Express 圆通速递',
  ZTO: 'ZTO Express 中通快递',
  JD: 'JD Logistics 京东物流',
};

/**
 * @param productNames full product names by GTIN (from the listings), printed under the short name
 *   the credential carries.
 */
export function labelContentFor(parcel: ParcelForLabel, verifyBase: string, productNames: ReadonlyMap<string, string> = new Map()): LabelContent {
  const { claims } = parcel;
  const productLines: string[] = [];
  for (const g of claims.goods) {
    const full = productNames.get(g.gtin);
    productLines.push(`${g.name ?? full ?? `GTIN ${g.gtin}`} × ${g.quantity}`);
    if (full && full !== g.name) productLines.push(full);
  }
  const first = claims.goods[0];
  const batch = [first?.batch && `Batch ${first.batch}`, first?.expiry && `Exp ${first.expiry}`].filter(Boolean).join(' · ');
  const detailLines = [
    first ? `GTIN ${first.gtin}` : undefined,
    batch || undefined,
    `清单 Declaration ${claims.declaration}`,
    `关区 Port ${claims.port} · Mode ${claims.mode}`,
  ].filter((l): l is string => l !== undefined);
  return {
    qrText: toVerifyUrl(parcel.payload, verifyBase),
    carrier: CARRIER_NAMES[claims.carrier] ?? claims.carrier,
    waybill: parcel.labelWaybill,
    productLines,
    detailLines,
  };
}

export function parcelLabelPdf(parcel: ParcelForLabel, verifyBase: string, productNames?: ReadonlyMap<string, string>): Uint8Array {
  return labelPdf(labelContentFor(parcel, verifyBase, productNames));
}

export async function parcelLabelSvg(parcel: ParcelForLabel, verifyBase: string, productNames?: ReadonlyMap<string, string>): Promise<string> {
  const c = labelContentFor(parcel, verifyBase, productNames);
  // The SVG has room for four short lines: the products first, then the GTIN and batch.
  return labelSvg({ qrText: c.qrText, carrier: c.carrier, waybill: c.waybill, lines: [...c.productLines, ...(c.detailLines ?? [])].slice(0, 4) });
}
