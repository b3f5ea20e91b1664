// `crosscheck tax [FILE|-]`: one order as JSON in, the CBEC / general-trade / postal comparison
// and the quota admission as JSON out. Items without a taxClass are classified from their name.
import { z } from 'zod';
import {
  classifyTitle,
  NET_CONTENT_UNIT_WORD_LIST,
  netContentOfUnitWord,
  TAX_CLASS_IDS,
  type NetContent,
  type TaxClassId,
} from '../../shared/catalog/index.ts';
import { MoneyError } from '../../shared/money/index.ts';
import { isIsoDate, policyAt, PolicyError } from '../../shared/policy/index.ts';
import { compareChannels, isCustomsRate, TaxError, type ChannelComparison, type ChannelTax, type OrderItem } from '../../shared/tax/index.ts';
import { CliError, parseArgs, readTextInput, type CliCommand } from '../io.ts';

const fen = z
  .number({ message: 'must be a number of fen' })
  .int('must be a whole number of fen')
  .nonnegative('must not be negative')
  .refine(Number.isSafeInteger, { message: 'is too large' });

const inputSchema = z
  .object({
    date: z.string({ message: 'must be a date YYYY-MM-DD' }).refine(isIsoDate, { message: 'must be a calendar date YYYY-MM-DD' }),
    items: z
      .array(
        z
          .object({
            name: z.string({ message: 'must be a string' }).min(1, 'must not be empty').max(500, 'is longer than 500 characters'),
            priceFen: fen,
            quantity: z.number({ message: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(1_000_000, 'is too large'),
            taxClass: z.enum(TAX_CLASS_IDS, { message: `must be one of ${TAX_CLASS_IDS.join(', ')}` }).optional(),
            netContent: z
              .object({
                value: z.number({ message: 'must be a number' }).positive('must be more than 0').max(1e10, 'is too large'),
                unit: z.enum(NET_CONTENT_UNIT_WORD_LIST as [string, ...string[]], {
                  message: 'unknown unit: use ml, g or piece, or 毫升, 克, 千克, 升, 片, 张, 支, 粒, 瓶, 袋, 盒, 包',
                }),
              })
              .strict()
              .optional(),
            hsCode: z.string().regex(/^\d{4,10}$/, 'must be 4 to 10 digits').optional(),
          })
          .strict(),
        { message: 'must be a list of items' },
      )
      .min(1, 'needs at least one item')
      .max(1_000, 'has more than 1,000 items'),
    freightFen: fen.optional(),
    insuranceFen: fen.optional(),
    usedThisYearFen: fen.optional(),
    postalOrigin: z.enum(['hk-mo-tw', 'other'], { message: 'must be hk-mo-tw or other' }).optional(),
    declarationDate: z.string({ message: 'must be a date YYYY-MM-DD' }).refine(isIsoDate, { message: 'must be a calendar date YYYY-MM-DD' }).optional(),
    discountFen: fen.optional(),
    customsUsdRate: z.number({ message: 'must be CNY per USD, e.g. 7.1026' }).refine(isCustomsRate, { message: 'must be CNY per USD, more than 0, at most 6 decimals' }).optional(),
  }, { message: 'must be a JSON object with date and items' })
  .strict();

type TaxInput = z.infer<typeof inputSchema>;

/** "items.0.netContent.unit" → "items[0].netContent.unit" */
function fieldName(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), '');
}

function parseInput(text: string): TaxInput {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new CliError(`input: not valid JSON (${(e as Error).message.split('\n')[0]})`);
  }
  const parsed = inputSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    // Unknown keys: name the key itself, so a typo such as "pricefen" is found at once.
    const keys = issue.code === 'unrecognized_keys' ? (issue as { keys: string[] }).keys : [];
    const field = fieldName(keys.length > 0 ? [...issue.path, keys[0]!] : issue.path) || 'input';
    throw new CliError(`${field}: ${keys.length > 0 ? 'unknown field' : issue.message}`);
  }
  return parsed.data;
}

interface Classified {
  item: OrderItem;
  taxClassSource: 'input' | 'name' | 'hs-code';
  classification?: { confidence: 'high' | 'low'; evidence: string[] };
  netContentSource?: 'input' | 'name';
}

