// Price filing (价格备案) and the three-record match (三单对碰): reading the side files with their
// line and record numbers, each rule on hand-made records, identities compared normalised and
// never shown whole, and recall / false-positive rates per rule on the generator's planted cases.
import { describe, expect, it } from 'vitest';
import {
  PRICE_FILING_RULES,
  PriceFiling,
  ReportAccumulator,
  ScreenStream,
  THREE_RECORD_RULES,
  ThreeRecords,
  checkOrder,
  createScreener,
  normaliseIdNumber,
  priceFilingCheck,
  resolveConfig,
  threeRecordCheck,
  type Order,
  type ScreenConfigInput,
  type ScreenOutput,
  type ValidOrder,
} from '../../../shared/screen/index.ts';
import { generateOrders, scoreRules } from '../../harness/samples/screen-orders.ts';
import { order } from './fixtures.ts';

const valid = (o: Order): ValidOrder => {
  const c = checkOrder(JSON.parse(JSON.stringify(o)));
  if (!c.ok) throw new Error(c.error.message);
  return c.value;
};

const configOf = (input: ScreenConfigInput = {}) => {
  const r = resolveConfig(input);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

const FILING_CSV = ['sku,priceFen,validFrom,validTo,currency', 'CF-1,8900,2026-01-01,2026-06-30,CNY', 'CF-1,9500,2026-07-01,,', 'BAG-1,100000,2026-01-01,,'].join('\n');

describe('price filing', () => {
  const parsed = PriceFiling.parse(FILING_CSV, 'csv');
  if (!parsed.ok) throw new Error(parsed.error[0]!.message);
  const filing = parsed.value;

  it('finds the price in force on a China date, periods inclusive', () => {
    expect(filing.priceOn('CF-1', '2026-06-30')).toBe(8_900);
    expect(filing.priceOn('CF-1', '2026-07-01')).toBe(9_500);
    expect(filing.priceOn('CF-1', '2025-12-31')).toBeUndefined();
    expect(filing.priceOn('NOPE', '2026-03-01')).toBeUndefined();
  });

  it('fires below-filing and missing-filing on the order date', () => {
    const screener = createScreener({ checks: [priceFilingCheck(filing, configOf())] });
    const at = (time: string, priceFen: number, sku = 'CF-1') =>
      screener.screen(valid(order({ time, items: [{ sku, name: 'illy 咖啡豆 250g', hsCode: '09012100', priceFen, quantity: 1 }], paidFen: priceFen + 1_000, declaredValueFen: priceFen + 1_000 }))).reasons;
    expect(at('2026-03-01T10:00:00+08:00', 8_900)).toEqual([]);
    expect(at('2026-07-01T00:30:00+08:00', 8_900)).toEqual(['price-below-filing']); // 30 June 16:30 UTC is 1 July in Shanghai
    expect(at('2026-06-30T23:59:00+08:00', 8_900)).toEqual([]);
    expect(at('2026-03-01T10:00:00+08:00', 8_900, 'NEW')).toEqual(['price-filing-missing']);
    expect(at('2025-12-31T10:00:00+08:00', 8_900)).toEqual(['price-filing-missing']);
  });

  it('takes a tolerance from the config, and can be switched off', () => {
    const o = valid(order({ items: [{ sku: 'CF-1', name: 'illy', priceFen: 8_500, quantity: 1 }], paidFen: 9_500, declaredValueFen: 9_500 }));
    const tolerant = configOf({ rules: { 'price-below-filing': { thresholds: { minPercentOfFiled: 95 } } } });
    expect(createScreener({ config: tolerant, checks: [priceFilingCheck(filing, tolerant)] }).screen(o).reasons).toEqual([]);
    const off = configOf({ rules: { 'price-below-filing': { enabled: false } } });
    expect(createScreener({ config: off, checks: [priceFilingCheck(filing, off)] }).screen(o).reasons).toEqual([]);
    expect(createScreener({ checks: [priceFilingCheck(filing, configOf())] }).screen(o)).toMatchObject({ decision: 'block', reasons: ['price-below-filing'] });
  });

  it('reads JSON arrays and NDJSON, and names bad rows by record or line', () => {
    const json = PriceFiling.parse(JSON.stringify([{ sku: 'A', priceFen: 100, validFrom: '2026-01-01' }, { sku: 'B', priceFen: -1, validFrom: '2026-01-01' }, { sku: 'C', priceFen: 1, validFrom: '2026-02-30' }]), 'json');
    expect(json).toMatchObject({ ok: false, error: [{ record: 2, message: expect.stringMatching(/^priceFen/) }, { record: 3, message: expect.stringMatching(/^validFrom: expected a date/) }] });
    const ndjson = PriceFiling.parse('{"sku":"A","priceFen":1,"validFrom":"2026-01-01"}\n\n{oops\n{"sku":"B","priceFen":1,"validFrom":"2026-01-01","currency":"USD"}\n', 'ndjson');
    expect(ndjson).toMatchObject({ ok: false, error: [{ line: 3, message: expect.stringMatching(/not valid JSON/) }, { line: 4, message: expect.stringMatching(/^currency: only CNY/) }] });
  });

  it('refuses overlapping periods, inverted periods and a header without sku', () => {
    const overlap = PriceFiling.parse(['sku,priceFen,validFrom,validTo', 'A,100,2026-01-01,', 'A,120,2026-06-01,2026-12-31', 'B,1,2026-05-01,2026-04-01'].join('\n'), 'csv');
    expect(overlap).toMatchObject({
      ok: false,
      error: [{ line: 3, message: expect.stringMatching(/SKU A: period from 2026-06-01 overlaps the one at line 2/) }, { line: 4, message: /validTo 2026-04-01 is before validFrom/ }],
    });
    expect(PriceFiling.parse('code,priceFen\nA,1', 'csv')).toMatchObject({ ok: false, error: [{ message: 'CSV header (line 1): no sku column' }] });
    expect(PriceFiling.parse('sku,priceFen,validFrom\nA,"1,2026-01-01', 'csv')).toMatchObject({ ok: false, error: [{ line: 2, message: 'unterminated quoted field' }] });
    expect(PriceFiling.parse('sku,priceFen,validFrom\nA,1.5,2026-01-01', 'csv')).toMatchObject({ ok: false, error: [{ line: 2, message: /^priceFen/ }] });
  });
});

describe('three-record match', () => {
  const ID = '11010519491231002X';
  const base = order({ orderId: 'O1', orderer: { idHash: 'id-alice', nameHash: 'name-alice' } });
  const alicePays = { orderId: 'O1', time: '2026-03-01T10:05:00+08:00', amountFen: 9_900, payer: { idHash: 'id-alice', nameHash: 'name-alice' } };
  const aliceGets = { orderId: 'O1', waybillNo: 'SF0001', consignee: { idHash: 'id-alice', nameHash: 'name-alice' } };
  const run = (payments: unknown[] | undefined, logistics: unknown[] | undefined, o: Order = base, config: ScreenConfigInput = {}) => {
    const records = new ThreeRecords();
    const rows = (xs: unknown[]) => xs.map((value, i) => ({ line: i + 2, record: 0, value }));
    const errors = [...(payments ? records.addPayments(rows(payments)) : []), ...(logistics ? records.addLogistics(rows(logistics)) : [])];
    expect(errors).toEqual([]);
    const c = configOf(config);
    return { records, reasons: createScreener({ config: c, checks: [threeRecordCheck(records, c)] }).screen(valid(o)).reasons };
  };

  it('passes an order whose three records agree', () => {
    expect(run([alicePays], [aliceGets]).reasons).toEqual([]);
    expect(run([{ ...alicePays, amountFen: 10_500, taxFen: 600 }], [aliceGets]).reasons).toEqual([]);
  });

  it('fires one rule per disagreement', () => {
    expect(run([{ ...alicePays, amountFen: 9_800 }], [aliceGets]).reasons).toEqual(['payment-amount-mismatch']);
    expect(run([{ ...alicePays, amountFen: 9_800 }], [aliceGets], base, { rules: { 'payment-amount-mismatch': { thresholds: { toleranceFen: 100 } } } }).reasons).toEqual([]);
    expect(run([{ ...alicePays, payer: { idHash: 'id-bob' } }], [aliceGets]).reasons).toEqual(['payment-payer-mismatch']);
    expect(run([{ ...alicePays, payer: { idHash: 'id-alice', nameHash: 'name-bob' } }], [aliceGets]).reasons).toEqual(['payment-payer-mismatch']);
    expect(run([alicePays], [{ ...aliceGets, consignee: { nameHash: 'name-carol' } }]).reasons).toEqual(['consignee-mismatch']);
    expect(run([alicePays], [{ ...aliceGets, consignee: { nameHash: 'name-carol' } }], base, { rules: { 'consignee-mismatch': { thresholds: { compareName: false } } } }).reasons).toEqual([]);
    expect(run([{ ...alicePays, time: '2026-03-01T09:59:59+08:00' }], [aliceGets]).reasons).toEqual(['payment-before-order']);
    expect(run([{ ...alicePays, time: '2026-03-01T09:59:59+08:00' }], [aliceGets], base, { rules: { 'payment-before-order': { thresholds: { graceSeconds: 60 } } } }).reasons).toEqual([]);
    expect(run([alicePays], [aliceGets, { ...aliceGets, orderId: 'O2', waybillNo: 'sf 0001' }]).reasons).toEqual(['waybill-shared']);
    expect(run([], [aliceGets]).reasons).toEqual(['payment-record-missing']);
    expect(run([alicePays], []).reasons).toEqual(['logistics-record-missing']);
    // A file not given is no finding: only the records that were given are expected.
    expect(run(undefined, [aliceGets]).reasons).toEqual([]);
    expect(run([alicePays], undefined).reasons).toEqual([]);
  });

  it('compares ID numbers normalised (spaces, case, full width, the 15-digit form) and names without spaces', () => {
    const o = order({ orderId: 'O1', orderer: { idHash: 'id-alice', nameHash: 'name-alice', idNumber: ID, name: '欧阳 娜娜' } });
    const wide = ID.replace(/[0-9X]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
    expect(normaliseIdNumber('110105 19491231 002x')).toBe(ID);
    expect(normaliseIdNumber('110105491231002')).toBe(ID);
    expect(run([{ ...alicePays, payer: { idNumber: '110105491231002', name: '欧阳娜娜' } }], [{ ...aliceGets, consignee: { idNumber: wide, name: ' 欧阳娜娜' } }], o).reasons).toEqual([]);
    expect(run([alicePays], [{ ...aliceGets, consignee: { idNumber: '110105194912310038' } }], o).reasons).toEqual(['consignee-mismatch']);
    // An ID number on one side and only a hash on the other cannot be compared: no finding.
    expect(run([alicePays], [{ ...aliceGets, consignee: { idNumber: '110105194912310038' } }]).reasons).toEqual([]);
  });

  it('names bad records by line or record number and keeps the good ones', () => {
    const records = new ThreeRecords();
    const csv = ['orderId,time,amountFen,payer.idHash', 'O1,2026-03-01T10:05:00+08:00,9900,id-alice', 'O2,yesterday,100,x', 'O3,2026-03-01T10:05:00+08:00,-5,x', 'O4,2026-03-01T10:05:00+08:00,5'].join('\n');
    const added = records.addFile('payments', csv, 'csv');
    expect(added).toMatchObject({ ok: true, value: [{ line: 3, message: /^time/ }, { line: 4, message: /^amountFen/ }, { line: 5, message: /^payer/ }] });
    expect(records.payments.has('O1')).toBe(true);
    expect(records.addFile('logistics', JSON.stringify([{ orderId: 'O1', waybillNo: 'W' }]), 'json')).toMatchObject({ ok: true, value: [{ record: 1, message: /^consignee/ }] });
    expect(records.addFile('logistics', '{"orderId":1}', 'json')).toMatchObject({ ok: false, error: 'expected a JSON array of records' });
    expect(records.addFile('payments', 'order,time\n', 'csv')).toMatchObject({ ok: false, error: 'CSV header (line 1): no orderId column' });
  });

  it('reports the findings in their own section, ID numbers masked', () => {
    const o = order({ orderId: 'O1', orderer: { idHash: 'id-alice', nameHash: 'name-alice', idNumber: ID } });
    const { records } = run([{ ...alicePays, amountFen: 1 }], [{ ...aliceGets, consignee: { idNumber: '110105194912310038', name: '李四' } }], o);
    const config = configOf();
    const report = new ReportAccumulator({ describe: (x, r) => records.describe(x, r), inputs: { payments: true, logistics: true } });
    const stream = new ScreenStream({ config, checks: [threeRecordCheck(records, config)], onOutput: (out, v) => report.add(out, v) });
    stream.push(`${JSON.stringify(o)}\n`);
    const html = report.render(stream.end(), config);
    expect(html).toContain('Three-record match 三单对碰');
    expect(html).toContain('payment 1 fen (line 2) vs order paidFen 9900');
    expect(html).toContain('consignee ****0038 vs orderer ****002X');
    expect(html).not.toContain(ID);
    expect(html).not.toContain('110105194912310038');
    expect(html).not.toContain('李四');
    expect(html).not.toContain('Price filing 价格备案'); // not given, nothing fired
  });
});

describe('planted price-filing and three-record cases', () => {
  const generated = generateOrders({ orders: 20_000, seed: 11 });
  const config = configOf({ watchlist: generated.watchlist });
  const filing = PriceFiling.fromRecords(generated.filings.map((value, i) => ({ line: 0, record: i + 1, value })));
  if (!filing.ok) throw new Error(filing.error[0]!.message);
  const records = new ThreeRecords();
  const rows = (xs: readonly unknown[]) => xs.map((value, i) => ({ line: i + 1, record: 0, value }));
  expect([...records.addPayments(rows(generated.payments)), ...records.addLogistics(rows(generated.logistics))]).toEqual([]);
  const outputs: ScreenOutput[] = [];
  const stream = new ScreenStream({ config, onOutput: (o) => outputs.push(o), checks: [priceFilingCheck(filing.value, config), threeRecordCheck(records, config)] });
  stream.push(generated.orders.map((g) => JSON.stringify(g.order)).join('\n'));
  stream.end();
  const reasons = new Map(outputs.map((o) => ['orderId' in o ? o.orderId : '', 'reasons' in o ? o.reasons : []]));
  const rules = [...PRICE_FILING_RULES, ...THREE_RECORD_RULES];
  const scores = scoreRules(generated.orders, (id) => reasons.get(id), rules);

  it.each(rules)('%s: recall ≥ 95 % on planted cases, false positives ≤ 2 % on clean ones', (rule) => {
    const s = scores.find((x) => x.rule === rule)!;
    expect(s.planted, rule).toBeGreaterThanOrEqual(10);
    expect(s.recall, `${rule}: ${s.truePositives}/${s.planted}`).toBeGreaterThanOrEqual(0.95);
    expect(s.falsePositiveRate, `${rule}: ${s.falsePositives}/${s.clean}`).toBeLessThanOrEqual(0.02);
  });
});
