// A policy that knows no rules. It is what a trust bundle opened with `{ policy: false }` carries
// (the merchant badge judges listings and never asks a tax or quota question): the Policy contract
// holds — every question is answered with PolicyError('no-policy'), as for a day before the
// earliest row — while the built-in rows and their schemas stay out of that bundle.
import { PolicyError } from './errors.ts';
import type { Policy } from './policy.ts';

export function emptyPolicy(why: string): Policy {
  const policy: Policy = Object.freeze({
    rows: Object.freeze([]),
    // What createPolicy computes for no rows: no date is on or after the earliest rule.
    earliest: '9999-12-31',
    at(date: string): never {
      throw new PolicyError('no-policy', `${why} (asked for ${date})`);
    },
  });
  return policy;
}
