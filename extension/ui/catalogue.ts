// The popup and options pages' catalogue: their labels in English and Simplified Chinese. The
// background sends the resolved locale (the user's override, else the browser's UI language);
// figures arrive formatted. test/unit/extension/catalogues.test.ts checks that both languages have
// every key.
import type { Locale } from '../messages.ts';

const en = {
  quotaTitle: 'Your CBEC quota this year',
  used: 'Used',
  remaining: 'Remaining',
  ofLimit: (limit: string) => `of ${limit} per calendar year`,
  orders: (n: number) => (n === 1 ? '1 order in your ledger' : `${n} orders in your ledger`),
  official: 'Official look-up figure',
  unexplained: (amount: string) =>
    `The official figure is ${amount} above your ledger. If these are not your orders, someone may be ordering under your identity: check the look-up's order list and contact the platform.`,
  calculatorTitle: 'Quick tax calculator',
  price: 'Unit price (¥)',
  quantity: 'Quantity',
  freight: 'Freight (¥)',
  product: 'Product title (to pick the tax class)',
  calculate: 'Calculate',
  priceExample: 'Enter an amount such as 399 or 399.00.',
  trustTitle: 'Trust data',
  trustNone: 'No trust data: badges cannot be verified.',
  siteTitle: 'This site',
  siteBuiltIn: 'Supported shop: CrossCheck runs here.',
  siteGranted: 'On: CrossCheck reads product data on this site.',
  siteNotGranted: 'Off: CrossCheck does not run on this site.',
  siteUnsupported: 'CrossCheck cannot run on this page.',
  siteEnable: 'Run CrossCheck on this site',
  options: 'Settings, ledger and privacy',
  openSidePanel: 'What CrossCheck found on this tab (side panel)',
  panelTitle: 'CrossCheck — this tab',
  panelNothing: 'CrossCheck has nothing to say about this tab yet: open a product or order page of a supported shop.',
  panelListing: 'Authenticity',
  panelProduct: 'Product',
  panelSigner: 'Signed by',
  panelEstimate: 'Tax and your quota',
  panelReceipts: 'Receipts this page offers',
  panelWhy: 'Only this panel and the toolbar button say “verified” or show your ledger. The page itself never does — if a page shows a CrossCheck “verified” panel, it drew it.',
  estimate: 'Estimates from your own ledger; the checkout page is authoritative.',
  // options
  optionsTitle: 'CrossCheck settings',
  language: 'Language',
  languageAuto: 'Follow the browser',
  officialTitle: 'Figure from the official quota look-up',
  officialHelp:
    'Type the “used” amount the China International Trade Single Window quota look-up (跨境电商年度个人额度查询) shows you. CrossCheck compares it with your ledger; it never contacts the look-up itself.',
  officialSave: 'Save figure',
  officialClear: 'Clear',
  officialExample: 'Enter an amount such as 12345.67.',
  ledgerTitle: 'Ledger',
  ledgerHelp: 'The same file format as the CrossCheck app: export here, import there, or the other way round.',
  exportLedger: 'Export ledger (JSON)',
  importLedger: 'Import ledger file',
  receiptTitle: 'Add a receipt',
  receiptHelp: 'Paste a receipt credential (CC1:…) from a merchant; it is verified before it enters your ledger.',
  addReceipt: 'Verify and add',
  privacyTitle: 'Privacy',
  privacy: [
    'CrossCheck works on your device. Your ledger, receipts and settings stay in this browser’s extension storage.',
    'On supported shop pages it reads the product title, price and any CrossCheck badge to compute the estimate; nothing from the page, and nothing about you, is sent anywhere.',
    'The only network request is for the signed trust list, from the address configured at build time. No analytics, no affiliate links, no tracking.',
    'Other sites are read only after you switch them on in the popup, and you can switch them off again.',
  ],
  saved: 'Saved.',
} as const;

