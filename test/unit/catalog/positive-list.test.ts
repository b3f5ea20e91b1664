import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  bundledPositiveList,
  isValidHs8,
  loadPositiveListCsv,
  lookupPositiveList,
  POSITIVE_LIST_COLUMNS,
  type PositiveListErrorCode,
} from '../../../shared/catalog/index.ts';
import { POSITIVE_LIST_CSV } from '../../../shared/catalog/data/positive-list-csv.ts';

const HEADER = POSITIVE_LIST_COLUMNS.join(',');
const row = (hs8: string, extra: Partial<Record<(typeof POSITIVE_LIST_COLUMNS)[number], string>> = {}) => {
  const values = {
    hs8,
    name_zh: '测试品名',
    name_en: 'Test',
    note_zh: '',
    bonded_only: 'no',
    qty_limit: '',
    status: 'listed',
    edition: '2022-7',
    valid_from: '2022-03-01',
    valid_to: '',
    provenance: 'official',
    source: 'test',
    ...extra,
  };
  return POSITIVE_LIST_COLUMNS.map((column) => values[column]).join(',');
};

describe('the bundled data file', () => {
  const csvPath = new URL('../../../shared/catalog/data/positive-list.csv', import.meta.url);

  it('the embedded copy is identical to positive-list.csv', () => {
    const onDisk = readFileSync(csvPath, 'utf8');
    expect(
      POSITIVE_LIST_CSV === onDisk,
      'shared/catalog/data/positive-list-csv.ts is stale. Regenerate it with:\n' +
        "node -e \"const fs=require('fs');const d='shared/catalog/data/';const t=fs.readFileSync(d+'positive-list.csv','utf8');" +
        "const h=fs.readFileSync(d+'positive-list-csv.ts','utf8').split('export const')[0];" +
        "fs.writeFileSync(d+'positive-list-csv.ts',h+'export const POSITIVE_LIST_CSV = \\`'+t+'\\`;\\n')\"",
    ).toBe(true);
  });

  it('loads, and every row says where it comes from', () => {
    const list = bundledPositiveList();
    expect(list.coverage).toBe('partial');
    expect(list.listedCount).toBeGreaterThan(60);
    for (const entry of [...list.entries.values()].flat()) expect(entry.source.length, entry.hs8).toBeGreaterThan(10);
  });

  // Each row holds from the day its instrument took effect (cbec-rules.md §5.1): the 2016 batches
  // until the 2018 list replaced them (2019-01-01), the 2019 list from 2020-01-01, the 2022
  // adjustment from 2022-03-01; a row ends only on the eve of an instrument that changed it.
  it.each<[string, string, string, string | undefined]>([
    ['04090000', '2016-40', '2016-04-08', '2018-12-31'],
    ['02101900', '2016-47', '2016-04-16', '2018-12-31'],
    ['17019910', '2019-96', '2020-01-01', undefined],
    ['15091000', '2019-96', '2020-01-01', '2022-02-28'],
    ['95045020', '2022-7', '2022-03-01', undefined],
  ])('%s: edition %s, from %s to %s', (code, edition, from, to) => {
    const rows = bundledPositiveList().entries.get(code)!;
    expect(rows.map((r) => [r.edition, r.validFrom, r.validTo])).toEqual([[edition, from, to]]);
  });

  it('records 93070090 as listed under the 2019 list and deleted from 2022-03-01', () => {
    const rows = bundledPositiveList().entries.get('93070090')!;
    expect(rows.map((r) => [r.status, r.edition, r.validFrom, r.validTo])).toEqual([
      ['listed', '2019-96', '2020-01-01', '2022-02-28'],
      ['deleted', '2022-7', '2022-03-01', undefined],
    ]);
  });
});

