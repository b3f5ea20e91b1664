// The GS1 readers against the published examples:
// - GS1 General Specifications (GenSpecs) §7.9.1 (check digit calculation: 629104150021 → 3),
//   §7.12 (century determination, DD = 00), §7.8.5 (FNC1/GS after variable-length fields only);
// - GS1 Digital Link Standard: URI Syntax, the examples of its §4 as collected under "Examples from
//   DL specification" in GS1's reference GS1 Barcode Syntax Engine (gs1/gs1-syntax-engine,
//   src/c-lib/dl.c), with its rejection cases (qualifier in the query, duplicate AIs, unknown AIs);
// - the scan-data table of that engine (gs1encoders.h, gs1_encoder_getScanData): the same GS1
//   data behind ]C1, ]e0, ]d2, ]Q3 and ]J1, with GS between fields.
import { describe, expect, it } from 'vitest';
import { centuryYear, compareGoods, expandUpcE, GS, GS1_ERROR_MESSAGES, parseProductCode, type GoodsLine, type ProductCode } from '../../../shared/gs1/index.ts';
import { gtinCheckDigit } from '../../../shared/credential/claims/index.ts';

const now = new Date('2026-12-02T00:00:00Z');
const read = (text: string, format?: string) => parseProductCode(text, { now, ...(format && { format }) });
function ok(text: string, format?: string): ProductCode {
  const r = read(text, format);
  if (!r.ok) throw new Error(`${JSON.stringify(text)}: ${r.error.code}`);
  return r.value;
}
const codeOf = (text: string) => {
  const r = read(text);
  return r.ok ? 'ok' : r.error.code;
};
const pairs = (c: ProductCode) => c.elements.map((e) => `${e.ai}=${e.value}`);

describe('GTINs from EAN/UPC (GenSpecs §7.9.1)', () => {
  it('computes the check digit of the §7.9.1 example', () => {
    expect(gtinCheckDigit('629104150021')).toBe(3);
    expect(ok('6291041500213')).toMatchObject({ form: 'gtin', gtin: '06291041500213' });
    expect(codeOf('6291041500214')).toBe('gs1.check-digit');
  });
  it('reads GTIN-8, GTIN-12, GTIN-13 and GTIN-14 into the 14-digit form', () => {
    expect(ok('02345673').gtin).toBe('00000002345673');
    expect(ok('416000336108').gtin).toBe('00416000336108');
    expect(ok('2112345678900').gtin).toBe('02112345678900');
    expect(ok('09520123456788').gtin).toBe('09520123456788');
    expect(ok(']E02112345678900').gtin).toBe('02112345678900');
    expect(ok(']E402345673').gtin).toBe('00000002345673');
  });
  it('expands UPC-E to its UPC-A (the zero-suppression rules of the EAN/UPC section)', () => {
    expect(expandUpcE('01234565')).toBe('012345000065');
    // 01234565 is also a valid EAN-8: the scanner's format decides.
    expect(ok('01234565', 'upc_e').gtin).toBe('00012345000065');
    expect(ok('01234565').gtin).toBe('00000001234565');
    // Without a format hint, a code that is no valid EAN-8 is read as UPC-E.
    expect(ok('04252614').gtin).toBe('00042100005264');
  });
  it('drops an EAN add-on after the symbology identifier', () => {
    expect(ok(']E0211234567890012').gtin).toBe('02112345678900');
  });
});

