import { describe, expect, it } from 'vitest';
import {
  LEDGER_CSV_COLUMNS,
  LEDGER_LIMITS,
  csvCell,
  importLedger,
  readLedgerCsv,
  ledgerToCsv,
  mergeLedgers,
  mergeLedgersChecked,
  parseLedgerExport,
  serializeLedger,
  type LedgerContents,
  type LedgerOrder,
  type ParcelCheck,
  type ReceiptCheck,
  type ReceiptFigures,
} from '../../../shared/ledger/index.ts';
import { fenToYuan } from '../../../shared/money/index.ts';

const receiptFigures: ReceiptFigures = {
  orderId: 'T-1001',
  merchant: 'Example Global Store',
  orderedAt: '2026-03-02T10:00:00+08:00',
  dutiableValueFen: 129_900,
  taxFen: 11_821,
  paidFen: 141_721,
  items: [{ name: '精华液 50ml', quantity: 1, priceFen: 129_900 }],
};

// A stand-in verifier: payloads "SIGNED:<orderId>" verify to figures, anything else fails.
// The real verifier (shared/verdict) is exercised by the PWA's db and e2e tests.
const checkReceipt: ReceiptCheck = async (payload) => {
  if (payload === 'SIGNED:T-1001') return { ok: true, figures: receiptFigures };
  if (payload === 'SIGNED:T-1002') return { ok: true, figures: { ...receiptFigures, orderId: 'T-1002', dutiableValueFen: 50_000, taxFen: 4_550 } };
  return { ok: false, reason: { code: 'signature-invalid', en: 'bad signature', 'zh-CN': '签名无效' } };
};

const receiptOrder: LedgerOrder = {
  orderId: 'T-1001',
  source: 'receipt',
  receipt: 'SIGNED:T-1001',
  merchant: 'Example Global Store',
  orderedAt: receiptFigures.orderedAt,
  dutiableValueFen: 129_900,
  taxFen: 11_821,
  paidFen: 141_721,
  items: receiptFigures.items,
  releasedAt: '2026-03-04T09:00:00+08:00',
  returnedOn: '2026-03-20',
  addedAt: '2026-03-05T12:00:00.000Z',
};

const manualOrder: LedgerOrder = {
  orderId: 'M-1',
  source: 'manual',
  merchant: '=HYPERLINK("http://evil")',
  orderedAt: '2026-01-15T08:00:00Z',
  dutiableValueFen: 30_000,
  taxFen: 2_730,
  items: [{ name: 'Olive oil, "extra virgin"', quantity: 2, priceFen: 15_000 }],
  addedAt: '2026-01-16T08:00:00.000Z',
};

const contents: LedgerContents = {
  orders: [receiptOrder, manualOrder],
  parcels: [
    { parcelId: 'P-1', orderId: 'T-1001', payload: 'CC1:PARCEL', status: 'genuine-yours', scannedAt: '2026-03-06T08:00:00.000Z' },
  ],
  officialFigures: [{ year: 2026, usedFen: 159_900, enteredAt: '2026-04-01T00:00:00.000Z' }],
};

