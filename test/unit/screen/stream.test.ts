// The reader: NDJSON and CSV rows in, one output per row, bad rows reported by line number
// without stopping, whatever the chunk boundaries.
import { describe, expect, it } from 'vitest';
import {
  LineSplitter,
  ScreenInputError,
  ScreenStream,
  screenSource,
  type InputFormat,
  type ScreenOutput,
} from '../../../shared/screen/index.ts';
import { order } from './fixtures.ts';

function run(text: string | string[], format: InputFormat = 'ndjson', maxLineChars?: number): { outputs: ScreenOutput[]; summary: ReturnType<ScreenStream['end']> } {
  const outputs: ScreenOutput[] = [];
  const stream = new ScreenStream({ format, maxLineChars, onOutput: (o) => outputs.push(o) });
  for (const chunk of Array.isArray(text) ? text : [text]) stream.push(chunk);
  return { outputs, summary: stream.end() };
}

const good = (id: string, extra: Parameters<typeof order>[0] = {}) => JSON.stringify(order({ orderId: id, ...extra }));

const row = (id: string, payer = 'id-a', items = '"[{""sku"":""S1"",""name"":""咖啡, 250g"",""priceFen"":8900,""quantity"":1}]"') =>
  `${id},2026-03-01T10:00:00+08:00,kaola,id-a,n-a,${payer},p-a,"上海市浦东新区世纪大道100号, 1栋",1000,9900,9900,${items}`;

describe('NDJSON', () => {
  it('reports bad rows with their line numbers and keeps going', () => {
    const missing = { ...order(), orderId: undefined };
    const lines = [
      good('A'),
      '{"orderId": "B", ', // malformed JSON
      '',
      JSON.stringify(missing), // missing orderId
      JSON.stringify({ ...order({ orderId: 'C' }), paidFen: '9900' }), // wrong type
      JSON.stringify({ ...order({ orderId: 'D' }), time: '2026-03-01T10:00:00' }), // no offset
      JSON.stringify({ ...order({ orderId: 'E' }), items: [] }), // no items
      'null',
      good('F'),
    ];
    const { outputs, summary } = run(`${lines.join('\n')}\n`);
    expect(outputs).toEqual([
      { orderId: 'A', decision: 'pass', reasons: [] },
      expect.objectContaining({ line: 2, decision: 'error', code: 'json-invalid' }),
      expect.objectContaining({ line: 4, decision: 'error', code: 'order-invalid', message: expect.stringMatching(/^orderId:/) }),
      expect.objectContaining({ line: 5, decision: 'error', code: 'order-invalid', orderId: 'C', message: expect.stringMatching(/^paidFen:/) }),
      expect.objectContaining({ line: 6, decision: 'error', code: 'order-invalid', orderId: 'D', message: expect.stringMatching(/^time:/) }),
      expect.objectContaining({ line: 7, decision: 'error', code: 'order-invalid', orderId: 'E', message: expect.stringMatching(/^items:/) }),
      expect.objectContaining({ line: 8, decision: 'error', code: 'order-invalid' }),
      { orderId: 'F', decision: 'pass', reasons: [] },
    ]);
    expect(summary.orders).toBe(2);
    expect(summary.decisions.error).toBe(6);
    expect(summary.errors).toEqual({ 'json-invalid': 1, 'order-invalid': 5 });
    expect(summary.lines).toBe(9);
  });

  it.each([
    ['a float of fen', { paidFen: 99.5 }, /^paidFen/],
    ['negative fen', { freightFen: -1 }, /^freightFen/],
    ['a quantity of 0', { items: [{ sku: 'X', name: 'x', priceFen: 1, quantity: 0 }] }, /^items\.0\.quantity/],
    ['an hsCode with letters', { items: [{ sku: 'X', name: 'x', priceFen: 1, quantity: 1, hsCode: '1701AB' }] }, /^items\.0\.hsCode/],
    ['fen beyond safe integers', { paidFen: 2 ** 53 }, /^paidFen/],
    ['a date that does not exist', { time: '2026-02-30T10:00:00+08:00' }, /^time/],
  ])('refuses %s', (_, patch, message) => {
    const { outputs } = run(`${JSON.stringify({ ...order({ orderId: 'X' }), ...patch })}\n`);
    expect(outputs[0]).toMatchObject({ decision: 'error', code: 'order-invalid', message: expect.stringMatching(message) });
  });

  it('gives the same outputs whatever the chunk boundaries', () => {
    const text = `\uFEFF${good('A')}\r\n${good('B', { payer: { idHash: 'other' } })}\n{oops}\n${good('C')}`;
    const whole = run(text).outputs;
    expect(whole.map((o) => o.decision)).toEqual(['pass', 'review', 'error', 'pass']);
    for (let cut = 1; cut < text.length; cut += 7) {
      expect(run([text.slice(0, cut), text.slice(cut)]).outputs).toEqual(whole);
    }
    // One character at a time.
    expect(run([...text]).outputs).toEqual(whole);
  });

  it('reports an over-long line and reads the next one', () => {
    const long = JSON.stringify({ ...order({ orderId: 'L' }), platform: 'x'.repeat(5_000) });
    const { outputs } = run([`${good('A')}\n${long.slice(0, 3000)}`, `${long.slice(3000)}\n${good('B')}\n`], 'ndjson', 4_000);
    expect(outputs).toEqual([
      { orderId: 'A', decision: 'pass', reasons: [] },
      expect.objectContaining({ line: 2, decision: 'error', code: 'line-too-long' }),
      { orderId: 'B', decision: 'pass', reasons: [] },
    ]);
  });

  it('reads byte chunks split inside a multi-byte character', async () => {
    const bytes = new TextEncoder().encode(`${good('甲')}\n${good('乙')}\n`);
    const cut = bytes.indexOf(0xe7) + 1; // inside the first three-byte character
    const outputs: ScreenOutput[] = [];
    const summary = await screenSource([bytes.slice(0, cut), bytes.slice(cut)], { onOutput: (o) => outputs.push(o) });
    expect(outputs.map((o) => ('orderId' in o ? o.orderId : undefined))).toEqual(['甲', '乙']);
    expect(summary.orders).toBe(2);
  });
});

