// The compliance officer's view: one self-contained HTML file (inline CSS and SVG, a CSP that
// forbids every request) with the decisions over time, the top reasons in plain zh-CN and en, and
// a few example orders per reason. The accumulator keeps counts per day and a bounded number of
// examples, so the report costs the same memory for a thousand orders or a billion.
import { formatFen } from '../money/index.ts';
import { chinaDate } from '../policy/dates.ts';
import type { ScreenResult } from './engine.ts';
import type { ValidOrder } from './order.ts';
import { PRICE_FILING_RULES, RULES, RULE_IDS, ROW_ERRORS, THREE_RECORD_RULES, type RuleId, type ScreenConfig } from './rules.ts';
import type { RowError, ScreenOutput, ScreenSummary } from './stream.ts';

const EXAMPLES_PER_REASON = 5;
const ERROR_EXAMPLES = 20;

interface Example {
  orderId: string;
  time: string;
  platform: string;
  address: string;
  paidFen: number;
  declaredValueFen: number;
  decision: string;
  reasons: RuleId[];
  /** Why this rule fired, for the rules matched against side records (no names, IDs masked). */
  details?: string;
}

export interface ReportOptions {
  /** Explains a finding of a side-record rule (ThreeRecords.describe); must mask identities. */
  describe?: (order: ValidOrder, rule: RuleId) => string | undefined;
  /** Which side inputs were given, so their sections say so even when nothing fired. */
  inputs?: { priceFiling?: boolean; payments?: boolean; logistics?: boolean };
}

export class ReportAccumulator {
  private readonly days = new Map<string, { pass: number; review: number; block: number }>();
  private readonly examples = new Map<RuleId, Example[]>();
  private readonly errorExamples: RowError[] = [];

  constructor(private readonly options: ReportOptions = {}) {}

  add(output: ScreenOutput, order: ValidOrder | undefined): void {
    if (output.decision === 'error') {
      if (this.errorExamples.length < ERROR_EXAMPLES) this.errorExamples.push(output);
      return;
    }
    if (!order) return;
    const day = chinaDate(order.timeMs);
    let counts = this.days.get(day);
    if (!counts) {
      counts = { pass: 0, review: 0, block: 0 };
      this.days.set(day, counts);
    }
    counts[output.decision]++;
    for (const r of output.reasons) {
      let list = this.examples.get(r);
      if (!list) this.examples.set(r, (list = []));
      if (list.length < EXAMPLES_PER_REASON) {
        const e = exampleOf(order, output);
        const details = this.options.describe?.(order, r);
        if (details !== undefined) e.details = details.slice(0, 300);
        list.push(e);
      }
    }
  }

  render(summary: ScreenSummary, config: ScreenConfig, meta: { title?: string; generatedAt?: string; source?: string } = {}): string {
    return renderReport({
      summary,
      config,
      days: [...this.days].toSorted(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
      examples: this.examples,
      errors: this.errorExamples,
      inputs: this.options.inputs,
      ...meta,
    });
  }
}

function exampleOf(order: ValidOrder, result: ScreenResult): Example {
  return {
    orderId: order.orderId,
    time: order.time,
    platform: order.platform,
    address: order.recipient.address.slice(0, 80),
    paidFen: order.paidFen,
    declaredValueFen: order.declaredValueFen,
    decision: result.decision,
    reasons: result.reasons,
  };
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Every piece of order text goes through this: order ids and addresses are input, not markup. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

function percent(part: number, whole: number): string {
  return whole === 0 ? '0\u00a0%' : `${((part * 100) / whole).toFixed(part * 1000 < whole ? 2 : 1)}\u00a0%`;
}

interface Bucket {
  label: string;
  pass: number;
  review: number;
  block: number;
}

/** Days, or weeks/months for long streams, so the chart keeps bars a reader can see. */
function bucketise(days: [string, { pass: number; review: number; block: number }][]): { unit: string; buckets: Bucket[] } {
  const span = days.length;
  const unit = span > 400 ? 'month' : span > 100 ? 'week' : 'day';
  const buckets = new Map<string, Bucket>();
  for (const [day, c] of days) {
    let label = day;
    if (unit === 'month') label = day.slice(0, 7);
    else if (unit === 'week') {
      const d = new Date(`${day}T00:00:00Z`);
      d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7)); // Monday
      label = d.toISOString().slice(0, 10);
    }
    let b = buckets.get(label);
    if (!b) buckets.set(label, (b = { label, pass: 0, review: 0, block: 0 }));
    b.pass += c.pass;
    b.review += c.review;
    b.block += c.block;
  }
  return { unit, buckets: [...buckets.values()] };
}

