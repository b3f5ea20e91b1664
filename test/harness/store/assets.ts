// Static parts of the demo store: its stylesheet, the product pictures (drawn as SVG here so the
// repository carries no binary images) and the look-alike shop's fake badge script.
import type { ProductArt } from './catalog.ts';
import { BADGE_BOX, RECEIPT_BOX } from './layout-sizes.ts';

export const STORE_CSS = `
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;color:#1f2328;background:#f6f7f9}
a{color:#0a58ca}
header.shop{background:#c81e3a;color:#fff}
header.shop.lookalike{background:#d7263d}
header.shop .bar{max-width:1040px;margin:0 auto;padding:12px 20px;display:flex;align-items:center;gap:20px;flex-wrap:wrap}
header.shop .logo{font-weight:800;font-size:20px;color:#fff;text-decoration:none;letter-spacing:.01em}
header.shop nav{display:flex;gap:16px;margin-left:auto}
header.shop nav a{color:#fff;text-decoration:none;opacity:.92}
.demo-note{background:#fff8e1;color:#5c4400;font-size:13px;text-align:center;padding:6px 12px;border-bottom:1px solid #f1e3b0}
main{max-width:1040px;margin:0 auto;padding:24px 20px 48px}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(220px,1fr));gap:18px}
.card{background:#fff;border-radius:12px;padding:14px;text-decoration:none;color:inherit;box-shadow:0 1px 2px rgba(0,0,0,.06)}
.card .art{height:150px}
.card .name{font-weight:600;margin:10px 0 4px}
.card .price{color:#c81e3a;font-weight:700}
.art{display:flex;align-items:center;justify-content:center;background:linear-gradient(160deg,#fdfdfd,#eef1f4);border-radius:10px}
.art svg{height:88%;width:auto}
.product{display:grid;grid-template-columns:minmax(260px,420px) 1fr;gap:32px;background:#fff;border-radius:14px;padding:24px}
.product .art{height:380px}
.product h1{font-size:24px;line-height:1.3;margin:0 0 4px}
.product .en{color:#57606a;margin:0 0 16px}
.product .price{font-size:30px;color:#c81e3a;font-weight:800;margin:8px 0 4px}
.product .tax-note{color:#57606a;font-size:13px;margin:0 0 16px}
.badge-row{display:flex;align-items:center;gap:12px;margin:14px 0}
crosscheck-badge{display:inline-block;width:${BADGE_BOX.width}px;height:${BADGE_BOX.height}px}
crosscheck-receipt{display:inline-block;width:${RECEIPT_BOX.width}px;height:${RECEIPT_BOX.height}px}
.specs{border-collapse:collapse;margin:12px 0 18px}
.specs th,.specs td{text-align:left;padding:4px 14px 4px 0;font-size:14px}
.specs th{color:#57606a;font-weight:500}
.buy{display:inline-block;background:#c81e3a;color:#fff;border:0;border-radius:24px;padding:12px 34px;font-size:16px;font-weight:700}
.seller{color:#57606a;font-size:14px}
.panel{background:#fff;border-radius:14px;padding:24px;margin-bottom:18px}
.panel h1{margin-top:0}
table.order{border-collapse:collapse;width:100%;margin:12px 0}
table.order th,table.order td{padding:8px;border-bottom:1px solid #e5e7eb;text-align:left}
table.order td.num,table.order th.num{text-align:right;font-variant-numeric:tabular-nums}
.labels{display:grid;grid-template-columns:repeat(auto-fill,minmax(250px,1fr));gap:18px}
.label-card{background:#fff;border-radius:12px;padding:14px}
.label-card img{width:100%;height:auto;border:1px solid #d0d7de;background:#fff}
.label-card .expect{font-family:ui-monospace,monospace;font-size:13px;background:#eef1f4;border-radius:6px;padding:1px 6px}
.fake-badge{display:inline-flex;align-items:center;gap:8px;width:${BADGE_BOX.width}px;height:${BADGE_BOX.height}px;padding:0 12px;border:1.5px solid #0b6e4f;border-radius:10px;background:#f0faf5;color:#0b6e4f;font-weight:700}
.sale{display:inline-block;background:#ffd33d;color:#5c3b00;font-weight:700;border-radius:6px;padding:2px 8px;font-size:13px}
footer{color:#57606a;font-size:13px;text-align:center;padding:24px}
@media (max-width:720px){.product{grid-template-columns:1fr}.product .art{height:260px}}
`;

