// Every finding a verdict can report: a stable code, how serious it is, which top-level status it
// forces (if any), and one plain sentence in English and Simplified Chinese. User interfaces show
// the sentence; tests and logs use the code. FORMAT.md §7 lists the same table.
import { CLAIMS_ERROR_MESSAGES, type ClaimsErrorCode } from '../credential/claims/errors.ts';
import { CONTAINER_MESSAGES, type ContainerErrorCode } from '../credential/codec/errors.ts';
import { formatFen } from '../money/index.ts';
import type { Locale, Localized } from '../text/localized.ts';

export type VerdictStatus =
  | 'genuine-yours'
  | 'genuine-unbound'
  | 'genuine'
  | 'not-yours'
  | 'not-authorized'
  | 'unknown-issuer'
  | 'revoked'
  | 'expired'
  | 'check-clock'
  | 'check-trust-data'
  | 'invalid';

/**
 * Worst first: the top-level status is the first in this list that some reason forces; with none,
 * a parcel is genuine-yours / genuine-unbound and any other type is genuine.
 */
export const STATUS_PRECEDENCE: readonly VerdictStatus[] = [
  'invalid',
  'unknown-issuer',
  'revoked',
  'expired',
  'not-authorized',
  'not-yours',
  'check-clock',
  'check-trust-data',
];

export type Severity = 'ok' | 'info' | 'warning' | 'error';

export type ReasonDetail = Record<string, string | number>;

interface ReasonSpec {
  severity: Severity;
  /** The status this finding forces, if any. */
  forces?: VerdictStatus;
  en: (d: ReasonDetail) => string;
  'zh-CN': (d: ReasonDetail) => string;
}

const s = (d: ReasonDetail, k: string): string => String(d[k] ?? '?');
const yuanEn = (d: ReasonDetail, k: string) => (typeof d[k] === 'number' ? formatFen(d[k], 'en') : '?');
const yuanZh = (d: ReasonDetail, k: string) => (typeof d[k] === 'number' ? formatFen(d[k], 'zh-CN') : '?');
const nameEn = (d: ReasonDetail) => s(d, 'nameEn');
const nameZh = (d: ReasonDetail) => s(d, 'nameZh');
/** A party by its name in the trust data when the verifier found one (`sellerZh`), else its id. */
const partyEn = (d: ReasonDetail, k: string) => String(d[`${k}En`] ?? d[k] ?? '?');
const partyZh = (d: ReasonDetail, k: string) => String(d[`${k}Zh`] ?? d[k] ?? '?');

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
/**
 * A moment (an ISO 8601 time in the detail) as a reader of the language writes it — "Mar 1, 2026,
 * 8:00 AM", "2026年3月1日 08:00" — in the device's time zone, as the apps show every other time.
 * The detail keeps the ISO text for logs and tests.
 */
function when(d: ReasonDetail, k: string, locale: Locale, seconds: boolean): string {
  const v = d[k];
  if (typeof v !== 'string' && typeof v !== 'number') return s(d, k);
  const key = `${locale}${seconds ? ':s' : ''}`;
  // The same few moments come back verdict after verdict (the trust data's time above all), and
  // Intl formatting costs more than the check that found them: the texts are kept, a few hundred.
  const cacheKey = `${key}|${v}`;
  const known = formattedMoments.get(cacheKey);
  if (known !== undefined) return known;
  const t = new Date(v);
  if (Number.isNaN(t.getTime())) return s(d, k);
  let format = dateTimeFormats.get(key);
  if (!format) dateTimeFormats.set(key, (format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: seconds ? 'medium' : 'short' })));
  const text = format.format(t);
  if (formattedMoments.size >= 512) formattedMoments.clear();
  formattedMoments.set(cacheKey, text);
  return text;
}
const formattedMoments = new Map<string, string>();
/** `seconds`: where a few seconds matter (the clock turned back). */
const whenEn = (d: ReasonDetail, k: string, seconds = false) => when(d, k, 'en', seconds);
const whenZh = (d: ReasonDetail, k: string, seconds = false) => when(d, k, 'zh-CN', seconds);