export type UiText = { [K in keyof typeof en]: (typeof en)[K] extends (...args: infer A) => string ? (...args: A) => string : (typeof en)[K] extends readonly string[] ? readonly string[] : string };

const zhCN: UiText = {
  quotaTitle: '今年的跨境电商个人额度',
  used: '已用',
  remaining: '剩余',
  ofLimit: (limit) => `每自然年 ${limit}`,
  orders: (n) => `账本中共 ${n} 笔订单`,
  official: '官方查询的数字',
  unexplained: (amount) =>
    `官方查询比你的账本多 ${amount}。如果这些不是你的订单，可能有人在用你的身份下单：请查看查询结果中的订单明细并联系平台。`,
  calculatorTitle: '税费速算',
  price: '单价（元）',
  quantity: '数量',
  freight: '运费（元）',
  product: '商品标题（用于判断税目）',
  calculate: '计算',
  priceExample: '请输入金额，例如 399 或 399.00。',
  trustTitle: '信任数据',
  trustNone: '没有信任数据，无法验证徽章。',
  siteTitle: '当前网站',
  siteBuiltIn: '已支持的商城：CrossCheck 在此运行。',
  siteGranted: '已开启：CrossCheck 读取此网站的商品数据。',
  siteNotGranted: '未开启：CrossCheck 不在此网站运行。',
  siteUnsupported: 'CrossCheck 无法在此页面运行。',
  siteEnable: '在此网站运行 CrossCheck',
  options: '设置、账本与隐私',
  openSidePanel: 'CrossCheck 在此标签页的核对结果（侧边栏）',
  panelTitle: 'CrossCheck — 此标签页',
  panelNothing: 'CrossCheck 对此标签页暂无结果：请打开受支持商店的商品页或订单页。',
  panelListing: '真伪',
  panelProduct: '商品',
  panelSigner: '签发方',
  panelEstimate: '税费与你的额度',
  panelReceipts: '本页提供的收据',
  panelWhy: '只有此侧边栏和工具栏按钮会显示“已验证”或你的账本数据。网页本身从不显示——如果网页里出现 CrossCheck“已验证”面板，那是网页自己画的。',
  estimate: '根据你自己的账本估算；以结算页为准。',
  optionsTitle: 'CrossCheck 设置',
  language: '语言',
  languageAuto: '跟随浏览器',
  officialTitle: '官方额度查询的数字',
  officialHelp:
    '填写中国国际贸易单一窗口“跨境电商年度个人额度查询”显示的“已消费额度”。CrossCheck 将它与你的账本对比，绝不会自行访问查询系统。',
  officialSave: '保存',
  officialClear: '清除',
  officialExample: '请输入金额，例如 12345.67。',
  ledgerTitle: '账本',
  ledgerHelp: '与 CrossCheck 应用相同的文件格式：可在此导出、在应用中导入，反之亦然。',
  exportLedger: '导出账本（JSON）',
  importLedger: '导入账本文件',
  receiptTitle: '添加收据',
  receiptHelp: '粘贴商家提供的收据凭证（CC1:…）；验证通过后才会记入账本。',
  addReceipt: '验证并添加',
  privacyTitle: '隐私',
  privacy: [
    'CrossCheck 在你的设备上运行。账本、收据和设置只保存在本浏览器的扩展存储中。',
    '在支持的商城页面上，它读取商品标题、价格和 CrossCheck 徽章来计算估算值；页面内容和你的任何信息都不会被发送出去。',
    '唯一的网络请求是下载签名的信任列表，地址在构建时确定。没有统计分析，没有返利链接，没有跟踪。',
    '其他网站只有在你于弹出窗口中开启后才会被读取，你也可以随时关闭。',
  ],
  saved: '已保存。',
};

/** Both languages, keyed like shared text ({ en, 'zh-CN' }). */
export const uiCatalogue: Readonly<Record<Locale, UiText>> = { en: en as unknown as UiText, 'zh-CN': zhCN };

export function uiText(locale: Locale): UiText {
  return uiCatalogue[locale];
}