describe('lookupPositiveList on the bundled list', () => {
  it.each([
    ['04090000', '天然蜂蜜', '2017-06-01'],
    ['0409.00.00', '天然蜂蜜', '2017-06-01'],
    ['０４０９００００', '天然蜂蜜', '2017-06-01'],
    ['0409000000', '天然蜂蜜', '2017-06-01'],
    ['95045020', '视频游戏控制器及设备'],
    ['95061100', '滑雪屐'],
    ['04021000', '脂肪含量≤1.5%固状乳及奶油', '2017-06-01'],
    ['33049900', '其他美容品或化妆品及护肤品'],
  ])('%s is listed as %s', (code, nameZh, day = '2024-05-01') => {
    expect(lookupPositiveList(code, undefined, day)).toMatchObject({ status: 'listed', entry: { nameZh } });
  });

  it('answers for the day: a 2022 addition is not in our copy before 2022-03-01, and says when it is', () => {
    const before = lookupPositiveList('95045020', undefined, '2022-02-28');
    expect(before).toMatchObject({ status: 'not-listed', authoritative: false, otherPeriod: { validFrom: '2022-03-01' } });
    expect(before.status === 'not-listed' && before.remarks.find((r) => r.kind === 'later-listing')?.en).toBe(
      'Our copy lists this line from 2022-03-01 (财政部等8部门公告2022年第7号), not on this day.',
    );
    expect(lookupPositiveList('95045020', undefined, '2022-03-01')).toMatchObject({ status: 'listed' });
  });

  it('a 2016 line our copy has not checked against later lists is not in the list we ship today, and says so', () => {
    expect(lookupPositiveList('04090000', undefined, '2018-12-31')).toMatchObject({ status: 'listed', authoritative: true });
    const today = lookupPositiveList('04090000', undefined, '2025-11-14');
    expect(today).toMatchObject({ status: 'not-listed', authoritative: false, otherPeriod: { edition: '2016-40' } });
    const remark = today.status === 'not-listed' ? today.remarks.find((r) => r.kind === 'earlier-listing') : undefined;
    expect(remark?.en).toBe(
      'Our copy lists this line from 2016-04-08 to 2018-12-31 (财政部等11部门公告2016年第40号) only; the lists in force since were not checked for it.',
    );
    expect(remark?.['zh-CN']).toMatch(/^本数据仅记录该税号2016-04-08至2018-12-31/);
    // Without a day: as our copy stands now.
    expect(lookupPositiveList('04090000')).toMatchObject({ status: 'not-listed', authoritative: false });
  });

  it('refuses a day that is not a date', () => {
    expect(lookupPositiveList('04090000', undefined, '2024-02-30')).toMatchObject({ status: 'invalid-code', code: 'bad-date' });
  });

  it('reports the sugar and rice caps as remarks', () => {
    const sugar = lookupPositiveList('17019910');
    expect(sugar.status === 'listed' && sugar.remarks.find((r) => r.kind === 'quantity-limit')).toMatchObject({
      en: 'At most 2 kg per person per year.',
      'zh-CN': '每人每年限2千克。',
    });
    const rice = lookupPositiveList('10063020');
    expect(rice.status === 'listed' && rice.remarks.find((r) => r.kind === 'quantity-limit')?.en).toBe(
      'At most 20 kg per person per year.',
    );
  });

  it('marks unverified and older rows as not authoritative, and says why', () => {
    const memory = lookupPositiveList('19011010');
    expect(memory).toMatchObject({ status: 'listed', authoritative: false });
    expect(memory.status === 'listed' && memory.remarks.map((r) => r.kind)).toContain('unverified-row');
    // A 2019-list row after the 2022 adjustment took effect: our copy does not say whether it changed the line.
    const old = lookupPositiveList('32151900', undefined, '2022-03-01');
    expect(old.status === 'listed' && old.remarks.find((r) => r.kind === 'older-edition')?.en).toBe(
      'Taken from 财政部等13部门公告2019年第96号; our copy does not say whether 财政部等8部门公告2022年第7号 changed or renumbered this line.',
    );
    const before = lookupPositiveList('32151900', undefined, '2022-02-28');
    expect(before.status === 'listed' && before.remarks.map((r) => r.kind)).not.toContain('older-edition');
  });

  it('carries the list note verbatim', () => {
    const result = lookupPositiveList('04100041', undefined, '2017-06-01');
    expect(result.status === 'listed' && result.remarks.find((r) => r.kind === 'list-note')?.['zh-CN']).toBe(
      '清单备注：依法不属于普通食品或依法需要注册备案管理的特殊食品除外',
    );
  });

  it('says the deleted 93070090 is not listed, and when it left', () => {
    const result = lookupPositiveList('93070090');
    expect(result).toMatchObject({ status: 'not-listed', deleted: { edition: '2022-7' }, authoritative: false });
    expect(result.status === 'not-listed' && result.remarks[0]?.en).toBe('Removed from the list from 2022-03-01 (财政部等8部门公告2022年第7号).');
    expect(lookupPositiveList('93070090', undefined, '2022-02-28')).toMatchObject({ status: 'listed', entry: { edition: '2019-96' } });
  });

  it('answers not-listed for an absent code, not authoritative on a partial list', () => {
    expect(lookupPositiveList('61091000')).toMatchObject({ status: 'not-listed', authoritative: false });
  });

  it.each([
    ['', 'not-a-string'],
    ['3304', 'bad-length'],
    ['330499', 'bad-length'],
    ['330499001', 'bad-length'],
    ['3304A900', 'not-digits'],
    ['33049900; DROP TABLE', 'not-digits'],
    ['00001234', 'bad-chapter'],
    ['98010000', 'bad-chapter'],
    ['77010000', 'bad-chapter'],
    ['33000000', 'bad-chapter'],
    ['1'.repeat(100), 'bad-length'],
  ])('%s → invalid-code %s', (code, reason) => {
    const result = lookupPositiveList(code);
    expect(result).toMatchObject({ status: 'invalid-code', code: reason });
  });
});