/** A marketplace (shared/verdict/page.ts MARKETPLACES `site`) as Chinese shoppers name it. */
const SITE_ZH: Record<string, string> = { tmall: '天猫', jd: '京东' };
const siteZh = (d: ReasonDetail) => SITE_ZH[s(d, 'site')] ?? `${s(d, 'site')} `;
/** The page's item id; empty when the page names none. */
const itemEn = (d: ReasonDetail) => (d['item'] === '' ? '(none named by the page)' : s(d, 'item'));
const itemZh = (d: ReasonDetail) => (d['item'] === '' ? '（页面未注明商品编号）' : s(d, 'item'));

/** English count phrases with the right plural form ("1 step", "2 steps"). */
const countEn = (n: string | number | undefined, one: string, other: string) => `${n ?? '?'} ${Number(n) === 1 ? one : other}`;

/** The container's or the claims decoder's own sentence for an error code, without its full stop. */
const errorText = (code: string, locale: Locale): string | undefined => {
  const text = (CONTAINER_MESSAGES as Record<string, Localized | undefined>)[code as ContainerErrorCode] ?? (CLAIMS_ERROR_MESSAGES as Record<string, Localized | undefined>)[code as ClaimsErrorCode];
  return text?.[locale].replace(/[.。]$/, '');
};

/** Credential types as a Chinese reader calls them (CREDENTIAL_TYPES). */
const TYPE_ZH: Record<string, string> = {
  parcel: '包裹',
  receipt: '收据',
  listing: '商品信息',
  'brand-authorization': '品牌授权',
  'trust-bundle': '信任数据',
};
const typesZh = (d: ReasonDetail, k: string) =>
  s(d, k)
    .split(/,\s*/)
    .map((t) => TYPE_ZH[t] ?? t)
    .join('、');

const ROLE_ZH: Record<string, string> = {
  importer: '进口商',
  seller: '跨境电商企业',
  warehouse: '保税仓',
  platform: '电商平台',
  logistics: '物流企业',
  brand: '品牌方',
  'customs-broker': '报关企业',
};

/** Party fields of the claims, as reason details name them (FORMAT.md §5 "Authority"). */
const FIELD_ZH: Record<string, string> = {
  seller: '商家',
  importer: '进口商',
  warehouse: '保税仓',
};
const fieldZh = (d: ReasonDetail) => FIELD_ZH[s(d, 'field')] ?? s(d, 'field');

