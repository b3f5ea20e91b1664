// The table: every target crossed with every hostile input. Built from names only, so the test
// process lists the cases without building any input; the worker builds each when it runs it.
import { hostileTexts, hostileValues } from './corpus.ts';
import { TARGETS } from './targets.ts';

export interface HostileCase {
  id: number;
  target: string;
  /** A hostile text's name, a hostile value's name, or PROTOTYPE_KEYS. */
  input: string;
  feeds: 'text' | 'value';
}

export const PROTOTYPE_KEYS = 'own __proto__ and constructor keys in every object';
/** The sample itself: it must be accepted, or the field mutations would test nothing. */
export const VALID_SAMPLE = 'the valid sample, unchanged';

export function hostileCases(): HostileCase[] {
  const texts = hostileTexts().map(([name]) => name);
  const values = hostileValues().map(([name]) => name);
  const out: HostileCase[] = [];
  for (const target of TARGETS) {
    const inputs = target.feeds === 'text' ? texts : target.sample ? [VALID_SAMPLE, ...values, PROTOTYPE_KEYS] : values;
    for (const input of inputs) out.push({ id: out.length, target: target.name, input, feeds: target.feeds });
  }
  return out;
}
