import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { createPolicy, PolicyError } from '../../../shared/policy/index.ts';
import { issueMessage } from '../../../shared/validation/issue-message.ts';
import { parseQuotaEntries, QuotaError } from '../../../shared/quota/index.ts';
import { parseOrder, TaxError } from '../../../shared/tax/index.ts';

/** zod/mini has no locale: these sentences come from issueMessage, whatever else is loaded. */
const first = (schema: z.ZodMiniType, input: unknown) => {
  const r = schema.safeParse(input, { error: issueMessage });
  return r.success ? 'ok' : `${r.error.issues[0]!.path.join('.')}: ${r.error.issues[0]!.message}`;
};

describe('issueMessage: a sentence for every issue zod reports without one', () => {
  it.each<[string, z.ZodMiniType, unknown, string]>([
    ['a missing field', z.object({ a: z.string() }), {}, 'a: is required'],
    ['a wrong type', z.object({ a: z.number() }), { a: 'x' }, 'a: must be a number'],
    ['a wrong type (an)', z.array(z.string()), 'x', ': must be an array'],
    ['a fraction for an integer', z.number().check(z.int()), 1.5, ': must be a whole number'],
    ['an empty string', z.string().check(z.minLength(1)), '', ': must not be empty'],
    ['a long string', z.string().check(z.maxLength(3)), 'abcd', ': must have at most 3 characters'],
    ['an empty list', z.array(z.number()).check(z.minLength(1)), [], ': needs at least one item'],
    ['a long list', z.array(z.number()).check(z.maxLength(1)), [1, 2], ': must have at most 1 item'],
    ['a number too small', z.number().check(z.minimum(2)), 1, ': must be at least 2'],
    ['a number not positive', z.number().check(z.positive()), 0, ': must be more than 0'],
    ['a number too big', z.number().check(z.maximum(9)), 10, ': must be at most 9'],
    ['a bad url', z.url(), 'nope', ': must be a valid url'],
    ['a pattern', z.string().check(z.regex(/^\d+$/)), 'x', ': must match /^\\d+$/'],
    ['an unknown field', z.strictObject({}), { x: 1, y: 2 }, ': unknown fields "x", "y"'],
    ['an enum', z.enum(['a', 'b']), 'c', ': must be one of "a", "b"'],
    ['a literal', z.literal('a'), 'c', ': must be "a"'],
    [
      'an unknown discriminator',
      z.discriminatedUnion('k', [z.object({ k: z.literal('a') }), z.object({ k: z.literal('b') })]),
      { k: 'c' },
      'k: must be one of "a", "b"',
    ],
    ['a failed refinement', z.number().check(z.refine((n) => n > 1)), 0, ': is not valid'],
  ])('%s', (_label, schema, input, expected) => {
    expect(first(schema, input)).toBe(expected);
  });

  it("leaves a check's own message alone", () => {
    expect(first(z.string().check(z.minLength(1, 'must name the product')), '')).toBe(': must name the product');
  });
});

describe('the shared validators say what is wrong, not "Invalid input"', () => {
  const caught = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return e;
    }
    return undefined;
  };
  const row = {
    id: 'quota.2030',
    kind: 'quota',
    validFrom: '2030-01-01',
    source: { instrument: 'x', grade: 'MEM' },
    confidence: 'low',
    perOrderLimitFen: 1,
    annualLimitFen: 2,
  };

  it.each<[string, () => unknown, new (...a: never[]) => Error, string]>([
    ['a policy row with a text limit', () => createPolicy([{ ...row, annualLimitFen: '2' }]), PolicyError, 'annualLimitFen: must be a number'],
    ['a policy row with an unknown field', () => createPolicy([{ ...row, extra: 1 }]), PolicyError, '(row): unknown field "extra"'],
    ['a ledger that is not a list', () => parseQuotaEntries({}), QuotaError, '(ledger): must be an array'],
    [
      'a ledger order with an unknown status',
      () => parseQuotaEntries([{ kind: 'order', id: 'a', orderDate: '2024-01-01', dutiableValueFen: 1, itemCount: 1, status: 'lost' }]),
      QuotaError,
      '0.status: must be one of "pending", "released", "refused"',
    ],
    ['an order without a date', () => parseOrder({ items: [{ name: 'x', priceFen: 1, quantity: 1, taxClass: 'general' }] }), TaxError, 'date: is required'],
  ])('%s', (_label, run, type, message) => {
    const e = caught(run);
    expect(e).toBeInstanceOf(type);
    expect((e as Error).message).toContain(message);
  });
});