describe('ledger export format', () => {
  it('round-trips through JSON unchanged (orders sorted by time)', () => {
    const text = serializeLedger(contents, new Date('2026-05-01T00:00:00Z'));
    const parsed = parseLedgerExport(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.version).toBe(1);
    expect(parsed.value.exportedAt).toBe('2026-05-01T00:00:00.000Z');
    expect(parsed.value.orders.map((o) => o.orderId)).toEqual(['M-1', 'T-1001']);
    expect(parsed.value.orders.find((o) => o.orderId === 'T-1001')).toEqual(receiptOrder);
    expect(parsed.value.parcels).toEqual(contents.parcels);
    expect(parsed.value.officialFigures).toEqual(contents.officialFigures);
  });

  it('accepts a UTF-8 byte order mark', () => {
    const text = `\uFEFF${serializeLedger(contents, new Date())}`;
    expect(parseLedgerExport(text).ok).toBe(true);
  });

  const valid = JSON.parse(serializeLedger(contents, new Date('2026-05-01T00:00:00Z'))) as Record<string, unknown>;
  const withOrder = (patch: Record<string, unknown>) => ({ ...valid, orders: [{ ...receiptOrder, ...patch }] });

  it.each([
    ['not JSON', '{"format": "crosscheck-ledger",', 'ledger/not-json'],
    ['an array', '[]', 'ledger/not-a-ledger'],
    ['null', 'null', 'ledger/not-a-ledger'],
    ['another format', JSON.stringify({ ...valid, format: 'dexie' }), 'ledger/not-a-ledger'],
    ['a newer version', JSON.stringify({ ...valid, version: 2 }), 'ledger/version-unsupported'],
    ['a fractional version', JSON.stringify({ ...valid, version: 1.5 }), 'ledger/invalid'],
    ['a float amount', JSON.stringify(withOrder({ taxFen: 1.5 })), 'ledger/invalid'],
    ['a negative amount', JSON.stringify(withOrder({ dutiableValueFen: -1 })), 'ledger/invalid'],
    ['an amount beyond the bound', JSON.stringify(withOrder({ taxFen: LEDGER_LIMITS.maxFen + 1 })), 'ledger/invalid'],
    ['an amount as a string', JSON.stringify(withOrder({ taxFen: '100' })), 'ledger/invalid'],
    ['a date without zone', JSON.stringify(withOrder({ orderedAt: '2026-03-02T10:00:00' })), 'ledger/invalid'],
    ['an unknown field', JSON.stringify(withOrder({ __proto__x: 1 })), 'ledger/invalid'],
    ['a receipt order without its receipt', JSON.stringify(withOrder({ receipt: undefined })), 'ledger/invalid'],
    ['an unknown source', JSON.stringify(withOrder({ source: 'server' })), 'ledger/invalid'],
    [
      'the same order twice',
      JSON.stringify({ ...valid, orders: [receiptOrder, receiptOrder] }),
      'ledger/duplicate-order',
    ],
    [
      'a parcel for a missing order',
      JSON.stringify({ ...valid, parcels: [{ ...contents.parcels[0], orderId: 'NOPE' }] }),
      'ledger/unknown-order',
    ],
    [
      'two figures for one year',
      JSON.stringify({ ...valid, officialFigures: [contents.officialFigures[0], contents.officialFigures[0]] }),
      'ledger/invalid',
    ],
    ['an oversized file', `{"pad":"${'x'.repeat(LEDGER_LIMITS.maxBytes)}"}`, 'ledger/too-large'],
    [
      'too many orders',
      JSON.stringify({
        ...valid,
        orders: Array.from({ length: LEDGER_LIMITS.maxOrders + 1 }, (_, i) => ({ ...manualOrder, orderId: `M-${i}` })),
      }),
      'ledger/invalid',
    ],
  ])('rejects %s with a typed error', (_name, text, code) => {
    const result = parseLedgerExport(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(code);
    expect(result.error.en.length).toBeGreaterThan(5);
    expect(result.error['zh-CN'].length).toBeGreaterThan(3);
  });

  it('rejects a prototype-pollution attempt without touching Object.prototype', () => {
    const text = `{"format":"crosscheck-ledger","version":1,"exportedAt":"2026-01-01T00:00:00Z","orders":[],"parcels":[],"officialFigures":[],"__proto__":{"polluted":true}}`;
    const result = parseLedgerExport(text);
    expect(result.ok).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('ledger import (receipts re-verified)', () => {
  it('keeps verified receipts and manual orders, and takes figures from the receipt', async () => {
    const tampered = { ...receiptOrder, dutiableValueFen: 1 }; // someone lowered the value in the JSON
    const text = serializeLedger({ ...contents, orders: [tampered, manualOrder] }, new Date());
    const imported = await importLedger(text, checkReceipt);
    expect(imported.ok).toBe(true);
    if (!imported.ok) return;
    const byId = new Map(imported.value.contents.orders.map((o) => [o.orderId, o]));
    expect(byId.get('T-1001')?.dutiableValueFen).toBe(129_900);
    expect(byId.get('T-1001')?.returnedOn).toBe('2026-03-20');
    expect(byId.get('M-1')?.source).toBe('manual');
    expect(imported.value.corrected).toEqual(['T-1001']);
    expect(imported.value.rejected).toEqual([]);
  });

  it('leaves out orders whose receipt fails, and unlinks their parcels', async () => {
    const forged = { ...receiptOrder, receipt: 'FORGED' };
    const text = serializeLedger({ ...contents, orders: [forged, manualOrder] }, new Date());
    const imported = await importLedger(text, checkReceipt);
    expect(imported.ok).toBe(true);
    if (!imported.ok) return;
    expect(imported.value.contents.orders.map((o) => o.orderId)).toEqual(['M-1']);
    expect(imported.value.rejected.map((r) => [r.orderId, r.error.code, r.reason?.code])).toEqual([
      ['T-1001', 'ledger/receipt-rejected', 'signature-invalid'],
    ]);
    expect(imported.value.contents.parcels[0]?.orderId).toBeUndefined();
  });

  it('rejects a receipt that is re-used under another order id', async () => {
    const copy = { ...receiptOrder, orderId: 'T-COPY' };
    const text = serializeLedger({ ...contents, orders: [receiptOrder, copy], parcels: [] }, new Date());
    const imported = await importLedger(text, checkReceipt);
    expect(imported.ok).toBe(true);
    if (!imported.ok) return;
    expect(imported.value.contents.orders.map((o) => o.orderId)).toEqual(['T-1001']);
    expect(imported.value.rejected.map((r) => r.error.code)).toEqual(['ledger/duplicate-order']);
  });

  it('survives a verifier that throws', async () => {
    const text = serializeLedger({ ...contents, parcels: [] }, new Date());
    const imported = await importLedger(text, async () => {
      throw new Error('boom');
    });
    expect(imported.ok).toBe(true);
    if (imported.ok) expect(imported.value.rejected).toHaveLength(1);
  });

  it('merges without losing anything already recorded', () => {
    const current: LedgerContents = { orders: [{ ...receiptOrder, returnedOn: undefined }], parcels: [], officialFigures: [] };
    delete current.orders[0]!.returnedOn;
    const merged = mergeLedgers(current, contents);
    expect(merged.orders.map((o) => o.orderId).toSorted()).toEqual(['M-1', 'T-1001']);
    expect(merged.orders.find((o) => o.orderId === 'T-1001')?.returnedOn).toBe('2026-03-20');
    expect(merged.parcels).toHaveLength(1);
    const newer = { year: 2026, usedFen: 1, enteredAt: '2026-06-01T00:00:00.000Z' };
    expect(mergeLedgers(merged, { orders: [], parcels: [], officialFigures: [newer] }).officialFigures).toEqual([newer]);
  });
});

// A stand-in parcel verifier: "CC1:PARCEL" is parcel P-1, released 2026-03-04; anything else fails.
const checkParcel: ParcelCheck = async (payload) =>
  payload === 'CC1:PARCEL'
    ? { ok: true, parcelId: 'P-1', status: 'genuine-yours', releasedAt: '2026-03-04T09:00:00+08:00' }
    : { ok: false, reason: { code: 'signature.invalid', en: 'bad signature', 'zh-CN': '签名无效' } };
const NOW = new Date('2026-05-01T00:00:00Z');
const importAt = (doc: LedgerContents) => importLedger(serializeLedger(doc, NOW), checkReceipt, { checkParcel, now: NOW });

describe('backup-file attacks: signed data decides, each refusal named, nothing valid lost', () => {
  // The hand-entered twin of the signed order T-1001, with a return that would lower quota used.
  const twin: LedgerOrder = { ...manualOrder, orderId: 'T-1001', merchant: 'x', dutiableValueFen: 1, returnedOn: '2026-03-10' };
  const signedOnly: LedgerOrder = { ...receiptOrder };
  delete signedOnly.returnedOn;

  it('a manual order reusing a signed id in the same file is refused, and the signed one kept as signed', async () => {
    // Listed first, so an importer going in file order would keep it and drop the signed one.
    const imported = await importAt({ ...contents, orders: [twin, signedOnly, manualOrder] });
    expect(imported.ok).toBe(true);
    if (!imported.ok) return;
    const t = imported.value.contents.orders.filter((o) => o.orderId === 'T-1001');
    expect(t).toHaveLength(1);
    expect(t[0]).toMatchObject({ source: 'receipt', dutiableValueFen: 129_900 });
    expect(t[0]!.returnedOn).toBeUndefined();
    expect(imported.value.rejected.map((r) => [r.orderId, r.error.code])).toEqual([['T-1001', 'ledger/unsigned-reuses-signed']]);
    expect(imported.value.rejected[0]!.error['zh-CN']).toMatch(/签名/);
    expect(imported.value.contents.orders.map((o) => o.orderId).toSorted()).toEqual(['M-1', 'T-1001']);
  });

  it("a manual order reusing the id of a signed order already on the device is refused; its return does not lower quota used", async () => {
    const device: LedgerContents = { orders: [signedOnly], parcels: [], officialFigures: [] };
    const imported = await importAt({ orders: [twin], parcels: [], officialFigures: [] });
    expect(imported.ok).toBe(true);
    if (!imported.ok) return;
    const merged = mergeLedgersChecked(device, imported.value.contents);
    expect(merged.contents.orders).toEqual([signedOnly]);
    expect(merged.rejected.map((r) => [r.orderId, r.error.code])).toEqual([['T-1001', 'ledger/unsigned-reuses-signed']]);
  });

  it('a signed order replaces a hand-entered one with its id (named), never the reverse', () => {
    const device: LedgerContents = { orders: [twin], parcels: [], officialFigures: [] };
    const merged = mergeLedgersChecked(device, { orders: [signedOnly], parcels: [], officialFigures: [] });
    expect(merged.contents.orders).toEqual([signedOnly]);
    expect(merged.rejected.map((r) => r.error.code)).toEqual(['ledger/manual-replaced-by-receipt']);
  });

  it('parcel records are verified again: one that does not verify is refused and named, its status is the verdict of now', async () => {
    const forged = { parcelId: 'P-FAKE', orderId: 'T-1001', payload: 'CC1:FORGED', status: 'genuine-yours', scannedAt: '2026-03-06T08:00:00.000Z' };
    const renamed = { ...contents.parcels[0]!, parcelId: 'P-OTHER' }; // a real payload under another parcel id
    const honest = { ...contents.parcels[0]!, status: 'genuine-unbound' };
    const imported = await importAt({ ...contents, parcels: [honest, forged, renamed] });
    expect(imported.ok).toBe(true);
    if (!imported.ok) return;
    expect(imported.value.contents.parcels).toEqual([{ ...honest, status: 'genuine-yours' }]);
    expect(imported.value.rejectedParcels.map((r) => [r.parcelId, r.error.code, r.reason?.code])).toEqual([
      ['P-FAKE', 'ledger/parcel-rejected', 'signature.invalid'],
      ['P-OTHER', 'ledger/parcel-rejected', 'parcel.id-mismatch'],
    ]);
  });

  it('without a parcel check no parcel record is kept unverified', async () => {
    const imported = await importLedger(serializeLedger(contents, NOW), checkReceipt, { now: NOW });
    expect(imported.ok && imported.value.contents.parcels).toEqual([]);
    expect(imported.ok && imported.value.rejectedParcels.map((r) => r.error.code)).toEqual(['ledger/parcel-unverified']);
  });

  it("a signed order's release time comes from its verified parcel, not from the JSON (no moving an order to another quota year)", async () => {
    const moved = { ...receiptOrder, releasedAt: '2025-12-31T12:00:00+08:00' };
    const imported = await importAt({ ...contents, orders: [moved, manualOrder] });
    expect(imported.ok).toBe(true);
    if (!imported.ok) return;
    expect(imported.value.contents.orders.find((o) => o.orderId === 'T-1001')?.releasedAt).toBe('2026-03-04T09:00:00+08:00');
    expect(imported.value.corrected).toEqual(['T-1001']);
    const alone = await importAt({ orders: [moved], parcels: [], officialFigures: [] });
    expect(alone.ok && alone.value.contents.orders[0]!.releasedAt).toBeUndefined();
  });

  it.each([
    ['entered in 2099', { year: 2026, usedFen: 1, enteredAt: '2099-01-01T00:00:00.000Z' }],
    ['entered an hour from now', { year: 2026, usedFen: 1, enteredAt: '2026-05-01T01:00:00.000Z' }],
    ['for a year after its entry', { year: 2027, usedFen: 1, enteredAt: '2026-04-01T00:00:00.000Z' }],
  ])('an official figure %s is refused and named; the others stay', async (_name, figure) => {
    const honest = { year: 2025, usedFen: 500_000, enteredAt: '2026-01-02T00:00:00.000Z' };
    const imported = await importAt({ ...contents, officialFigures: [honest, figure] });
    expect(imported.ok).toBe(true);
    if (!imported.ok) return;
    expect(imported.value.contents.officialFigures).toEqual([honest]);
    expect(imported.value.rejectedFigures.map((r) => [r.year, r.error.code])).toEqual([[figure.year, 'ledger/figure-from-the-future']]);
  });

  it('a figure inside the clock skew is kept (two devices never agree to the second)', async () => {
    const figure = { year: 2026, usedFen: 1, enteredAt: '2026-05-01T00:04:00.000Z' };
    const imported = await importAt({ ...contents, officialFigures: [figure] });
    expect(imported.ok && imported.value.contents.officialFigures).toEqual([figure]);
  });

  it('the honest backup comes back whole, with nothing refused', async () => {
    const imported = await importAt(contents);
    expect(imported.ok).toBe(true);
    if (!imported.ok) return;
    expect(imported.value.rejected).toEqual([]);
    expect(imported.value.rejectedParcels).toEqual([]);
    expect(imported.value.rejectedFigures).toEqual([]);
    expect(imported.value.contents.orders.find((o) => o.orderId === 'T-1001')).toEqual(receiptOrder);
  });
});

describe('CSV export', () => {
  it.each([
    [0, '0.00'],
    [5, '0.05'],
    [100, '1.00'],
    [129_905, '1299.05'],
    [-250, '-2.50'],
    [LEDGER_LIMITS.maxFen, '1000000000.00'],
  ])('formats %i fen as %s', (fen, text) => {
    expect(fenToYuan(fen)).toBe(text);
  });

  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['=1+1', `"'=1+1"`],
    ['+86', `"'+86"`],
    ['-2', `"'-2"`],
    ['@SUM(A1)', `"'@SUM(A1)"`],
    ['line\nbreak', '"line\nbreak"'],
    ['\t=1+1', `"'\t=1+1"`],
    ['\r=1+1', `"'\r=1+1"`],
    [';=1+1', `"';=1+1"`],
    ['Shop;=HYPERLINK("http://evil")', `"'Shop;=HYPERLINK(""http://evil"")"`],
    ['a; @SUM(A1)', `"'a; @SUM(A1)"`],
    ['x|=cmd', `"'x|=cmd"`],
    ['a;b', '"a;b"'],
    ["'=1+1", `"''=1+1"`],
    ["it's", "it's"],
  ])('quotes %j as %s', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('round-trips: the reader gives back every cell the exporter escaped', () => {
    const hostile = ['=1+1', ';=1+1', '\t=x', '\r=x', "'=1+1", "''+2", 'a,b', 'say "hi"', 'line\r\nbreak', '', "it's", '-', 'a; @b', '中文;=1', "'"];
    for (const v of hostile) expect(readLedgerCsv(`${csvCell(v)}\r\n`)).toEqual([[v]]);
    // Random strings over the characters that matter.
    const alphabet = ['=', '+', '-', '@', '\t', '\r', '\n', ';', ',', '|', '"', "'", ' ', 'a', '1'];
    let seed = 7;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31);
    for (let n = 0; n < 2000; n++) {
      const v = Array.from({ length: next() % 8 }, () => alphabet[next() % alphabet.length]).join('');
      expect(readLedgerCsv(`${csvCell(v)},${csvCell(v)}\r\n`)).toEqual([[v, v]]);
    }
  });

  it('the ledger CSV reads back as the orders the exporter wrote, with no formula cell left bare', () => {
    const evil: LedgerOrder = { ...manualOrder, orderId: 'M-2', merchant: 'Shop;=1+1', items: [{ name: '=cmd|calc', quantity: 1, priceFen: 100 }] };
    const rows = readLedgerCsv(ledgerToCsv([...contents.orders, evil]));
    expect(rows[0]).toEqual([...LEDGER_CSV_COLUMNS]);
    expect(rows).toHaveLength(4);
    const byId = new Map(rows.slice(1).map((r) => [r[0], r]));
    expect(byId.get('M-1')?.[2]).toBe('=HYPERLINK("http://evil")');
    expect(byId.get('M-2')?.[2]).toBe('Shop;=1+1');
    expect(byId.get('M-2')?.[9]).toBe('=cmd|calc ×1 @ 1.00');
    expect(byId.get('T-1001')?.slice(0, 7)).toEqual(['T-1001', 'receipt', 'Example Global Store', '2026-03-02T10:00:00+08:00', '1299.00', '118.21', '1417.21']);
    // In the raw text, every line split at ';' or ',' outside quotes leaves no cell starting a formula.
    for (const line of ledgerToCsv([evil]).split('\r\n')) {
      const outside = line.replace(/"(?:[^"]|"")*"/g, 'Q');
      expect(outside.split(/[;,]/).filter((c) => /^[=+\-@]/.test(c))).toEqual([]);
    }
  });

  it('writes a header, one row per order in time order, BOM and CRLF', () => {
    const csv = ledgerToCsv(contents.orders);
    expect(csv.startsWith('\uFEFForder_id,source,')).toBe(true);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toBe(
      `M-1,manual,"'=HYPERLINK(""http://evil"")",2026-01-15T08:00:00Z,300.00,27.30,,,,"Olive oil, ""extra virgin"" ×2 @ 150.00"`,
    );
    expect(lines[2]).toContain('T-1001,receipt,Example Global Store,2026-03-02T10:00:00+08:00,1299.00,118.21,1417.21');
    expect(lines[2]).toContain('精华液 50ml ×1 @ 1299.00');
  });
});
