import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../cli/main.ts';
import { memoryIo } from '../../harness/memory-io.ts';

async function runTax(input: unknown, args: string[] = ['-']) {
  const io = memoryIo({ stdin: typeof input === 'string' ? input : JSON.stringify(input) });
  const code = await main(['tax', ...args], io);
  return { code, io, json: code === 0 ? JSON.parse(io.out) : undefined };
}

const cream = { name: 'La Mer 精华面霜 20g', priceFen: 42_500, quantity: 1 };

interface Expected {
  admission: string;
  dutiableValueFen: number;
  cbec?: number[];
  postal?: [number, boolean];
  generalTrade?: number;
}

describe('crosscheck tax: answers', () => {
  it.each<[string, unknown, Expected]>([
    [
      'the official 425 CNY / 20 g example, classified from the name',
      { date: '2025-11-14', items: [cream] },
      { admission: 'within-limits', dutiableValueFen: 42_500, cbec: [0, 5_250, 4_550, 9_800], postal: [21_250, false], generalTrade: 14_565 },
    ],
    [
      'a 250 CNY item by post is exempt',
      { date: '2024-05-01', items: [{ name: 'T-shirt', priceFen: 25_000, quantity: 1, taxClass: 'general' }] },
      { admission: 'within-limits', dutiableValueFen: 25_000, cbec: [0, 0, 2_275, 2_275], postal: [0, true], generalTrade: 6_075 },
    ],
    [
      'one article over 5,000 is fully taxed',
      { date: '2024-05-01', items: [{ name: 'camera', priceFen: 500_001, quantity: 1, taxClass: 'general' }] },
      { admission: 'single-item-full-tax', dutiableValueFen: 500_001, cbec: [50_000, 0, 71_500, 121_500], postal: [100_000, false], generalTrade: 121_500 },
    ],
    [
      'freight counts toward the limit',
      {
        date: '2024-05-01',
        items: [
          { name: '奶粉', priceFen: 250_000, quantity: 1, taxClass: 'food' },
          { name: '奶粉', priceFen: 250_000, quantity: 1, taxClass: 'food' },
        ],
        freightFen: 1,
      },
      { admission: 'exceeds-single', dutiableValueFen: 500_001 },
    ],
    [
      'the annual limit with usedThisYearFen',
      { date: '2024-05-01', items: [{ name: 'x', priceFen: 100_001, quantity: 1, taxClass: 'general' }], usedThisYearFen: 2_500_000 },
      { admission: 'exceeds-annual', dutiableValueFen: 100_001 },
    ],
    [
      // 9.88 l = 0.01 t at 26.27 CNY: 2,627 CNY/t < 370 USD × 7.1026 (customs CT table, 2203): class B,
      // CT 0.01 × 220 × 70 % = 1.54, VAT (26.27 + 2.20) × 9.1 % = 2.59.
      'a keg of beer under 370 USD per tonne at the customs rate given',
      { date: '2024-05-01', items: [{ name: '啤酒 9.88升', priceFen: 2_627, quantity: 1, taxClass: 'beer', netContent: { value: 9_880, unit: '毫升' } }], customsUsdRate: 7.1026 },
      { admission: 'within-limits', dutiableValueFen: 2_627, cbec: [0, 154, 259, 413] },
    ],
  ])('%s', async (_label, input, expected) => {
    const { code, json } = await runTax(input);
    expect(code).toBe(0);
    expect(json.admission).toBe(expected.admission);
    expect(json.dutiableValueFen).toBe(expected.dutiableValueFen);
    if (expected.cbec) {
      expect([json.cbec.tariffFen, json.cbec.consumptionTaxFen, json.cbec.vatFen, json.cbec.totalFen]).toEqual(expected.cbec);
    }
    if (expected.postal) expect([json.postal.totalFen, json.postal.exempt]).toEqual(expected.postal);
    if (expected.generalTrade !== undefined) expect(json.generalTrade.totalFen).toBe(expected.generalTrade);
  });

  it('says which class each item got and why', async () => {
    const { json } = await runTax({
      date: '2025-11-14',
      items: [cream, { name: 'Extra virgin olive oil 1L', priceFen: 9_900, quantity: 2, taxClass: 'agricultural' }],
    });
    const [first, second] = json.items;
    expect([first.taxClass, first.taxClassSource, second.taxClass, second.taxClassSource]).toEqual(['cosmetics', 'name', 'agricultural', 'input']);
    expect(first.evidence.join(' ')).toMatch(/精华/);
    expect(first.evidence.join(' ')).toMatch(/21\.2500 CNY per g ≥ 10\.00 CNY per g/);
    expect(first.netContentSource).toBe('name');
    expect(second.evidence[0]).toMatch(/given in the input/);
    expect(json.cbec.lines.every((l: { rules: { id: string; source: { instrument: string } }[] }) => l.rules[0]!.source.instrument.length > 0)).toBe(true);
  });

  it('reads a file and prints one line with --compact', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cc-tax-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'order.json');
    writeFileSync(file, JSON.stringify({ date: '2024-05-01', items: [{ name: 'book', priceFen: 10_000, quantity: 1, taxClass: 'books' }] }));
    const { code, io, json } = await runTax('', [file, '--compact']);
    expect(code).toBe(0);
    expect(io.out.trim().split('\n')).toHaveLength(1);
    expect(json.cbec.vatFen).toBe(630);
  });

  it.each([
    ['exact-bases', 1_648],
    ['rounded-bases', 1_649],
  ])('--rounding %s', async (rounding, vat) => {
    const input = { date: '2024-05-01', items: [{ name: 'wine', priceFen: 10_011, quantity: 1, taxClass: 'wine', netContent: { value: 750, unit: 'ml' } }] };
    const { json } = await runTax(input, ['-', '--rounding', rounding]);
    expect(json.generalTrade.vatFen).toBe(vat);
  });
});

