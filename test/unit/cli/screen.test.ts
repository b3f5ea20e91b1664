// `crosscheck screen` in-process through the dispatcher, with files in a temporary folder.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../cli/main.ts';
import { memoryIo } from '../../harness/memory-io.ts';
import { order } from '../screen/fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'crosscheck-screen-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const lines = (text: string) => text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

const orders = [
  order({ orderId: 'OK-1' }),
  order({ orderId: 'PAYER', payer: { idHash: 'someone-else' } }),
  order({ orderId: '<script>alert(1)</script>', declaredValueFen: 5_000, recipient: { address: '北京市朝阳区<b>建国路</b>88号 & "Tower"' } }),
];
const ndjson = `${orders.map((o) => JSON.stringify(o)).join('\n')}\n{broken\n`;

describe('crosscheck screen', () => {
  it('screens an NDJSON file: one line per row on stdout, a summary on stderr', async () => {
    const io = memoryIo();
    expect(await main(['screen', file('orders.ndjson', ndjson)], io)).toBe(0);
    expect(lines(io.out)).toEqual([
      { orderId: 'OK-1', decision: 'pass', reasons: [] },
      { orderId: 'PAYER', decision: 'review', reasons: ['orderer-payer-mismatch'] },
      { orderId: '<script>alert(1)</script>', decision: 'block', reasons: ['under-declared-value'] },
      expect.objectContaining({ line: 4, decision: 'error', code: 'json-invalid' }),
    ]);
    expect(io.err).toMatch(/3 orders .*pass 1, review 1, block 1, unreadable rows 1/);
    expect(io.err).toMatch(/json-invalid 1/);
  });

  it('reads standard input for - or no file', async () => {
    for (const args of [['screen', '-'], ['screen']]) {
      const io = memoryIo({ stdin: ndjson });
      expect(await main(args, io)).toBe(0);
      expect(lines(io.out)).toHaveLength(4);
    }
  });

  it('reads CSV, chosen by extension or by --format', async () => {
    const csv = [
      'orderId,time,platform,orderer.idHash,orderer.nameHash,payer.idHash,recipient.phoneHash,recipient.address,freightFen,paidFen,declaredValueFen,items',
      'C1,2026-03-01T10:00:00+08:00,kaola,a,na,b,pa,"上海市浦东新区世纪大道100号",0,8900,8900,"[{""sku"":""S"",""name"":""咖啡"",""priceFen"":8900,""quantity"":1}]"',
    ].join('\n');
    const byExtension = memoryIo();
    expect(await main(['screen', file('orders.csv', csv)], byExtension)).toBe(0);
    expect(lines(byExtension.out)).toEqual([{ orderId: 'C1', decision: 'review', reasons: ['orderer-payer-mismatch'] }]);
    const byFlag = memoryIo({ stdin: csv });
    expect(await main(['screen', '--format', 'csv'], byFlag)).toBe(0);
    expect(byFlag.out).toBe(byExtension.out);
  });

  it('applies --config overrides and --watchlist entries', async () => {
    const config = file('rules.json', JSON.stringify({ rules: { 'orderer-payer-mismatch': { enabled: false }, 'under-declared-value': { severity: 'review' } } }));
    const watch = file('watch.txt', '# watched\n\n上海市浦东新区世纪大道１００号\n');
    const io = memoryIo();
    expect(await main(['screen', file('o.ndjson', ndjson), '--config', config, '--watchlist', watch], io)).toBe(0);
    expect(lines(io.out).slice(0, 3)).toEqual([
      { orderId: 'OK-1', decision: 'block', reasons: ['watchlist-address'] },
      { orderId: 'PAYER', decision: 'block', reasons: ['watchlist-address'] },
      { orderId: '<script>alert(1)</script>', decision: 'review', reasons: ['under-declared-value'] },
    ]);
  });

  it('writes a self-contained HTML report with all order text escaped', async () => {
    const report = join(dir, 'report.html');
    const io = memoryIo();
    expect(await main(['screen', file('r.ndjson', ndjson), '--report', report], io)).toBe(0);
    const html = readFileSync(report, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<svg');
    expect(html).toContain("Content-Security-Policy\" content=\"default-src 'none'");
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;b&gt;建国路&lt;/b&gt;88号 &amp; &quot;Tower&quot;');
    expect(html).not.toContain('<script');
    expect(html).not.toMatch(/<b>建国路/);
    // No request leaves the file: no src or href attributes, no url(), no @import.
    expect(html).not.toMatch(/\s(src|href)=|url\(|@import/);
    expect(html).toContain('under-declared-value');
    expect(html).toContain('申报价格明显低于实际支付金额');
    expect(io.err).toContain('report:');
  });

  it.each([
    [['screen', join(dir, 'missing.ndjson')], /cannot read .*missing\.ndjson: no such file/],
    [['screen', '--format', 'xml'], /--format must be ndjson or csv/],
    [['screen', 'a', 'b'], /at most one input file/],
    [['screen', '--config', join(dir, 'nope.json')], /cannot read config/],
    [['screen', '--bogus'], /unknown option --bogus/],
  ])('exits 2 with one line for %j', async (args, message) => {
    const io = memoryIo();
    expect(await main(args, io)).toBe(2);
    expect(io.err.trim().split('\n')).toHaveLength(1);
    expect(io.err).toMatch(message);
  });

  it('exits 2 for an invalid config and for an unreadable CSV header', async () => {
    const bad = memoryIo();
    expect(await main(['screen', '--config', file('bad.json', '{"rules":{"resale-repeat-sku":{"thresholds":{"minOrders":0}}}}')], bad)).toBe(2);
    expect(bad.err).toMatch(/minOrders/);
    const header = memoryIo({ stdin: 'orderId,orderId\n' });
    expect(await main(['screen', '--format', 'csv'], header)).toBe(2);
    expect(header.err).toMatch(/duplicate column/);
  });

  it('takes quantity caps from a positive list given with --positive-list', async () => {
    const list = file(
      'list.csv',
      'hs8,name_zh,name_en,note_zh,bonded_only,qty_limit,status,edition,valid_from,valid_to,provenance,source\n04090000,天然蜂蜜,Natural honey,,no,1kg,listed,2022-7,2022-03-01,,official,test row\n',
    );
    const honey = (id: string, day: number) =>
      JSON.stringify(order({ orderId: id, time: `2026-03-0${day}T10:00:00+08:00`, items: [{ sku: 'HN', name: 'Manuka honey 500g', hsCode: '04090000', priceFen: 10_000, quantity: 1 }], freightFen: 0, paidFen: 10_000, declaredValueFen: 10_000 }));
    const input = file('honey.ndjson', [honey('H1', 1), honey('H2', 2), honey('H3', 3)].join('\n'));
    const withList = memoryIo();
    expect(await main(['screen', input, '--positive-list', list], withList)).toBe(0);
    expect(lines(withList.out).map((l) => l.decision)).toEqual(['pass', 'pass', 'block']);
    const bundled = memoryIo();
    expect(await main(['screen', input], bundled)).toBe(0);
    expect(lines(bundled.out).map((l) => l.decision)).toEqual(['pass', 'pass', 'pass']);
    const broken = memoryIo();
    expect(await main(['screen', input, '--positive-list', file('broken.csv', 'hs8\n123\n')], broken)).toBe(2);
    expect(broken.err).toMatch(/positive list .*broken\.csv line/);
  });

  it('checks prices against --price-filing and the three records given with --payments and --logistics', async () => {
    const input = file('three.ndjson', [order({ orderId: 'A1' }), order({ orderId: 'A2', time: '2026-08-01T10:00:00+08:00' }), order({ orderId: 'A3' })].map((o) => JSON.stringify(o)).join('\n'));
    const filing = file('filing.csv', 'sku,priceFen,validFrom,validTo\nCF-1,8900,2026-01-01,2026-06-30\nCF-1,9900,2026-07-01,\n');
    const payments = file(
      'payments.csv',
      ['orderId,time,amountFen,payer.idHash,payer.nameHash', 'A1,2026-03-01T10:01:00+08:00,9900,id-alice,name-alice', 'A2,2026-08-01T10:01:00+08:00,9900,id-bob,', 'A3,2026-03-01T09:00:00+08:00,9900,id-alice,'].join('\n'),
    );
    const logistics = file(
      'logistics.ndjson',
      [{ orderId: 'A1', waybillNo: 'YT1', consignee: { idHash: 'id-alice' } }, { orderId: 'A2', waybillNo: 'YT2', consignee: { idHash: 'id-alice' } }, { orderId: 'A3', waybillNo: 'YT2', consignee: { idHash: 'id-alice' } }].map((x) => JSON.stringify(x)).join('\n'),
    );
    const report = join(dir, 'three.html');
    const io = memoryIo();
    expect(await main(['screen', input, '--price-filing', filing, '--payments', payments, '--logistics', logistics, '--report', report], io)).toBe(0);
    expect(lines(io.out)).toEqual([
      { orderId: 'A1', decision: 'pass', reasons: [] },
      { orderId: 'A2', decision: 'block', reasons: ['price-below-filing', 'payment-payer-mismatch', 'waybill-shared'] },
      { orderId: 'A3', decision: 'block', reasons: ['waybill-shared', 'payment-before-order'] },
    ]);
    const html = readFileSync(report, 'utf8');
    expect(html).toContain('Price filing 价格备案');
    expect(html).toContain('Three-record match 三单对碰');
    expect(html).toContain('waybill YT2 also on A3');
  });

  it('stops with the line or record number of a bad price filing or side record', async () => {
    const input = file('one.ndjson', JSON.stringify(order({ orderId: 'A1' })));
    const filing = memoryIo();
    expect(await main(['screen', input, '--price-filing', file('bad-filing.json', JSON.stringify([{ sku: 'CF-1', priceFen: 1, validFrom: '2026-01-01' }, { sku: 'CF-1', priceFen: '12', validFrom: '2026-01-01' }]))], filing)).toBe(2);
    expect(filing.err).toMatch(/price filing .*bad-filing\.json:\n {2}record 2: priceFen/);
    const payments = memoryIo();
    expect(await main(['screen', input, '--payments', file('bad-pay.ndjson', '{"orderId":"A1","time":"2026-03-01T10:01:00+08:00","amountFen":1,"payer":{"idHash":"x"}}\n{"orderId":"A2"}\n')], payments)).toBe(2);
    expect(payments.err).toMatch(/payment records .*bad-pay\.ndjson:\n {2}line 2: time/);
    const missing = memoryIo();
    expect(await main(['screen', input, '--logistics', join(dir, 'nope.csv')], missing)).toBe(2);
    expect(missing.err).toMatch(/cannot read logistics records .*no such file/);
  });

  it('is listed in help', async () => {
    const io = memoryIo();
    expect(await main(['help'], io)).toBe(0);
    expect(io.out).toMatch(/\bscreen\b/);
  });
});