describe('GS1 element strings (GenSpecs §7.8)', () => {
  const data = `011231231231233310ABC123${GS}99TESTING`;
  it.each([']C1', ']e0', ']d2', ']Q3', ']J1'])('reads the engine scan-data example behind %s', (id) => {
    const c = ok(id + data);
    expect(c.form).toBe('element-string');
    expect(pairs(c)).toEqual(['01=12312312312333', '10=ABC123', '99=TESTING']);
    expect(c).toMatchObject({ gtin: '12312312312333', batch: 'ABC123' });
  });
  it('reads a leading FNC1 as GS, the bare form, a trailing GS and the bracketed form', () => {
    expect(pairs(ok(GS + data))).toEqual(['01=12312312312333', '10=ABC123', '99=TESTING']);
    expect(pairs(ok(`${data}${GS}`))).toEqual(['01=12312312312333', '10=ABC123', '99=TESTING']);
    expect(pairs(ok('(01)12312312312333(10)ABC123(99)TESTING'))).toEqual(['01=12312312312333', '10=ABC123', '99=TESTING']);
  });
  it('needs no GS after a predefined-length field (Figure 7.8.5-2), but after a variable one', () => {
    const c = ok(`]d201040063813339311728063010L2291A${GS}21SN-7`);
    expect(c).toMatchObject({ gtin: '04006381333931', batch: 'L2291A', serial: 'SN-7', expiry: { ai: '17', date: '2028-06-30', dayStated: true } });
    // Without the GS the serial runs into the batch: (10) is then 11 characters, still valid …
    expect(ok(`]d201040063813339311728063010L2291A21SN-7`).batch).toBe('L2291A21SN-7');
    // … but a (10) longer than 20 characters is not.
    expect(codeOf(`]d20104006381333931${'10' + 'A'.repeat(21)}`)).toBe('gs1.bad-value');
  });
  it('reads DD = 00 as the last day of the month (§7.12)', () => {
    expect(ok('(01)04006381333931(17)280200').expiry).toEqual({ ai: '17', yymmdd: '280200', date: '2028-02-29', dayStated: false });
    expect(ok('(01)04006381333931(15)270600').expiry).toMatchObject({ ai: '15', date: '2027-06-30', dayStated: false });
    // (17) wins over (15).
    expect(ok('(01)04006381333931(15)270600(17)270700').expiry?.ai).toBe('17');
  });
  it('finds the century as §7.12 says', () => {
    // Current year 2026: 26 + 50 = 76 is still this century, 77 the previous one; 26 − 49 = −23 → 77.
    expect(centuryYear(76, 2026)).toBe(2076);
    expect(centuryYear(77, 2026)).toBe(1977);
    expect(centuryYear(0, 2026)).toBe(2000);
    expect(centuryYear(10, 2060)).toBe(2110);
    expect(centuryYear(11, 2060)).toBe(2011);
  });
  it.each([
    ['(01)04006381333931(17)281301', 'gs1.bad-date'],
    ['(01)04006381333931(17)270229', 'gs1.bad-date'],
    ['(01)04006381333932', 'gs1.check-digit'],
    ['(01)0400638133393', 'gs1.bad-value'],
    ['(89)ABC', 'gs1.unknown-ai'],
    ['(10)AB C', 'gs1.bad-value'],
    ['(01)04006381333931(10)A(10)B', 'gs1.duplicate-ai'],
    [`]d2891234`, 'gs1.unknown-ai'],
    [']d2', 'gs1.empty'],
    [']d20104006381333931(', 'gs1.not-product-code'],
    ['hello', 'gs1.not-product-code'],
    ['', 'gs1.empty'],
    ['1'.repeat(5000), 'gs1.too-long'],
    ['12345', 'gs1.bad-value'],
  ])('refuses %j with %s', (text, code) => {
    expect(codeOf(text)).toBe(code);
  });
  it('accepts the same AI repeated with the same value', () => {
    expect(pairs(ok('(01)04006381333931(10)A(10)A'))).toEqual(['01=04006381333931', '10=A']);
  });
});