export const REASONS = {
  // ---- the container and the claims
  'credential.unreadable': {
    severity: 'error',
    forces: 'invalid',
    en: (d) => `This code cannot be read as a credential (${s(d, 'stage')}: ${s(d, 'code')}). It is damaged, altered or not a CrossCheck code.`,
    // The stage and code stay in the detail (logs, tests); a reader gets the container's sentence.
    'zh-CN': (d) => `无法将此码读取为凭证${errorText(s(d, 'code'), 'zh-CN') ? `（${errorText(s(d, 'code'), 'zh-CN')}）` : ''}，可能已损坏、被改动，或不是 CrossCheck 码。`,
  },
  'credential.malformed-claims': {
    severity: 'error',
    forces: 'invalid',
    en: (d) => `The signed content does not follow the credential format (${s(d, 'code')} at ${s(d, 'path')}).`,
    'zh-CN': (d) => `签名内容不符合凭证格式${errorText(s(d, 'code'), 'zh-CN') ? `：${errorText(s(d, 'code'), 'zh-CN')}` : ''}。`,
  },
  'credential.wrong-type': {
    severity: 'error',
    forces: 'invalid',
    en: (d) => `This is a ${s(d, 'type')} credential, not what was expected here (${s(d, 'expected')}).`,
    'zh-CN': (d) => `这是一份「${typesZh(d, 'type')}」凭证，不是此处需要的类型（${typesZh(d, 'expected')}）。`,
  },
  'signature.valid': {
    severity: 'ok',
    en: () => 'The signature is valid: the content is exactly what the issuer signed.',
    'zh-CN': () => '签名有效：内容与签发方签署时完全一致。',
  },
  'signature.invalid': {
    severity: 'error',
    forces: 'invalid',
    en: (d) => `The signature does not match the content (${s(d, 'code')}): it was altered or forged.`,
    'zh-CN': (d) => `签名与内容不符${errorText(s(d, 'code'), 'zh-CN') ? `（${errorText(s(d, 'code'), 'zh-CN')}）` : ''}：内容已被改动或系伪造。`,
  },
  // ---- the issuer and its key
  'issuer.trusted': {
    severity: 'ok',
    en: (d) => `Issued by ${nameEn(d)}, a ${s(d, 'roles')} listed in the trust data.`,
    'zh-CN': (d) => `由信任数据中登记的${nameZh(d)}签发。`,
  },
  'issuer.unknown-key': {
    severity: 'error',
    forces: 'unknown-issuer',
    en: () => 'The key that signed this is not in the trust data: the issuer is unknown.',
    'zh-CN': () => '签署该凭证的密钥不在信任数据中：签发方未知。',
  },
  'issuer.name-mismatch': {
    severity: 'error',
    forces: 'invalid',
    en: (d) => `The credential claims to come from "${partyEn(d, 'claimed')}" but was signed with the key of ${nameEn(d)}.`,
    'zh-CN': (d) => `凭证声称来自「${partyZh(d, 'claimed')}」，却是用${nameZh(d)}的密钥签署的。`,
  },
  'issuer.role-not-allowed': {
    severity: 'error',
    forces: 'not-authorized',
    en: (d) => `${nameEn(d)} is not entitled to issue ${s(d, 'type')} credentials.`,
    'zh-CN': (d) => `${nameZh(d)}无权签发「${typesZh(d, 'type')}」凭证。`,
  },
  // ---- who may say what (FORMAT.md §5 "Authority")
  'authority.not-delegated': {
    severity: 'error',
    forces: 'not-authorized',
    en: (d) =>
      `${nameEn(d)} signed this, but it names "${partyEn(d, 'party')}" as the ${s(d, 'field')}, and the trust data does not let ${nameEn(d)} speak for that party. Someone may be using their name.`,
    'zh-CN': (d) => `本凭证由${nameZh(d)}签署，却将「${partyZh(d, 'party')}」列为${fieldZh(d)}；信任数据并未授权${nameZh(d)}代表该方。可能有人冒用其名义。`,
  },
  'custody.asserted-by-signer': {
    severity: 'info',
    en: (d) =>
      `${countEn(d['hops'], 'custody step names', 'custody steps name')} another party (${partyEn(d, 'actors')}); ${Number(d['hops']) === 1 ? 'it is' : 'they are'} ${nameEn(d)}’s statement, not signed by that party.`,
    'zh-CN': (d) => `有 ${s(d, 'hops')} 个物流环节列出了其他方（${partyZh(d, 'actors')}）；这些是${nameZh(d)}的陈述，并非该方签署。`,
  },
  'key.revoked': {
    severity: 'error',
    forces: 'revoked',
    en: (d) => `The issuer’s key was revoked on ${whenEn(d, 'since')}, before this was signed (${whenEn(d, 'issuedAt')}).`,
    'zh-CN': (d) => `签发方的密钥已于 ${whenZh(d, 'since')} 吊销，早于本凭证的签署时间（${whenZh(d, 'issuedAt')}）。`,
  },
  'key.revoked-later': {
    severity: 'info',
    en: (d) => `The issuer’s key was revoked on ${whenEn(d, 'since')}, after this was signed; credentials signed before then remain valid.`,
    'zh-CN': (d) => `签发方的密钥已于 ${whenZh(d, 'since')} 吊销，晚于本凭证签署时间；此前签署的凭证仍然有效。`,
  },
  'key.expired': {
    severity: 'error',
    forces: 'expired',
    en: (d) => `This was signed on ${whenEn(d, 'issuedAt')}, after the issuer’s key was retired (${whenEn(d, 'notAfter')}).`,
    'zh-CN': (d) => `本凭证签署于 ${whenZh(d, 'issuedAt')}，晚于签发方密钥的停用时间（${whenZh(d, 'notAfter')}）。`,
  },
  'key.not-yet-valid': {
    severity: 'error',
    forces: 'invalid',
    en: (d) => `This claims to be signed on ${whenEn(d, 'issuedAt')}, before the issuer’s key existed (${whenEn(d, 'notBefore')}).`,
    'zh-CN': (d) => `本凭证声称签署于 ${whenZh(d, 'issuedAt')}，早于签发方密钥的启用时间（${whenZh(d, 'notBefore')}）。`,
  },
  'credential.revoked': {
    severity: 'error',
    forces: 'revoked',
    en: () => 'The issuer has withdrawn this credential.',
    'zh-CN': () => '签发方已撤回该凭证。',
  },
  'credential.expired': {
    severity: 'error',
    forces: 'expired',
    en: (d) => `This credential expired on ${whenEn(d, 'expiresAt')}.`,
    'zh-CN': (d) => `该凭证已于 ${whenZh(d, 'expiresAt')} 过期。`,
  },
  'credential.issued-in-future': {
    severity: 'warning',
    forces: 'check-clock',
    en: (d) => `This was signed on ${whenEn(d, 'issuedAt')}, later than this device’s time (${whenEn(d, 'now')}). Check the device clock.`,
    'zh-CN': (d) => `本凭证签署于 ${whenZh(d, 'issuedAt')}，晚于本设备时间（${whenZh(d, 'now')}）。请检查设备时钟。`,
  },
  // ---- the brand
  'brand.authorized': {
    severity: 'ok',
    en: (d) => `${nameEn(d)} has authorized this seller to sell this product.`,
    'zh-CN': (d) => `${nameZh(d)}已授权该商家销售此商品。`,
  },
  'brand.not-authorized': {
    severity: 'error',
    forces: 'not-authorized',
    en: (d) => `${nameEn(d)} has not authorized seller "${partyEn(d, 'seller')}" to sell product ${s(d, 'gtin')}.`,
    'zh-CN': (d) => `${nameZh(d)}未授权商家「${partyZh(d, 'seller')}」销售商品 ${s(d, 'gtin')}。`,
  },
  'brand.authorization-expired': {
    severity: 'error',
    forces: 'not-authorized',
    en: (d) => `${nameEn(d)}’s authorization of seller "${partyEn(d, 'seller')}" for product ${s(d, 'gtin')} was not in force on ${whenEn(d, 'at')}.`,
    'zh-CN': (d) => `${nameZh(d)}对商家「${partyZh(d, 'seller')}」销售商品 ${s(d, 'gtin')} 的授权在 ${whenZh(d, 'at')} 时不在有效期内。`,
  },
  'brand.not-participating': {
    severity: 'info',
    en: (d) => `The brand of product ${s(d, 'gtin')} publishes no authorizations here, so who may sell it cannot be checked.`,
    'zh-CN': (d) => `商品 ${s(d, 'gtin')} 的品牌未在此发布授权信息，无法核对谁有权销售。`,
  },
  // ---- binding to the buyer and the label
  'binding.yours': {
    severity: 'ok',
    en: (d) => `This parcel belongs to your order ${s(d, 'orderId')}.`,
    'zh-CN': (d) => `该包裹属于您的订单 ${s(d, 'orderId')}。`,
  },
  'binding.other-identity': {
    severity: 'error',
    forces: 'not-yours',
    en: (d) =>
      `This parcel belongs to order ${s(d, 'orderId')}, but that order was placed under another ID number (ending ${s(d, 'receiptLast4')}, yours ends ${s(d, 'ownerLast4')}): it is not your order. The receipt was passed on, or someone’s ID was used for it.`,
    'zh-CN': (d) =>
      `该包裹属于订单 ${s(d, 'orderId')}，但该订单是以另一身份证号（尾号 ${s(d, 'receiptLast4')}，您的尾号为 ${s(d, 'ownerLast4')}）下单的，不是您的订单。收据可能被转手，或有人借用了他人身份证下单。`,
  },
  'binding.owner-unconfirmed': {
    severity: 'info',
    en: (d) =>
      `This parcel matches the receipt of order ${s(d, 'orderId')}, but this device has no owner profile, so it cannot confirm that the order was placed under your ID. Set up your profile (the last four characters of your ID number) to confirm.`,
    'zh-CN': (d) => `该包裹与订单 ${s(d, 'orderId')} 的收据相符，但本设备未设置本人信息，无法确认该订单是以您的身份证下单的。设置本人信息（身份证号后四位）后即可确认。`,
  },
  'binding.no-receipt': {
    severity: 'info',
    en: () => 'None of your receipts is for this seller and product, so whether this parcel is yours cannot be checked. Import the order’s receipt to check.',
    'zh-CN': () => '您的收据中没有该商家、该商品的订单，无法确认包裹是否属于您。导入该订单的收据后可核对。',
  },
  'binding.not-yours': {
    severity: 'error',
    forces: 'not-yours',
    en: (d) =>
      `You have ${countEn(d['receipts'], 'receipt', 'receipts')} from this seller for this product, but this parcel was imported for a different order. The code may have been copied from someone else’s parcel.`,
    'zh-CN': (d) => `您有 ${s(d, 'receipts')} 张该商家、该商品的收据，但该包裹是为另一订单进口的。此码可能是从他人包裹上复制的。`,
  },
  'label.waybill-match': {
    severity: 'ok',
    en: (d) => `The waybill number on the label (${s(d, 'waybill')}) matches the signed one.`,
    'zh-CN': (d) => `面单上的运单号（${s(d, 'waybill')}）与签名中的一致。`,
  },
  'label.waybill-mismatch': {
    severity: 'error',
    forces: 'not-yours',
    en: (d) => `The code was issued for waybill ${s(d, 'signed')}, but the label says ${s(d, 'label')}: it was copied onto this parcel.`,
    'zh-CN': (d) => `此码签发给运单 ${s(d, 'signed')}，但面单上是 ${s(d, 'label')}：此码是被复制到该包裹上的。`,
  },
  // ---- listings on web pages
  'listing.origin-match': {
    severity: 'ok',
    en: (d) => `This listing is valid on ${s(d, 'origin')}, where it is shown.`,
    'zh-CN': (d) => `该商品信息适用于当前网站 ${s(d, 'origin')}。`,
  },
  'listing.origin-mismatch': {
    severity: 'error',
    forces: 'not-authorized',
    en: (d) => `This listing is shown on ${s(d, 'origin')}, but it is only valid on ${s(d, 'allowed')}: it was copied to this site.`,
    'zh-CN': (d) => `该商品信息显示在 ${s(d, 'origin')}，但只适用于 ${s(d, 'allowed')}：它被复制到了本网站。`,
  },
  'listing.placement-match': {
    severity: 'ok',
    en: (d) => `This listing names this item (${s(d, 'site')} item ${itemEn(d)}).`,
    'zh-CN': (d) => `该商品信息所列商品与本页面一致（${siteZh(d)}商品 ${itemZh(d)}）。`,
  },
  'listing.placement-mismatch': {
    severity: 'error',
    forces: 'not-authorized',
    en: (d) =>
      `This page is ${s(d, 'site')} item ${itemEn(d)}, but the listing is only valid for ${s(d, 'allowed')}. On a marketplace many sellers share one site: it was copied to another seller’s item.`,
    'zh-CN': (d) => `本页面是${siteZh(d)}商品 ${itemZh(d)}，但该商品信息只适用于 ${s(d, 'allowedZh') === '?' ? s(d, 'allowed') : s(d, 'allowedZh')}。电商平台上众多商家共用一个网站：它被复制到了别的商家的商品页。`,
  },
  'listing.origin-not-checked': {
    severity: 'info',
    en: (d) => `The listing is valid on ${s(d, 'allowed')}; the site showing it was not checked.`,
    'zh-CN': (d) => `该商品信息适用于 ${s(d, 'allowed')}；未核对显示它的网站。`,
  },
  // ---- time and trust data
  'bundle.fresh': {
    severity: 'ok',
    en: (d) => `Checked against trust data from ${whenEn(d, 'issuedAt')}.`,
    'zh-CN': (d) => `已对照 ${whenZh(d, 'issuedAt')} 的信任数据核验。`,
  },
  'bundle.stale': {
    severity: 'warning',
    en: (d) => `The trust data is ${s(d, 'ageDays')} days old (meant to be refreshed within ${s(d, 'maxAgeDays')}); recent revocations may be missing. Go online to update.`,
    'zh-CN': (d) => `信任数据已有 ${s(d, 'ageDays')} 天（应在 ${s(d, 'maxAgeDays')} 天内更新），可能缺少最近的吊销信息。请联网更新。`,
  },
  'bundle.too-old': {
    severity: 'warning',
    forces: 'check-trust-data',
    en: (d) =>
      `The trust data is ${s(d, 'ageDays')} days old, more than twice the ${s(d, 'maxAgeDays')} days it is meant to be used for: keys revoked since may still look valid. Go online to update it; nothing can be confirmed until then.`,
    'zh-CN': (d) => `信任数据已有 ${s(d, 'ageDays')} 天，超过其有效期（${s(d, 'maxAgeDays')} 天）的两倍：此后吊销的密钥可能仍显示为有效。请联网更新；更新前无法确认任何结果。`,
  },
  'clock.turned-back': {
    severity: 'warning',
    forces: 'check-clock',
    en: (d) => `This device’s clock (${whenEn(d, 'clock', true)}) is earlier than a time already seen (${whenEn(d, 'floor', true)}). It was turned back, so the result cannot be confirmed.`,
    'zh-CN': (d) => `本设备时钟（${whenZh(d, 'clock', true)}）早于此前已出现过的时间（${whenZh(d, 'floor', true)}），时钟被调回，结果无法确认。`,
  },
  // ---- warnings about the goods and the parties
  'value.under-declared': {
    severity: 'warning',
    en: (d) => `The parcel declares ${yuanEn(d, 'declaredFen')} to customs, less than the ${yuanEn(d, 'paidFen')} your receipt shows for these goods (under-declaration).`,
    'zh-CN': (d) => `该包裹向海关申报 ${yuanZh(d, 'declaredFen')}，低于您收据上这些商品的 ${yuanZh(d, 'paidFen')}（低报价格）。`,
  },
  'quantity.beyond-personal-use': {
    severity: 'warning',
    en: (d) => `${s(d, 'quantity')} units of product ${s(d, 'gtin')} in one parcel exceed the ${s(d, 'limit')} treated as personal use; cross-border goods may not be resold.`,
    'zh-CN': (d) => `同一包裹中商品 ${s(d, 'gtin')} 有 ${s(d, 'quantity')} 件，超出按个人自用认定的 ${s(d, 'limit')} 件；跨境电商商品不得再次销售。`,
  },
  'filing.unfiled': {
    severity: 'warning',
    en: (d) => `The ${s(d, 'role')} ${nameEn(d)} has no customs filing for cross-border e-commerce.`,
    'zh-CN': (d) => `${ROLE_ZH[s(d, 'role')] ?? s(d, 'role')}${nameZh(d)}未办理跨境电商海关备案。`,
  },
  'filing.suspended': {
    severity: 'warning',
    en: (d) => `The customs filing of the ${s(d, 'role')} ${nameEn(d)} is suspended.`,
    'zh-CN': (d) => `${ROLE_ZH[s(d, 'role')] ?? s(d, 'role')}${nameZh(d)}的海关备案已被暂停。`,
  },
  'filing.unknown': {
    severity: 'warning',
    en: (d) => `The ${s(d, 'role')} "${s(d, 'party')}" is not in the trust data, so its customs filing cannot be checked.`,
    'zh-CN': (d) => `${ROLE_ZH[s(d, 'role')] ?? s(d, 'role')}「${s(d, 'party')}」不在信任数据中，无法核对其海关备案。`,
  },
  'receipt.ignored': {
    severity: 'info',
    en: (d) => (Number(d['count']) === 1 ? 'One of your receipts did not verify and was not used.' : `${s(d, 'count')} of your receipts did not verify and were not used.`),
    'zh-CN': (d) => `您有 ${s(d, 'count')} 张收据未通过验证，未予采用。`,
  },
} satisfies Record<string, ReasonSpec>;