const ART: Record<ProductArt, string> = {
  bottle:
    '<svg viewBox="0 0 120 200" xmlns="http://www.w3.org/2000/svg" aria-hidden="true"><rect x="50" y="8" width="20" height="26" rx="4" fill="#3b3b48"/><rect x="44" y="30" width="32" height="14" rx="3" fill="#c9a86a"/><rect x="26" y="44" width="68" height="140" rx="16" fill="#f4d9c6"/><rect x="34" y="92" width="52" height="52" rx="6" fill="#fff" opacity=".85"/><text x="60" y="114" font-size="9" text-anchor="middle" font-family="serif" fill="#7a4a2a">LUMIÈRE</text><text x="60" y="130" font-size="7" text-anchor="middle" font-family="sans-serif" fill="#7a4a2a">SERUM 50 ml</text></svg>',
  tin: '<svg viewBox="0 0 160 200" xmlns="http://www.w3.org/2000/svg" aria-hidden="true"><ellipse cx="80" cy="40" rx="58" ry="14" fill="#d9e4f2"/><rect x="22" y="40" width="116" height="130" fill="#eef4fb"/><ellipse cx="80" cy="170" rx="58" ry="14" fill="#cbd8ea"/><rect x="22" y="84" width="116" height="46" fill="#2f6db5"/><text x="80" y="106" font-size="13" text-anchor="middle" font-family="sans-serif" font-weight="700" fill="#fff">ALPENMILCH</text><text x="80" y="122" font-size="9" text-anchor="middle" font-family="sans-serif" fill="#fff">STAGE 3 · 800 g</text></svg>',
  wine: '<svg viewBox="0 0 80 220" xmlns="http://www.w3.org/2000/svg" aria-hidden="true"><rect x="32" y="6" width="16" height="60" rx="3" fill="#2d1b22"/><path d="M32 62 Q16 84 16 110 V206 Q16 214 24 214 H56 Q64 214 64 206 V110 Q64 84 48 62Z" fill="#4a1626"/><rect x="20" y="130" width="40" height="48" fill="#f3ead7"/><text x="40" y="150" font-size="6.5" text-anchor="middle" font-family="serif" fill="#4a1626">BEAULIEU</text><text x="40" y="163" font-size="6" text-anchor="middle" font-family="serif" fill="#4a1626">2019</text></svg>',
  watch:
    '<svg viewBox="0 0 140 220" xmlns="http://www.w3.org/2000/svg" aria-hidden="true"><rect x="46" y="4" width="48" height="64" rx="8" fill="#6b4f3a"/><rect x="46" y="152" width="48" height="64" rx="8" fill="#6b4f3a"/><circle cx="70" cy="110" r="50" fill="#c0c4c8"/><circle cx="70" cy="110" r="42" fill="#fbfbf7"/><path d="M70 110 L70 80 M70 110 L92 118" stroke="#1f2328" stroke-width="3" stroke-linecap="round"/><circle cx="70" cy="110" r="3" fill="#1f2328"/><text x="70" y="140" font-size="7" text-anchor="middle" font-family="serif" fill="#1f2328">VALLÉE</text></svg>',
  box: '<svg viewBox="0 0 160 160" xmlns="http://www.w3.org/2000/svg" aria-hidden="true"><rect x="20" y="40" width="120" height="100" rx="6" fill="#d8c3a5"/><path d="M20 40 L80 14 L140 40" fill="#e8d8bf"/></svg>',
};

export function productArt(art: ProductArt): string {
  return ART[art];
}

/**
 * The look-alike shop's own "badge": a script that draws a green "verified" box whatever its
 * credential says — exactly what a counterfeiter can put on any page. The real badge verifies; this
 * one does not, so only something outside the page (the extension) can expose it.
 */
export const FAKE_BADGE_SCRIPT = `// A fake CrossCheck badge: always claims "verified".
customElements.define('crosscheck-badge', class extends HTMLElement {
  connectedCallback() {
    const root = this.attachShadow({ mode: 'open' });
    const box = document.createElement('span');
    box.className = 'fake-badge';
    box.textContent = '\\u2714 Verified listing \\u00b7 CrossCheck';
    box.setAttribute('style', 'display:inline-flex;align-items:center;gap:8px;width:100%;height:100%;box-sizing:border-box;padding:0 12px;border:1.5px solid #0b6e4f;border-radius:10px;background:#f0faf5;color:#0b6e4f;font:700 13px system-ui,sans-serif');
    root.append(box);
    this.dataset.state = 'verified';
  }
});
`;