function classifyItems(input: TaxInput): Classified[] {
  return input.items.map((raw) => {
    // The HS code decides the class before the name does (policy rows of kind hs-class).
    const hsRow = raw.hsCode === undefined ? undefined : hsClassRow(input.date, raw.hsCode);
    const fromName = (raw.taxClass === undefined && !hsRow) || raw.netContent === undefined ? classifyTitle(raw.name) : undefined;
    const taxClass: TaxClassId = hsRow?.taxClass ?? raw.taxClass ?? fromName!.taxClass;
    const given = raw.netContent ? netContentOfUnitWord(raw.netContent.value, raw.netContent.unit) : undefined;
    const netContent: NetContent | undefined = given ?? fromName?.netContent;
    const item: OrderItem = {
      name: raw.name,
      priceFen: raw.priceFen,
      quantity: raw.quantity,
      taxClass,
      ...(netContent ? { netContent } : {}),
      ...(raw.hsCode ? { hsCode: raw.hsCode } : {}),
    };
    const source: Classified['taxClassSource'] = hsRow ? 'hs-code' : raw.taxClass === undefined ? 'name' : 'input';
    return {
      item,
      taxClassSource: source,
      ...(source === 'name' ? { classification: { confidence: fromName!.confidence, evidence: fromName!.evidence } } : {}),
      ...(netContent ? { netContentSource: raw.netContent ? 'input' : 'name' } : {}),
    };
  });
}

/** The hs-class row for a code on the order's date, or undefined (also for a date no policy covers: the comparison says so). */
function hsClassRow(date: string, hsCode: string) {
  try {
    return policyAt(date).hsClass(hsCode);
  } catch {
    return undefined;
  }
}

/** A channel with its formulas in English: the CLI speaks English (the apps show both languages). */
function inEnglish<C extends Pick<ChannelTax, 'lines'>>(channel: C) {
  return { ...channel, lines: channel.lines.map((line) => ({ ...line, formula: line.formula.en })) };
}

function render(result: ChannelComparison, classified: readonly Classified[]) {
  const { admission } = result;
  return {
    date: result.date,
    ...(result.rulesDate ? { rulesDate: result.rulesDate } : {}),
    goodsValueFen: result.goodsValueFen,
    ...(result.discountFen !== undefined ? { discountFen: result.discountFen } : {}),
    freightFen: result.freightFen,
    insuranceFen: result.insuranceFen,
    dutiableValueFen: result.dutiableValueFen,
    admission: admission.status,
    admissionDetail: {
      compositeTax: admission.compositeTax,
      countsTowardYear: admission.countsTowardYear,
      usedThisYearFen: admission.usedThisYearFen,
      perOrderLimitFen: admission.perOrderLimitFen,
      annualLimitFen: admission.annualLimitFen,
      remainingAfterFen: admission.remainingAfterFen,
      rule: admission.rule,
      message: admission.message,
    },
    cbec: inEnglish(result.cbec),
    generalTrade: inEnglish(result.generalTrade),
    postal: inEnglish(result.postal),
    items: result.items.map((breakdown, i) => {
      const c = classified[i]!;
      const why = [
        c.taxClassSource === 'hs-code'
          ? `tax class ${breakdown.taxClass} from HS code ${c.item.hsCode}`
          : c.taxClassSource === 'input'
            ? `tax class ${breakdown.taxClass} given in the input`
            : `tax class ${breakdown.taxClass} classified from the name (${c.classification!.confidence} confidence)`,
        ...(c.classification?.evidence ?? []),
        ...(c.netContentSource === 'name' ? [`net content ${c.item.netContent!.value} ${c.item.netContent!.unit} read from the name`] : []),
        ...breakdown.evidence.map((e) => e.en),
      ];
      const { assumption, ...consumptionTax } = breakdown.consumptionTax;
      return {
        ...breakdown,
        consumptionTax: assumption ? { ...consumptionTax, assumption: assumption.en } : consumptionTax,
        taxClassSource: c.taxClassSource,
        ...(c.classification ? { classificationConfidence: c.classification.confidence } : {}),
        ...(c.item.netContent ? { netContent: c.item.netContent, netContentSource: c.netContentSource } : {}),
        evidence: why,
      };
    }),
    rounding: result.rounding,
  };
}

