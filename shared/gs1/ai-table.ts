// The GS1 Application Identifiers this parser knows, with the format each one's data field has
// (GS1 General Specifications §3.2 "GS1 Application Identifiers in numerical order" and the
// AI format tables of §3.3–3.10). Formats are reduced to what reading needs: the character set,
// the length range, whether the AI has a predefined length (no FNC1 after it, §7.8.5 Figure
// 7.8.5-2) and the checks a value gets (GS1 check digit §7.9.1, dates §7.12). An AI not in this
// table is refused (`gs1.unknown-ai`): without its length a variable field cannot be cut out.

/** N: digits; X: GS1 AI encodable character set 82 (§7.11 Figure 7.11-1); Y: set 39; Z: set 64 (base64url). */
export type Gs1Charset = 'N' | 'X' | 'Y' | 'Z';

export interface AiFormat {
  ai: string;
  charset: Gs1Charset;
  min: number;
  max: number;
  /** Predefined length (Figure 7.8.5-2): the element is never followed by FNC1. */
  predefined: boolean;
  /** The first 14/13/18 digits end in a GS1 check digit. */
  checkDigit?: number;
  /** YYMMDD where DD may be 00 (§7.12). */
  date?: 'yymmd0' | 'yymmdd';
  /** GS1 Digital Link: a primary key with its qualifier sequences (alternatives), or a data attribute. */
  dlKey?: readonly (readonly string[])[];
}

type Row = [ai: string, spec: string, extra?: Partial<AiFormat>];

// spec: charset, then length "n" (fixed) or "a..b", then "*" when predefined.
const ROWS: Row[] = [
  ['00', 'N18*', { checkDigit: 18, dlKey: [[]] }],
  ['01', 'N14*', { checkDigit: 14, dlKey: [['22', '10', '21'], ['235']] }],
  ['02', 'N14*', { checkDigit: 14 }],
  ['10', 'X1..20'],
  ['11', 'N6*', { date: 'yymmd0' }],
  ['12', 'N6*', { date: 'yymmd0' }],
  ['13', 'N6*', { date: 'yymmd0' }],
  ['15', 'N6*', { date: 'yymmd0' }],
  ['16', 'N6*', { date: 'yymmd0' }],
  ['17', 'N6*', { date: 'yymmd0' }],
  ['20', 'N2*'],
  ['21', 'X1..20'],
  ['22', 'X1..20'],
  ['235', 'X1..28'],
  ['240', 'X1..30'],
  ['241', 'X1..30'],
  ['242', 'N1..6'],
  ['243', 'X1..20'],
  ['250', 'X1..30'],
  ['251', 'X1..30'],
  ['253', 'X13..30', { checkDigit: 13, dlKey: [[]] }],
  ['254', 'X1..20'],
  ['255', 'N13..25', { checkDigit: 13, dlKey: [[]] }],
  ['30', 'N1..8'],
  ['37', 'N1..8'],
  ['400', 'X1..30'],
  ['401', 'X1..30', { dlKey: [[]] }],
  ['402', 'N17', { checkDigit: 17, dlKey: [[]] }],
  ['403', 'X1..30'],
  ['410', 'N13*', { checkDigit: 13 }],
  ['411', 'N13*', { checkDigit: 13 }],
  ['412', 'N13*', { checkDigit: 13 }],
  ['413', 'N13*', { checkDigit: 13 }],
  ['414', 'N13*', { checkDigit: 13, dlKey: [['254'], ['7040']] }],
  ['415', 'N13*', { checkDigit: 13, dlKey: [['8020']] }],
  ['416', 'N13*', { checkDigit: 13 }],
  ['417', 'N13*', { checkDigit: 13, dlKey: [['7040']] }],
  ['420', 'X1..20'],
  ['421', 'X4..12'],
  ['422', 'N3'],
  ['423', 'N3..15'],
  ['424', 'N3'],
  ['425', 'N3..15'],
  ['426', 'N3'],
  ['427', 'X1..3'],
  ['4300', 'X1..35'], ['4301', 'X1..35'], ['4302', 'X1..70'], ['4303', 'X1..70'], ['4304', 'X1..70'],
  ['4305', 'X1..70'], ['4306', 'X1..70'], ['4307', 'X2'], ['4308', 'X1..30'], ['4309', 'N20'],
  ['4310', 'X1..35'], ['4311', 'X1..35'], ['4312', 'X1..70'], ['4313', 'X1..70'], ['4314', 'X1..70'],
  ['4315', 'X1..70'], ['4316', 'X1..70'], ['4317', 'X2'], ['4318', 'X1..20'], ['4319', 'X1..30'],
  ['4320', 'X1..35'], ['4321', 'N1'], ['4322', 'N1'], ['4323', 'N1'], ['4324', 'N10'], ['4325', 'N10'],
  ['4326', 'N6', { date: 'yymmdd' }], ['4330', 'X6..7'], ['4331', 'X6..7'], ['4332', 'X6..7'], ['4333', 'X6..7'],
  ['7001', 'N13'], ['7002', 'X1..30'], ['7003', 'N10'], ['7004', 'N1..4'], ['7005', 'X1..12'],
  ['7006', 'N6', { date: 'yymmdd' }], ['7007', 'N6..12'], ['7008', 'X1..3'], ['7009', 'X1..10'], ['7010', 'X1..2'],
  ['7011', 'N6..10'], ['7020', 'X1..20'], ['7021', 'X1..20'], ['7022', 'X1..20'], ['7023', 'X1..30'],
  ['7040', 'X4'],
  ['710', 'X1..20'], ['711', 'X1..20'], ['712', 'X1..20'], ['713', 'X1..20'], ['714', 'X1..20'], ['715', 'X1..20'],
  ['7240', 'X1..20'], ['7241', 'N2'], ['7242', 'X1..25'],
  ['8001', 'N14'], ['8002', 'X1..20'], ['8003', 'X14..30', { dlKey: [[]] }], ['8004', 'X1..30', { dlKey: [['7040']] }],
  ['8005', 'N6'], ['8006', 'N18', { dlKey: [['22', '10', '21']] }], ['8007', 'X1..34'], ['8008', 'N8..12'],
  ['8009', 'X1..50'], ['8010', 'Y1..30', { dlKey: [['8011']] }], ['8011', 'N1..12'], ['8012', 'X1..20'],
  ['8013', 'X1..25', { dlKey: [[]] }], ['8017', 'N18', { checkDigit: 18, dlKey: [['8019']] }],
  ['8018', 'N18', { checkDigit: 18, dlKey: [['8019']] }], ['8019', 'N1..10'], ['8020', 'X1..25'],
  ['8026', 'N18'], ['8030', 'Z1..90'], ['8110', 'X1..70'], ['8111', 'N4'], ['8112', 'X1..70'], ['8200', 'X1..70'],
  ['90', 'X1..30'],
];