describe('loadPositiveListCsv: format', () => {
  it('handles BOM, CRLF, quoted commas, doubled quotes and line breaks inside quotes', () => {
    const csv =
      '\uFEFF' +
      [
        HEADER,
        row('33049900', { name_zh: '"其他美容品,化妆品"', source: '"a ""quoted"" source"' }),
        row('22042100', { note_zh: '"第一行\r\n第二行"' }),
        row('04090000'),
      ].join('\r\n') +
      '\r\n';
    const loaded = loadPositiveListCsv(csv);
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    expect(loaded.value.entries.get('33049900')?.[0]).toMatchObject({ nameZh: '其他美容品,化妆品', source: 'a "quoted" source', line: 2 });
    expect(loaded.value.entries.get('22042100')?.[0]?.noteZh).toBe('第一行\r\n第二行');
    // the quoted line break moves the next record to physical line 5
    expect(loaded.value.entries.get('04090000')?.[0]?.line).toBe(5);
  });

  it('skips blank lines', () => {
    const loaded = loadPositiveListCsv(`${HEADER}\n\n${row('04090000')}\n\n`);
    expect(loaded.ok && loaded.value.listedCount).toBe(1);
  });

  it('parses quantity caps and bonded-only', () => {
    const loaded = loadPositiveListCsv(
      [HEADER, row('17019910', { qty_limit: '2kg' }), row('03061200', { bonded_only: 'yes', note_zh: '仅限网购保税商品' }), row('04090000', { bonded_only: '' })].join('\n'),
    );
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    expect(loaded.value.entries.get('17019910')?.[0]?.quantityLimit).toEqual({ value: 2000, unit: 'g' });
    expect(loaded.value.entries.get('03061200')?.[0]?.bondedOnly).toBe(true);
    expect(loaded.value.entries.get('04090000')?.[0]?.bondedOnly).toBeUndefined();
    const bonded = lookupPositiveList('03061200', loaded.value);
    expect(bonded.status === 'listed' && bonded.remarks[0]).toMatchObject({ kind: 'bonded-only' });
    expect(bonded).toMatchObject({ authoritative: true });
  });

  it('takes a full-size list of 1,476 lines quickly, and a complete list answers authoritatively', () => {
    // A synthetic list with the real list's size and features (quotes, notes, CRLF). The real one
    // must be digitised from the MOF attachments (README.md).
    const lines = [HEADER];
    let made = 0;
    for (let chapter = 1; chapter <= 97 && made < 1476; chapter++) {
      if (chapter === 77) continue;
      for (let k = 1; k <= 16 && made < 1476; k++, made++) {
        const hs8 = `${String(chapter).padStart(2, '0')}${String(k).padStart(2, '0')}9000`;
        lines.push(row(hs8, { name_zh: `"品名${made},含逗号"`, note_zh: made % 7 === 0 ? '列入《进出口野生动植物种商品目录》的商品除外' : '' }));
      }
    }
    const csv = lines.join('\r\n');
    const started = performance.now();
    const loaded = loadPositiveListCsv(csv, { coverage: 'complete' });
    const elapsed = performance.now() - started;
    expect(loaded.ok && loaded.value.listedCount).toBe(1476);
    // A runaway guard, not the budget (250 ms, in `npm run bench -- --only bounds`): work per line
    // that grows with the list (quadratic) over 1,476 lines takes far longer than 10 s.
    expect(elapsed).toBeLessThan(10_000);
    if (!loaded.ok) return;
    expect(lookupPositiveList('01019000', loaded.value)).toMatchObject({ status: 'listed', authoritative: true });
    expect(lookupPositiveList('01179000', loaded.value)).toMatchObject({ status: 'not-listed', authoritative: true });
  });

  it('takes rows of one code for periods that do not overlap, and answers by day', () => {
    const loaded = loadPositiveListCsv(
      [
        HEADER,
        row('33049900', { edition: '2019-96', valid_from: '2020-01-01', valid_to: '2022-02-28', note_zh: '旧备注' }),
        row('33049900', { note_zh: '新备注' }),
      ].join('\n'),
      { coverage: 'complete' },
    );
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    expect(loaded.value.entries.get('33049900')?.map((r) => r.noteZh)).toEqual(['旧备注', '新备注']);
    expect(lookupPositiveList('33049900', loaded.value, '2021-01-01')).toMatchObject({ status: 'listed', entry: { noteZh: '旧备注' } });
    expect(lookupPositiveList('33049900', loaded.value, '2023-01-01')).toMatchObject({ status: 'listed', entry: { noteZh: '新备注' } });
    // Before any row, on a complete list: authoritatively not listed.
    expect(lookupPositiveList('33049900', loaded.value, '2019-06-01')).toMatchObject({ status: 'not-listed', authoritative: true });
  });
});

