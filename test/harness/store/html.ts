// HTML for the demo store, built so that no text from the demo world (product names, seller names,
// credential payloads — all of it data a hostile party could choose) can become markup: every
// interpolated value is escaped unless it is itself the output of `html`.

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for an element body or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** Markup that is already safe (made by `html`, `jsonLd` or `raw` on a constant). */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type HtmlValue = SafeHtml | string | number | null | undefined | false | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/** Tagged template: `html\`<p>${name}</p>\`` escapes `name`; nested `html` values pass through. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((v, i) => {
    out += render(v) + strings[i + 1]!;
  });
  return new SafeHtml(out);
}

/** For constant markup only (inline SVG art written in this repository). */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/**
 * A JSON-LD block. JSON.stringify alone is not enough inside <script>: a string containing
 * "</script>" or "<!--" would end or change the element (HTML §4.12.1.3), so <, > and & are
 * written as \u escapes, which JSON parsers read back as the same characters. U+2028/U+2029 too,
 * for old JavaScript parsers.
 */
export function jsonLd(value: unknown): SafeHtml {
  const text = JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return new SafeHtml(`<script type="application/ld+json">${text}</script>`);
}