function rowsInRanges(): Row[] {
  const out: Row[] = [];
  // 31nn–36nn: measures with the decimal point position as the last digit, N6, predefined (§3.6).
  for (let p = 310; p <= 369; p++) {
    if (p === 338 || p === 339) continue;
    for (let d = 0; d <= 5; d++) out.push([`${p}${d}`, 'N6*']);
  }
  for (let d = 0; d <= 9; d++) {
    out.push([`390${d}`, 'N1..15'], [`391${d}`, 'N4..18'], [`392${d}`, 'N1..15'], [`393${d}`, 'N4..18']);
    if (d <= 3) out.push([`394${d}`, 'N4']);
    if (d <= 5) out.push([`395${d}`, 'N6']);
    out.push([`703${d}`, 'X4..30'], [`723${d}`, 'X3..30']);
  }
  for (let a = 91; a <= 99; a++) out.push([String(a), 'X1..90']);
  return out;
}

function formatOf([ai, spec, extra]: Row): AiFormat {
  const m = /^([NXYZ])(\d+)(?:\.\.(\d+))?(\*)?$/.exec(spec)!;
  const min = Number(m[2]);
  return { ai, charset: m[1] as Gs1Charset, min, max: m[3] ? Number(m[3]) : min, predefined: m[4] === '*', ...extra };
}

/** Every known AI by its digits. */
export const AI_TABLE: ReadonlyMap<string, AiFormat> = new Map([...ROWS, ...rowsInRanges()].map((r) => [r[0], formatOf(r)]));

/** The known AI at the start of `digits` (AIs are prefix-free: 2, 3 or 4 digits). */
export function aiAt(text: string, at: number): AiFormat | undefined {
  for (const n of [2, 3, 4]) {
    const f = AI_TABLE.get(text.slice(at, at + n));
    if (f) return f;
  }
  return undefined;
}

/** GS1 AI encodable character set 82 (§7.11 Figure 7.11-1). */
const CSET82 = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]*$/;
/** Set 39 (§7.11 Figure 7.11-2). */
const CSET39 = /^[#\-/0-9A-Z]*$/;
/** Set 64 (§7.11 Figure 7.11-3, the URL-safe base64 alphabet and "="). */
const CSET64 = /^[-0-9A-Z_a-z=]*$/;

export function inCharset(value: string, charset: Gs1Charset): boolean {
  if (charset === 'N') return /^\d*$/.test(value);
  if (charset === 'X') return CSET82.test(value);
  if (charset === 'Y') return CSET39.test(value);
  return CSET64.test(value);
}