const COLOURS = { pass: '#9fbfa8', review: '#e0a526', block: '#c0392b' };

function chart(buckets: Bucket[], unit: string): string {
  if (buckets.length === 0) return '<p>No valid orders.</p>';
  const width = 960;
  const height = 280;
  const left = 56;
  const bottom = 36;
  const top = 12;
  const plotW = width - left - 12;
  const plotH = height - top - bottom;
  const max = Math.max(1, ...buckets.map((b) => b.review + b.block));
  const maxTotal = Math.max(1, ...buckets.map((b) => b.pass + b.review + b.block));
  const barW = plotW / buckets.length;
  const y = (v: number) => top + plotH - (v / max) * plotH;
  const parts: string[] = [];
  // Grid and y labels (flagged orders).
  for (let i = 0; i <= 4; i++) {
    const v = Math.round((max * i) / 4);
    parts.push(`<line x1="${left}" x2="${width - 12}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#ddd"/>`);
    parts.push(`<text x="${left - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end">${v}</text>`);
  }
  const labelEvery = Math.max(1, Math.ceil(buckets.length / 12));
  let line = '';
  buckets.forEach((b, i) => {
    const x = left + i * barW;
    const w = Math.max(1, barW * 0.8);
    const yBlock = y(b.block);
    const yReview = y(b.block + b.review);
    const total = b.pass + b.review + b.block;
    const tip = `${b.label}: ${total} orders, ${b.review} review, ${b.block} block`;
    parts.push(
      `<g><title>${escapeHtml(tip)}</title>` +
        `<rect x="${x.toFixed(1)}" y="${yBlock.toFixed(1)}" width="${w.toFixed(1)}" height="${(top + plotH - yBlock).toFixed(1)}" fill="${COLOURS.block}"/>` +
        `<rect x="${x.toFixed(1)}" y="${yReview.toFixed(1)}" width="${w.toFixed(1)}" height="${(yBlock - yReview).toFixed(1)}" fill="${COLOURS.review}"/></g>`,
    );
    // Total orders as a line on its own scale, so volume and flags read together.
    const ly = top + plotH - (total / maxTotal) * plotH;
    line += `${i === 0 ? 'M' : 'L'}${(x + w / 2).toFixed(1)},${ly.toFixed(1)}`;
    if (i % labelEvery === 0) {
      parts.push(`<text x="${(x + w / 2).toFixed(1)}" y="${height - bottom + 16}" text-anchor="middle">${escapeHtml(b.label)}</text>`);
    }
  });
  parts.push(`<path d="${line}" fill="none" stroke="${COLOURS.pass}" stroke-width="1.5"/>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" role="img" aria-label="Flagged orders per ${unit}" font-size="11" font-family="sans-serif">${parts.join('')}</svg>
<p class="legend"><span style="background:${COLOURS.block}"></span>block 拦截 <span style="background:${COLOURS.review}"></span>review 复核 (bars, left axis) <span style="background:${COLOURS.pass}"></span>all orders 全部订单 (line, scaled to the highest ${unit}: ${maxTotal})</p>`;
}

interface ReportInput {
  summary: ScreenSummary;
  config: ScreenConfig;
  days: [string, { pass: number; review: number; block: number }][];
  examples: Map<RuleId, Example[]>;
  errors: RowError[];
  inputs?: ReportOptions['inputs'];
  title?: string;
  generatedAt?: string;
  source?: string;
}

export function renderReport(input: ReportInput): string {
  const { summary: s, config } = input;
  const { unit, buckets } = bucketise(input.days);
  const orders = s.orders;
  const ranked = RULE_IDS.filter((id) => s.reasons[id] > 0).toSorted((a, b) => s.reasons[b] - s.reasons[a]);
  const reasonRows = ranked
    .map((id) => {
      const r = RULES[id];
      return `<tr><td><code>${id}</code></td><td class="n">${s.reasons[id]}</td><td class="n">${percent(s.reasons[id], orders)}</td><td>${config.rules[id].severity}</td><td>${escapeHtml(r.message['zh-CN'])}<br><span class="en">${escapeHtml(r.message.en)}</span></td></tr>`;
    })
    .join('\n');
  const examplesOf = (id: RuleId) => {
    const list = input.examples.get(id) ?? [];
    const withDetails = list.some((e) => e.details !== undefined);
    const rows = list
      .map(
        (e) =>
          `<tr><td><code>${escapeHtml(e.orderId)}</code></td><td>${escapeHtml(e.time)}</td><td>${escapeHtml(e.platform)}</td><td>${escapeHtml(e.address)}</td><td class="n">${formatFen(e.paidFen, 'zh-CN')}</td><td class="n">${formatFen(e.declaredValueFen, 'zh-CN')}</td><td>${e.decision}</td><td>${e.reasons.join(', ')}</td>${withDetails ? `<td>${escapeHtml(e.details ?? '')}</td>` : ''}</tr>`,
      )
      .join('\n');
    return `<h3><code>${id}</code></h3><p class="source">${escapeHtml(RULES[id].source)}</p>
<table><thead><tr><th>order</th><th>time</th><th>platform</th><th>address</th><th>paid</th><th>declared</th><th>decision</th><th>all reasons</th>${withDetails ? '<th>details 详情</th>' : ''}</tr></thead><tbody>${rows}</tbody></table>`;
  };
  const sideRules = new Set<RuleId>([...PRICE_FILING_RULES, ...THREE_RECORD_RULES]);
  const exampleSections = ranked
    .filter((id) => !sideRules.has(id))
    .map(examplesOf)
    .join('\n');
  // One section per side input: the rules of the group with their counts, then examples.
  const sideSection = (title: string, rules: readonly RuleId[], given: boolean, what: string) => {
    const fired = ranked.filter((id) => rules.includes(id));
    if (!given && fired.length === 0) return '';
    const rows = rules
      .map((id) => `<tr><td><code>${id}</code></td><td class="n">${s.reasons[id]}</td><td class="n">${percent(s.reasons[id], orders)}</td><td>${config.rules[id].enabled ? config.rules[id].severity : 'off'}</td><td>${escapeHtml(RULES[id].message['zh-CN'])}<br><span class="en">${escapeHtml(RULES[id].message.en)}</span></td></tr>`)
      .join('\n');
    return `<h2>${title}</h2>
<p>${escapeHtml(what)}</p>
<table><thead><tr><th>rule</th><th>orders</th><th>share</th><th>severity</th><th>meaning 含义</th></tr></thead><tbody>${rows}</tbody></table>
${fired.map(examplesOf).join('\n')}`;
  };
  const inputs = input.inputs ?? {};
  const sideSections =
    sideSection('Price filing 价格备案', PRICE_FILING_RULES, inputs.priceFiling === true, inputs.priceFiling ? 'Unit prices checked against the filed prices in force on each order date. 按下单日有效的备案价格核对商品单价。' : 'No price filing was given. 未提供价格备案。') +
    sideSection(
      'Three-record match 三单对碰',
      THREE_RECORD_RULES,
      inputs.payments === true || inputs.logistics === true,
      `Orders matched with ${[inputs.payments ? 'payment records 支付单' : '', inputs.logistics ? 'logistics records 运单' : ''].filter(Boolean).join(' and ') || 'no side records'} by order id; ID numbers are compared normalised and shown masked. 按订单号匹配，证件号码规范化比对、脱敏显示。`,
    );
  const errorRows = input.errors
    .map((e) => `<tr><td class="n">${e.line}</td><td><code>${e.code}</code></td><td>${escapeHtml(ROW_ERRORS[e.code]['zh-CN'])} ${escapeHtml(e.message.slice(0, 200))}</td><td>${escapeHtml(e.orderId ?? '')}</td></tr>`)
    .join('\n');
  const ruleRows = RULE_IDS.map((id) => {
    const r = config.rules[id];
    return `<tr><td><code>${id}</code></td><td>${r.enabled ? r.severity : 'off'}</td><td><code>${escapeHtml(JSON.stringify(r.thresholds))}</code></td><td>${escapeHtml(RULES[id].source)}<br><span class="en">${escapeHtml(RULES[id].rationale)}</span></td></tr>`;
  }).join('\n');
  const title = input.title ?? 'CrossCheck order screening report 订单风险筛查报告';
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body{font:14px/1.5 system-ui,"PingFang SC","Microsoft YaHei",sans-serif;margin:2em auto;max-width:1000px;padding:0 1em;color:#222}
h1{font-size:1.5em}h2{margin-top:2em;border-bottom:1px solid #ccc}h3{margin-bottom:.2em}
table{border-collapse:collapse;width:100%;margin:.5em 0}td,th{border-bottom:1px solid #eee;padding:.3em .5em;text-align:left;vertical-align:top}
.n{text-align:right;font-variant-numeric:tabular-nums}.en{color:#666}.source{color:#555;margin:0}
.cards{display:flex;gap:1em;flex-wrap:wrap}.card{border:1px solid #ddd;border-radius:6px;padding:.6em 1em;min-width:8em}.card b{display:block;font-size:1.6em}
.legend span{display:inline-block;width:.9em;height:.9em;margin:0 .3em 0 1em;vertical-align:middle}
svg{width:100%;height:auto}
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(input.source ? `Input 输入: ${input.source}. ` : '')}${escapeHtml(input.generatedAt ? `Generated 生成于 ${input.generatedAt}.` : '')}
Decisions are advice for a person to act on: “review” asks a compliance officer to look, “block” means the order should not be pushed to customs as it stands.
筛查结果供人工判断：“复核”需合规人员查看，“拦截”表示该订单不应按现状推送海关。</p>
<div class="cards">
<div class="card">orders 订单<b>${orders}</b></div>
<div class="card">pass 通过<b>${s.decisions.pass}</b>${percent(s.decisions.pass, orders)}</div>
<div class="card">review 复核<b>${s.decisions.review}</b>${percent(s.decisions.review, orders)}</div>
<div class="card">block 拦截<b>${s.decisions.block}</b>${percent(s.decisions.block, orders)}</div>
<div class="card">unreadable rows 无法读取<b>${s.decisions.error}</b></div>
</div>
<h2>Flagged orders per ${unit} 每${unit === 'day' ? '日' : unit === 'week' ? '周' : '月'}被标记订单</h2>
${chart(buckets, unit)}
<h2>Top reasons 主要原因</h2>
${ranked.length ? `<table><thead><tr><th>rule</th><th>orders</th><th>share</th><th>severity</th><th>meaning 含义</th></tr></thead><tbody>${reasonRows}</tbody></table>` : '<p>No rule fired. 未触发任何规则。</p>'}
<h2>Examples 示例订单</h2>
${exampleSections || '<p>None.</p>'}
${sideSections}
<h2>Unreadable rows 无法读取的行</h2>
${errorRows ? `<table><thead><tr><th>line</th><th>code</th><th>message</th><th>order</th></tr></thead><tbody>${errorRows}</tbody></table>${s.decisions.error > input.errors.length ? `<p>First ${input.errors.length} of ${s.decisions.error}.</p>` : ''}` : '<p>None.</p>'}
<h2>Rules in effect 生效规则</h2>
<table><thead><tr><th>rule</th><th>severity</th><th>thresholds</th><th>source and rationale 依据</th></tr></thead><tbody>${ruleRows}</tbody></table>
</body>
</html>
`;
}