describe('GS1 Digital Link URIs (Digital Link Standard §4, examples as in the reference engine)', () => {
  it.each([
    ['https://id.gs1.org/01/09520123456788', ['01=09520123456788']],
    ['https://brand.example.com/01/9520123456788', ['01=09520123456788']],
    ['https://brand.example.com/some-extra/pathinfo/01/9520123456788', ['01=09520123456788']],
    ['https://id.gs1.org/01/09520123456788/22/2A', ['01=09520123456788', '22=2A']],
    ['https://id.gs1.org/01/09520123456788/10/ABC123', ['01=09520123456788', '10=ABC123']],
    ['https://id.gs1.org/01/09520123456788/21/12345', ['01=09520123456788', '21=12345']],
    ['https://id.gs1.org/01/09520123456788/10/ABC1/21/12345?17=180426', ['01=09520123456788', '10=ABC1', '21=12345', '17=180426']],
    ['https://id.gs1.org/01/09520123456788?3103=000195', ['01=09520123456788', '3103=000195']],
    ['https://example.com/01/09520123456788?3103=000195&3922=0299&17=201225', ['01=09520123456788', '3103=000195', '3922=0299', '17=201225']],
    ['https://id.gs1.org/00/952012345678912345?02=09520123456788&37=25&10=ABC123', ['00=952012345678912345', '02=09520123456788', '37=25', '10=ABC123']],
    ['https://id.gs1.org/414/9520123456788/254/32a%2Fb', ['414=9520123456788', '254=32a/b']],
    ['https://example.com/8004/9520614141234567?01=9520123456788', ['8004=9520614141234567', '01=09520123456788']],
    ['https://id.gs1.org/01/09520123456788/235/XYZ?10=ABC123', ['01=09520123456788', '235=XYZ', '10=ABC123']],
    // Engine cases: percent escapes, "+" in path and query, non-AI parameters, fragments, stems.
    ['https://a/01/12312312312333/22/ABC%2d123?99=ABC&98=XYZ%2f987', ['01=12312312312333', '22=ABC-123', '99=ABC', '98=XYZ/987']],
    ['https://a/01/12312312312333/22/ABC+123?99=ABC', ['01=12312312312333', '22=ABC+123', '99=ABC']],
    ['https://a/01/12312312312333?singleton&linkType=gs1:pip&99=ABC&&&', ['01=12312312312333', '99=ABC']],
    ['https://a/01/12312312312333/22/test/10/abc/21/xyz#fragment', ['01=12312312312333', '22=test', '10=abc', '21=xyz']],
    ['https://a/00/faux/00/006141411234567890', ['00=006141411234567890']],
    ['HTTPS://a:65535/01/12312312312333', ['01=12312312312333']],
  ])('%s', (uri, expected) => {
    const c = ok(uri);
    expect(c.form).toBe('digital-link');
    expect(pairs(c)).toEqual(expected);
  });
  it('names GTIN, batch, serial and expiry', () => {
    expect(ok('https://id.gs1.org/01/09520123456788/10/ABC1/21/12345?17=180426')).toMatchObject({
      gtin: '09520123456788',
      batch: 'ABC1',
      serial: '12345',
      expiry: { ai: '17', date: '2018-04-26' },
    });
  });
  it.each([
    ['https://example.com/01/09520123456788?10=ABC123', 'gs1.dl-attribute'], // a qualifier belongs in the path
    ['https://id.gs1.org/01/09520123456788/10/ABC123?99=XYZ789&01=09520123456788', 'gs1.duplicate-ai'],
    ['https://id.gs1.org/01/09520123456788/10/ABC123?99=XYZ789&10=ABC123', 'gs1.dl-attribute'],
    ['https://id.gs1.org/01/09520123456788/10/ABC123?99=XYZ789&99=XYZ789', 'gs1.duplicate-ai'],
    ['https://example.com/01/09520123456788/89/ABC123?99=XYZ', 'gs1.dl-syntax'],
    ['https://example.com/01/09520123456788?99=XYZ&89=ABC123', 'gs1.dl-attribute'],
    ['https://a/01/12312312312333?99=ABC&999=faux', 'gs1.dl-attribute'],
    ['https://a/01/12312312312333?99=', 'gs1.dl-syntax'],
    ['https://a/01/12312312312333/21/XYZ/10/ABC', 'gs1.dl-order'],
    ['https://a/01/12312312312333/22/A/235/B', 'gs1.dl-order'],
    ['https://a/stem/00/006141411234567890/', 'gs1.dl-syntax'],
    ['https://a/01/12312312312334', 'gs1.check-digit'],
    ['https://a/01/2112345678901', 'gs1.check-digit'],
    ['https://a/01/12312312312333/10/A%zz', 'gs1.dl-syntax'],
    ['https://a/01/12312312312333/10/%FF', 'gs1.dl-syntax'],
    ['HtTp://a/01/12312312312333', 'gs1.not-product-code'],
    ['http://a', 'gs1.dl-syntax'],
    ['https://$a/01/12312312312333', 'gs1.dl-syntax'],
    ['https://shop.example/product/123', 'gs1.dl-syntax'],
  ])('refuses %s (%s)', (uri, code) => {
    expect(codeOf(uri)).toBe(code);
  });
  it('reads a Digital Link inside a plain DataMatrix or QR (]d1, ]Q1)', () => {
    expect(ok(']d1https://example.org/01/12312312312333').gtin).toBe('12312312312333');
    expect(ok(']Q1https://example.org/01/12312312312333').gtin).toBe('12312312312333');
  });
  it('has a message in both languages for every error', () => {
    for (const m of Object.values(GS1_ERROR_MESSAGES)) {
      expect(m.en.length).toBeGreaterThan(0);
      expect(m['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describe('compareGoods', () => {
  const serum: GoodsLine = { gtin: '04006381333931', quantity: 1, expiry: '2028-06-30', batch: 'L2291A', name: '焕活精华液 50ml' };
  const cream: GoodsLine = { gtin: '03760123000017', quantity: 2 };
  const compare = (text: string, goods: GoodsLine[] = [serum, cream]) => compareGoods(goods, ok(text));

  it('matches the GTIN alone from an EAN-13, naming the batch and expiry to check on the pack', () => {
    const r = compare('4006381333931');
    expect(r).toMatchObject({ outcome: 'match', compared: ['gtin'], unchecked: ['batch', 'expiry'], line: serum });
    expect(r.message.en).toContain('L2291A');
    expect(r.message['zh-CN']).toContain('2028年6月30日');
  });
  it('matches GTIN, batch and expiry from a GS1 DataMatrix, and DD = 00 by month', () => {
    expect(compare(`]d201040063813339311728063010L2291A`)).toMatchObject({ outcome: 'match', compared: ['gtin', 'batch', 'expiry'], unchecked: [] });
    expect(compare(`]d201040063813339311728060010L2291A`).outcome).toBe('match');
    expect(compare('https://id.example/01/04006381333931/10/L2291A?17=280630').outcome).toBe('match');
  });
  it('says mismatch for another GTIN (swapped goods)', () => {
    const r = compare('5901234123457');
    expect(r).toMatchObject({ outcome: 'mismatch', differs: ['gtin'] });
    expect(r.message.en).toMatch(/^Mismatch/);
    expect(r.message['zh-CN']).toMatch(/^不一致/);
  });
  it('says which field differs for the same GTIN', () => {
    expect(compare(`]d201040063813339311728063010L9999Z`)).toMatchObject({ outcome: 'mismatch', differs: ['batch'], line: serum });
    expect(compare(`]d201040063813339311729123110L2291A`)).toMatchObject({ outcome: 'mismatch', differs: ['expiry'] });
    const both = compare(`]d201040063813339311729123110X`);
    expect(both.differs).toEqual(['batch', 'expiry']);
    expect(both.message.en).toContain('2029-12-31');
    expect(both.message['zh-CN']).toContain('2029年12月31日');
  });
  it('is not comparable without a GTIN, or when the parcel does not state what the code carries', () => {
    expect(compare('https://id.gs1.org/00/952012345678912345?02=09520123456788&37=25&10=ABC123')).toMatchObject({ outcome: 'not-comparable', compared: [], unchecked: ['gtin'] });
    const r = compare('(01)03760123000017(10)B7(17)270100');
    expect(r).toMatchObject({ outcome: 'not-comparable', compared: ['gtin'], unchecked: ['batch', 'expiry'], line: cream });
    expect(r.message.en).toContain('B7');
    expect(r.message['zh-CN']).toContain('2027年1月');
  });
  it('picks the goods line whose batch matches when a GTIN is on several lines', () => {
    const other: GoodsLine = { ...serum, batch: 'L3000B', expiry: '2029-01-31' };
    expect(compare(`]d201040063813339311729013110L3000B`, [serum, other])).toMatchObject({ outcome: 'match', line: other });
  });
});