export type ReasonCode = keyof typeof REASONS;
export const REASON_CODES = Object.keys(REASONS) as ReasonCode[];

export interface Reason {
  code: ReasonCode;
  severity: Severity;
  /** The status this reason forces, when it forces one. */
  forces?: VerdictStatus;
  message: Localized;
  detail?: ReasonDetail;
}

export function reason(code: ReasonCode, detail: ReasonDetail = {}): Reason {
  const spec: ReasonSpec = REASONS[code];
  const out: Reason = { code, severity: spec.severity, message: { en: spec.en(detail), 'zh-CN': spec['zh-CN'](detail) } };
  if (spec.forces) out.forces = spec.forces;
  if (Object.keys(detail).length > 0) out.detail = detail;
  return out;
}

/** The top-level status for a list of reasons (see STATUS_PRECEDENCE). */
export function statusFor(reasons: readonly Reason[], positive: 'genuine-yours' | 'genuine-unbound' | 'genuine'): VerdictStatus {
  for (const status of STATUS_PRECEDENCE) if (reasons.some((r) => r.forces === status)) return status;
  return positive;
}

/** What each status means, for legends and FORMAT.md. */
export const STATUS_MESSAGES: Record<VerdictStatus, Localized> = {
  'genuine-yours': {
    en: 'Genuine, and imported for your order.',
    'zh-CN': '真品，且为您的订单进口。',
  },
  'genuine-unbound': {
    en: 'Genuine, but not confirmed as yours: import the order’s receipt (and set up your profile) to link it.',
    'zh-CN': '真品，但未确认属于您：导入该订单的收据（并设置本人信息）即可关联。',
  },
  genuine: {
    en: 'Genuine: signed by a trusted issuer and in force.',
    'zh-CN': '真实有效：由受信任的签发方签署，且在有效期内。',
  },
  'not-yours': {
    en: 'A genuine code, but not for this parcel or not your order (copied, or ordered under another identity).',
    'zh-CN': '此码本身真实，但不属于该包裹或不是您的订单（被复制，或以他人身份下单）。',
  },
  'not-authorized': {
    en: 'Not authorized: the issuer may not say this, the seller is not authorized, or it is shown where it is not valid.',
    'zh-CN': '未获授权：签发方无权作此声明、商家未获授权，或显示在其不适用的地方。',
  },
  'unknown-issuer': {
    en: 'Signed by an issuer this app does not know.',
    'zh-CN': '由本应用不认识的签发方签署。',
  },
  revoked: {
    en: 'Revoked: the issuer or its key has been withdrawn.',
    'zh-CN': '已吊销：签发方或其密钥已被撤回。',
  },
  expired: {
    en: 'Expired.',
    'zh-CN': '已过期。',
  },
  'check-clock': {
    en: 'Cannot confirm: this device’s clock is wrong.',
    'zh-CN': '无法确认：本设备时钟有误。',
  },
  'check-trust-data': {
    en: 'Cannot confirm: the trust data on this device is too old. Go online to update it.',
    'zh-CN': '无法确认：本设备上的信任数据过旧，请联网更新。',
  },
  invalid: {
    en: 'Not valid: damaged, altered or forged.',
    'zh-CN': '无效：已损坏、被改动或系伪造。',
  },
};