describe('loadPositiveListCsv: errors with line numbers', () => {
  const cases: Array<[string, string, PositiveListErrorCode, number, string?]> = [
    ['empty file', '', 'empty', 0],
    ['only a BOM', '\uFEFF', 'empty', 0],
    ['wrong header', 'hs,name\n04090000,蜂蜜', 'bad-header', 1],
    ['header with a missing column', POSITIVE_LIST_COLUMNS.slice(0, 9).join(','), 'bad-header', 1],
    ['7-digit code', `${HEADER}\n${row('0409000')}`, 'bad-hs-code', 2, 'hs8'],
    ['code with a dot', `${HEADER}\n${row('0409.000')}`, 'bad-hs-code', 2, 'hs8'],
    ['chapter 99', `${HEADER}\n${row('99010000')}`, 'bad-hs-code', 2, 'hs8'],
    ['heading 00', `${HEADER}\n${row('33000000')}`, 'bad-hs-code', 2, 'hs8'],
    ['duplicate code', `${HEADER}\n${row('04090000')}\n${row('04090000')}`, 'duplicate-code', 3, 'hs8'],
    [
      'overlapping periods',
      `${HEADER}\n${row('04090000', { edition: '2019-96', valid_from: '2020-01-01', valid_to: '2022-02-28' })}\n${row('04090000', { edition: '2019-96', valid_from: '2021-01-01' })}`,
      'duplicate-code',
      3,
      'hs8',
    ],
    ['valid_from not a date', `${HEADER}\n${row('04090000', { valid_from: '2022-3-1' })}`, 'bad-valid-from', 2, 'valid_from'],
    ['valid_from before its edition', `${HEADER}\n${row('04090000', { valid_from: '2022-02-28' })}`, 'bad-valid-from', 2, 'valid_from'],
    ['valid_to before valid_from', `${HEADER}\n${row('04090000', { edition: '2019-96', valid_from: '2022-03-01', valid_to: '2018-12-31' })}`, 'bad-valid-to', 2, 'valid_to'],
    ['valid_to not the eve of an edition', `${HEADER}\n${row('04090000', { valid_to: '2023-06-30' })}`, 'bad-valid-to', 2, 'valid_to'],
    ['an edition we do not know', `${HEADER}\n${row('04090000', { edition: '2023-1' })}`, 'bad-edition', 2, 'edition'],
    ['missing name', `${HEADER}\n${row('04090000', { name_zh: '' })}`, 'missing-name', 2, 'name_zh'],
    ['bonded_only "Y"', `${HEADER}\n${row('04090000', { bonded_only: 'Y' })}`, 'bad-bonded-only', 2, 'bonded_only'],
    ['note says bonded, column says no', `${HEADER}\n${row('03061200', { note_zh: '仅限网购保税商品' })}`, 'inconsistent-bonded-only', 2, 'bonded_only'],
    ['cap without unit', `${HEADER}\n${row('17019910', { qty_limit: '2' })}`, 'bad-qty-limit', 2, 'qty_limit'],
    ['cap in pounds', `${HEADER}\n${row('17019910', { qty_limit: '4lb' })}`, 'bad-qty-limit', 2, 'qty_limit'],
    ['zero cap', `${HEADER}\n${row('17019910', { qty_limit: '0kg' })}`, 'bad-qty-limit', 2, 'qty_limit'],
    ['unknown status', `${HEADER}\n${row('04090000', { status: 'removed' })}`, 'bad-status', 2, 'status'],
    ['bad edition', `${HEADER}\n${row('04090000', { edition: '2022' })}`, 'bad-edition', 2, 'edition'],
    ['bad provenance', `${HEADER}\n${row('04090000', { provenance: 'web' })}`, 'bad-provenance', 2, 'provenance'],
    ['too few fields', `${HEADER}\n04090000,天然蜂蜜`, 'wrong-field-count', 2],
    ['too many fields', `${HEADER}\n${row('04090000')},extra`, 'wrong-field-count', 2],
    ['unterminated quote', `${HEADER}\n${row('04090000')}\n${row('04100010', { name_zh: '"燕窝' })}`, 'unterminated-quote', 3],
    ['quote inside a field', `${HEADER}\n${row('04090000', { name_zh: '天然"蜂蜜' })}`, 'stray-quote', 2],
    ['text after a closing quote', `${HEADER}\n${row('04090000', { name_zh: '"天然"蜂蜜' })}`, 'stray-quote', 2],
    ['error after a multi-line field', `${HEADER}\n${row('04090000', { note_zh: '"a\nb\nc"' })}\n${row('123')}`, 'bad-hs-code', 5, 'hs8'],
  ];

  it.each(cases)('%s → %s on line %d', (_name, csv, code, line, column) => {
    const loaded = loadPositiveListCsv(csv);
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.error[0]).toMatchObject({ code, line, ...(column ? { column } : {}) });
    if (line > 0) {
      expect(loaded.error[0]!.message.en).toMatch(new RegExp(`^line ${line}\\b`));
      expect(loaded.error[0]!.message['zh-CN']).toMatch(new RegExp(`^第${line}行`));
    }
  });

  it('reports every bad row, not just the first', () => {
    const loaded = loadPositiveListCsv([HEADER, row('1'), row('04090000'), row('2'), row('04100010', { status: 'x' })].join('\n'));
    expect(!loaded.ok && loaded.error.map((e) => [e.code, e.line])).toEqual([
      ['bad-hs-code', 2],
      ['bad-hs-code', 4],
      ['bad-status', 5],
    ]);
  });

  it('caps the number of errors and the size of quoted values', () => {
    const lines = [HEADER, ...Array.from({ length: 500 }, () => row('x'.repeat(500)))];
    const loaded = loadPositiveListCsv(lines.join('\n'));
    expect(!loaded.ok && loaded.error.length).toBe(100);
    expect(!loaded.ok && loaded.error[0]!.message.en.length).toBeLessThan(200);
  });

  it.each([
    ['a line of 200,000 stray quotes', `${HEADER}\n${'a"'.repeat(200_000)}`],
    ['200 lines of stray quotes before the header is read', Array.from({ length: 200 }, () => 'x"y"z').join('\n')],
  ])('caps the errors at 100 for %s, one per line', (_name, csv) => {
    const loaded = loadPositiveListCsv(csv);
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.error.length).toBeGreaterThan(0);
    expect(loaded.error.length).toBeLessThanOrEqual(100);
    expect(new Set(loaded.error.map((e) => e.line)).size).toBe(loaded.error.length);
  });

  it('refuses input over 4 MB before parsing', () => {
    expect(loadPositiveListCsv(`${HEADER}\n${'a'.repeat(4_000_001)}`)).toMatchObject({ ok: false, error: [{ code: 'too-large' }] });
  });

  it.each([
    ['04090000', true],
    ['97011000', true],
    ['77010000', false],
    ['98010000', false],
    ['00010000', false],
    ['33000000', false],
    ['3304990', false],
    ['３３０４９９００', false],
  ])('isValidHs8(%s) = %s', (code, valid) => {
    expect(isValidHs8(code)).toBe(valid);
  });
});