describe('LineSplitter', () => {
  it('numbers lines, strips CR, flushes the last line without newline', () => {
    const seen: [number, string][] = [];
    const s = new LineSplitter({ line: (t, n) => seen.push([n, t]), tooLong: (n) => seen.push([n, '<too long>']) }, 5);
    s.push('ab\r\ncd');
    s.push('e\n\n123456789\nxy');
    s.end();
    expect(seen).toEqual([
      [1, 'ab'],
      [2, 'cde'],
      [3, ''],
      [4, '<too long>'],
      [5, 'xy'],
    ]);
  });
});

describe('CSV', () => {
  const header = 'orderId,time,platform,orderer.idHash,orderer.nameHash,payer.idHash,recipient.phoneHash,recipient.address,freightFen,paidFen,declaredValueFen';

  it('reads items as a JSON array in one quoted cell', () => {
    const { outputs } = run(`${header},items\n${row('A')}\n${row('B', 'id-b')}\n`, 'csv');
    expect(outputs).toEqual([
      { orderId: 'A', decision: 'pass', reasons: [] },
      { orderId: 'B', decision: 'review', reasons: ['orderer-payer-mismatch'] },
    ]);
  });

  it('reads items as indexed columns, skipping empty slots', () => {
    const h = `${header},items.0.sku,items.0.name,items.0.priceFen,items.0.quantity,items.1.sku,items.1.name,items.1.priceFen,items.1.quantity,items.1.netWeightGrams`;
    const base = 'A,2026-03-01T10:00:00+08:00,kaola,id-a,n-a,id-a,p-a,上海市浦东新区世纪大道100号,0';
    const csv = [
      h,
      `${base},11700,11700,S1,咖啡,8900,1,SG,白砂糖 (sugar),2800,1,2500`,
      `${base.replace('A,', 'B,')},8900,8900,S1,咖啡,8900,1,,,,,`,
    ].join('\n');
    const { outputs } = run(csv, 'csv');
    expect(outputs).toEqual([
      { orderId: 'A', decision: 'block', reasons: ['positive-list-quantity-cap'] }, // 2.5 kg of sugar
      { orderId: 'B', decision: 'pass', reasons: [] },
    ]);
  });

  it('reads a quoted field that spans lines, numbering the row by its first line', () => {
    const multi = row('B').replace('1栋', '1栋\n2单元');
    const { outputs } = run(`${header},items\n${row('A')}\n${multi}\nbad,row\n${row('C')}\n`, 'csv');
    expect(outputs).toEqual([
      { orderId: 'A', decision: 'pass', reasons: [] },
      { orderId: 'B', decision: 'pass', reasons: [] },
      expect.objectContaining({ line: 5, decision: 'error', code: 'csv-invalid', message: expect.stringMatching(/2 fields, header has 12/) }),
      { orderId: 'C', decision: 'pass', reasons: [] },
    ]);
  });

  it.each([
    ['text after a closing quote', `${row('X').replace(',kaola,', ',"kaola"x,')}`, /closing quote/],
    ['a quote inside an unquoted field', `${row('X').replace(',kaola,', ',ka"o"la,')}`, /quote inside/],
    ['items that are not JSON', row('X', 'id-a', '"[{sku: S1}]"'), /items: not a JSON array/],
    ['a number with letters', row('X').replace(',9900,9900,', ',99OO,9900,'), /paidFen/],
  ])('reports %s and goes on', (_, bad, message) => {
    const { outputs } = run(`${header},items\n${bad}\n${row('OK')}\n`, 'csv');
    expect(outputs[0]).toMatchObject({ line: 2, decision: 'error', message: expect.stringMatching(message) });
    expect(outputs[1]).toEqual({ orderId: 'OK', decision: 'pass', reasons: [] });
  });

  it('recovers from a quote that never closes', () => {
    const lines = [`${header},items`, row('A').replace(',kaola,', ',"kaola,'), ...Array.from({ length: 70 }, (_, i) => row(`R${i}`))];
    const { outputs, summary } = run(lines.join('\n'), 'csv');
    expect(outputs[0]).toMatchObject({ line: 2, decision: 'error', code: 'csv-invalid' });
    expect(summary.orders).toBe(70);
    expect(outputs.slice(1).every((o) => o.decision !== 'error')).toBe(true);
  });

  it.each([
    ['a duplicate column', 'orderId,orderId', /duplicate column/],
    ['a prototype path', 'orderId,__proto__.x', /not a dotted field path/],
    ['no orderId', 'time,platform', /no orderId column/],
  ])('stops on a header with %s', (_, h, message) => {
    expect(() => run(`${h}\n1,2\n`, 'csv')).toThrow(ScreenInputError);
    expect(() => run(`${h}\n1,2\n`, 'csv')).toThrow(message);
  });
});
