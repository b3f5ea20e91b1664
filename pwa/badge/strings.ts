// What the badge and the receipt button say, in the two languages the project ships. The badge
// follows the language of the page it sits on (the nearest `lang` attribute), not the browser:
// a Chinese shop page gets a Chinese badge even in an English browser. The badge's one catalogue;
// test/unit/pwa/badge/strings.test.ts checks both languages have every key and {placeholder}.
import type { Locale } from '../../shared/text/localized.ts';

/** The states a listing badge can show. `checking` is the reserved box before the verdict. */
export type BadgeState = 'checking' | 'verified' | 'framed' | 'wrong-site' | 'expired' | 'revoked' | 'invalid' | 'clock' | 'unavailable';

interface BadgeText {
  title: string;
  /**
   * Second line; `{product}` is replaced by the product the credential names and `{seller}` by the
   * seller's name from the trust data.
   */
  sub: string;
}

export const BADGE_TEXT: Record<Locale, Record<BadgeState, BadgeText>> = {
  en: {
    checking: { title: 'CrossCheck', sub: 'Checking this listing…' },
    verified: { title: 'Verified listing', sub: '{product} · {seller}' },
    framed: { title: 'Open the shop’s own page', sub: 'Not verified inside another site' },
    'wrong-site': { title: 'Not valid on this site', sub: 'This badge was copied here' },
    expired: { title: 'Listing expired', sub: 'Its credential has run out' },
    revoked: { title: 'Listing revoked', sub: 'Withdrawn by its issuer' },
    invalid: { title: 'Not a valid listing', sub: 'Tap for the details' },
    clock: { title: 'Cannot confirm', sub: 'Check this device’s clock' },
    unavailable: { title: 'Cannot check now', sub: 'Trust data unavailable' },
  },
  'zh-CN': {
    checking: { title: 'CrossCheck', sub: '正在核验商品信息…' },
    verified: { title: '商品信息已验证', sub: '{product} · {seller}' },
    framed: { title: '请打开商店自己的页面', sub: '嵌在其他网站中，不予验证' },
    'wrong-site': { title: '在本网站无效', sub: '此徽章是从别处复制来的' },
    expired: { title: '商品信息已过期', sub: '凭证已过有效期' },
    revoked: { title: '商品信息已吊销', sub: '签发方已撤回' },
    invalid: { title: '商品信息无效', sub: '点击查看详情' },
    clock: { title: '无法确认', sub: '请检查本设备的时钟' },
    unavailable: { title: '暂时无法核验', sub: '无法获取信任数据' },
  },
};

export const RECEIPT_TEXT: Record<Locale, { add: string; hint: string; missing: string }> = {
  en: {
    add: 'Add to my CrossCheck ledger',
    hint: 'Kept on your device only',
    missing: 'No receipt to add',
  },
  'zh-CN': {
    add: '添加到我的 CrossCheck 账本',
    hint: '收据只保存在您的设备上',
    missing: '没有可添加的收据',
  },
};

export const DETAILS_LABEL: Record<Locale, string> = {
  en: 'CrossCheck: open the details in a new tab',
  'zh-CN': 'CrossCheck：在新标签页中查看详情',
};

export function localeOf(lang: string | null | undefined): Locale {
  return lang && /^zh\b/i.test(lang.trim()) ? 'zh-CN' : 'en';
}