describe('crosscheck tax: bad input is one line naming the field, exit 2', () => {
  const ok = { date: '2024-05-01', items: [{ name: 'x', priceFen: 100, quantity: 1 }] };
  it.each<[string, unknown, RegExp]>([
    ['malformed JSON', '{"date":', /^crosscheck tax: input: not valid JSON/],
    ['not an object', '[]', /input: must be a JSON object/],
    ['a negative price', { ...ok, items: [{ name: 'x', priceFen: -1, quantity: 1 }] }, /items\[0\]\.priceFen: must not be negative/],
    ['a price in yuan with decimals', { ...ok, items: [{ name: 'x', priceFen: 12.5, quantity: 1 }] }, /items\[0\]\.priceFen: must be a whole number of fen/],
    ['an unknown unit', { ...ok, items: [{ name: 'x', priceFen: 1, quantity: 1, netContent: { value: 1, unit: 'oz' } }] }, /items\[0\]\.netContent\.unit: unknown unit/],
    ['a date before any policy', { ...ok, date: '2000-01-01' }, /^crosscheck tax: date: no CBEC rules known for 2000-01-01/],
    ['a date before the CBEC regime', { ...ok, date: '2016-04-07' }, /^crosscheck tax: date: no CBEC rules known for 2016-04-07/],
    ['an impossible date', { ...ok, date: '2024-02-30' }, /date: must be a calendar date/],
    ['a missing date', { items: ok.items }, /^crosscheck tax: date: /],
    ['an unknown tax class', { ...ok, items: [{ name: 'x', priceFen: 1, quantity: 1, taxClass: 'caviar' }] }, /items\[0\]\.taxClass: must be one of/],
    ['a misspelt field', { ...ok, freight: 100 }, /freight: unknown field/],
    ['a customs rate written as text', { ...ok, customsUsdRate: '7.1' }, /customsUsdRate: must be CNY per USD/],
    ['a customs rate with 7 decimals', { ...ok, customsUsdRate: 7.1234567 }, /customsUsdRate: must be CNY per USD/],
    ['spirits without net content', { ...ok, items: [{ name: 'whisky', priceFen: 1, quantity: 1, taxClass: 'spirits' }] }, /items\[0\]\.netContent: /],
    ['no items', { ...ok, items: [] }, /items: needs at least one item/],
    ['a zero quantity', { ...ok, items: [{ name: 'x', priceFen: 1, quantity: 0 }] }, /items\[0\]\.quantity: must be at least 1/],
    ['a price beyond 2^53', { ...ok, items: [{ name: 'x', priceFen: 2 ** 53, quantity: 1 }] }, /items\[0\]\.priceFen/],
    ['a total beyond 2^53', { ...ok, items: [{ name: 'x', priceFen: 2 ** 52, quantity: 4 }] }, /^crosscheck tax: input: /],
  ])('%s', async (_label, input, message) => {
    const { code, io } = await runTax(input);
    expect(code).toBe(2);
    expect(io.out).toBe('');
    expect(io.err.trim().split('\n')).toHaveLength(1);
    expect(io.err).toMatch(message);
    expect(io.err).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it.each([
    [['a.json', 'b.json'], /at most one FILE/],
    [['-', '--rounding', 'banker'], /--rounding must be/],
    [['no-such-file.json'], /cannot read no-such-file\.json: no such file/],
  ])('argument error %j', async (args, message) => {
    const io = memoryIo({ stdin: '{}' });
    expect(await main(['tax', ...args], io)).toBe(2);
    expect(io.err).toMatch(message);
  });
});