export const command: CliCommand = {
  summary: 'compare CBEC, general-trade and postal tax for one order (JSON in, JSON out)',
  usage: `usage: crosscheck tax [FILE|-] [--rounding exact-bases|rounded-bases] [--compact]

Reads one order as JSON from FILE or standard input:
  {"date": "2025-11-14",
   "items": [{"name": "精华面霜 20g", "priceFen": 42500, "quantity": 1,
              "taxClass": "cosmetics", "netContent": {"value": 20, "unit": "克"}, "hsCode": "33049900"}],
   "freightFen": 0, "insuranceFen": 0, "usedThisYearFen": 0, "postalOrigin": "other",
   "declarationDate": "2025-11-15", "discountFen": 0, "customsUsdRate": 7.1026}
taxClass, netContent and hsCode are optional: an hsCode that a policy row covers decides the class,
else taxClass, else the class is read from the name; without netContent the net content is read
from the name when it says one (50ml, 30片). netContent.unit is ml, g or piece, or a unit word:
毫升 升 克 千克 公斤 斤 片 张 支 粒 颗 贴 枚 瓶 袋 盒 包 罐 个 件.
declarationDate: the day the declaration was completed; its rules apply (关税法 第二十条), else the
order date's. discountFen: a seller's or platform's discount (coupon, 满减), which lowers the
dutiable value; points and gift cards the buyer spends are payment and stay in. customsUsdRate:
the customs exchange rate (CNY per USD, 关税法 第六十条) for thresholds set in dollars (imported
beer is class A from 370 USD per tonne); without it the higher class is assumed and said.
Money is integer fen (1 CNY = 100 fen).

Prints the comparison: dutiableValueFen, admission (within-limits | exceeds-single | exceeds-annual |
single-item-full-tax | single-item-general-trade), cbec / generalTrade / postal with their taxes and per-item lines naming the
rule and its legal source, and items[] with the tax class each item got and why.
--rounding: rounded-bases (default, the customs reading, 海关总署令第272号) rounds the tariff and the
full consumption tax to the fen before they enter the next base; exact-bases keeps them exact. --compact prints one line.
Bad input exits 2 with one line naming the field.`,
  async run(args, io) {
    const { flags, positionals } = parseArgs(args, { values: ['rounding'], booleans: ['compact'] });
    if (positionals.length > 1) throw new CliError('give at most one FILE (or - for standard input)');
    const rounding = flags.get('rounding') ?? 'rounded-bases';
    if (rounding !== 'exact-bases' && rounding !== 'rounded-bases') {
      throw new CliError('--rounding must be exact-bases or rounded-bases');
    }
    const input = parseInput(await readTextInput(io, positionals[0]));
    const classified = classifyItems(input);
    let result: ChannelComparison;
    try {
      result = compareChannels(
        {
          date: input.date,
          items: classified.map((c) => c.item),
          ...(input.freightFen !== undefined ? { freightFen: input.freightFen } : {}),
          ...(input.insuranceFen !== undefined ? { insuranceFen: input.insuranceFen } : {}),
          ...(input.postalOrigin ? { postalOrigin: input.postalOrigin } : {}),
          ...(input.declarationDate ? { declarationDate: input.declarationDate } : {}),
          ...(input.discountFen !== undefined ? { discountFen: input.discountFen } : {}),
          ...(input.customsUsdRate !== undefined ? { customsUsdRate: input.customsUsdRate } : {}),
        },
        { usedThisYearFen: input.usedThisYearFen ?? 0, rounding },
      );
    } catch (e) {
      if (e instanceof TaxError) throw new CliError(`${fieldName(e.field.split('.').map((k) => (/^\d+$/.test(k) ? Number(k) : k)))}: ${e.detail}`);
      if (e instanceof PolicyError) throw new CliError(`date: no CBEC rules known for ${input.date} (${e.detail})`);
      if (e instanceof MoneyError) throw new CliError(`input: ${e.detail}`);
      throw e;
    }
    const output = render(result, classified);
    io.stdout(`${flags.has('compact') ? JSON.stringify(output) : JSON.stringify(output, null, 2)}\n`);
    return 0;
  },
};
