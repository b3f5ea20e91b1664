// English text for a zod issue whose check carries no message of its own. zod/mini ships no
// locale (zod's full English locale is ~3 kB of sentences for every check zod knows, and whether
// it is installed depends on whether classic zod happens to be in the same bundle), so without
// this a bad field would say only "Invalid input". Passed per parse —
// `schema.safeParse(input, { error: issueMessage })` — so a message written on a check still wins,
// and the same input gets the same sentence in the PWA, the extension and the CLI. It lives apart
// from any one area because the policy rows, the tax order, the quota ledger and the credential
// claims all parse with it (and a verifier that reads claims should not pull in shared/policy).
import type * as z from 'zod/mini';

type RawIssue = z.core.$ZodRawIssue;

const quote = (v: unknown) => (typeof v === 'string' ? `"${v}"` : String(v));

function bound(origin: unknown, limit: number | bigint, inclusive: boolean | undefined, direction: 'least' | 'most'): string {
  const counted = origin === 'string' ? 'character' : origin === 'array' || origin === 'set' ? 'item' : undefined;
  if (counted) {
    if (direction === 'least' && Number(limit) === 1) return counted === 'character' ? 'must not be empty' : 'needs at least one item';
    return `must have at ${direction} ${limit} ${counted}${Number(limit) === 1 ? '' : 's'}`;
  }
  if (inclusive === false) return `must be ${direction === 'least' ? 'more' : 'less'} than ${limit}`;
  return `must be at ${direction} ${limit}`;
}

export function issueMessage(issue: RawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      return issue.expected === 'int' ? 'must be a whole number' : `must be ${/^[aeiou]/.test(issue.expected) ? 'an' : 'a'} ${issue.expected}`;
    case 'too_small':
      return bound(issue.origin, issue.minimum, issue.inclusive, 'least');
    case 'too_big':
      return bound(issue.origin, issue.maximum, issue.inclusive, 'most');
    case 'invalid_format':
      return issue.format === 'regex' ? `must match ${issue.pattern ?? 'the expected pattern'}` : `must be a valid ${issue.format}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length === 1 ? '' : 's'} ${issue.keys.map(quote).join(', ')}`;
    case 'invalid_value':
      return issue.values.length === 1 ? `must be ${quote(issue.values[0])}` : `must be one of ${issue.values.map(quote).join(', ')}`;
    case 'invalid_union': {
      // A discriminated union names the values its discriminator may take (the issue's path is
      // the discriminator itself).
      const options = (issue as { options?: unknown[] }).options;
      if (options?.length) return `must be one of ${options.map(quote).join(', ')}`;
      return issue.inclusive === false ? 'matches more than one allowed form' : 'matches none of the allowed forms';
    }
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}`;
    default:
      return 'is not valid';
  }
}
