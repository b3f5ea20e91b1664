import { describe, expect, it } from 'vitest';
import { main } from '../../../cli/main.ts';
import { parseArgs } from '../../../cli/io.ts';
import { memoryIo } from '../../harness/memory-io.ts';
import { runHarness } from '../../harness/run.ts';

describe('crosscheck dispatcher', () => {
  it('lists commands in help', async () => {
    const io = memoryIo();
    expect(await main(['help'], io)).toBe(0);
    expect(io.out).toMatch(/usage: crosscheck <command>/);
    for (const name of ['keygen', 'trust', 'issue', 'verify', 'qr', 'inspect', 'tax', 'screen', 'labels']) expect(io.out).toMatch(new RegExp(`^  ${name} `, 'm'));
    // The tooling (demo world, servers, benchmarks, fuzzing) is not the merchant CLI: test/harness/run.ts.
    for (const name of ['bench', 'demo', 'fuzz', 'package', 'preview', 'start']) expect(io.out).not.toMatch(new RegExp(`^  ${name} `, 'm'));
  });

  it('the tooling entry lists its own commands', async () => {
    const io = memoryIo();
    expect(await runHarness(['help'], io)).toBe(0);
    for (const name of ['bench', 'demo', 'fuzz', 'package', 'preview', 'screenshots', 'start']) expect(io.out).toMatch(new RegExp(`^  ${name} `, 'm'));
  });

  it('rejects an unknown command with one line and exit 2', async () => {
    const io = memoryIo();
    expect(await main(['frobnicate'], io)).toBe(2);
    expect(io.err.trim().split('\n')).toHaveLength(1);
    expect(io.err).toMatch(/unknown command "frobnicate"/);
  });

  it('refuses path-like command names', async () => {
    const io = memoryIo();
    expect(await main(['../io'], io)).toBe(2);
  });
});

describe('parseArgs', () => {
  it.each([
    [['--key', 'k.pem', 'a'], { key: 'k.pem' }, ['a']],
    [['--key=k.pem', '-'], { key: 'k.pem' }, ['-']],
    [['--json', 'x'], { json: true }, ['x']],
  ])('%j', (argv, flags, positionals) => {
    const parsed = parseArgs(argv, { values: ['key'], booleans: ['json'] });
    expect(Object.fromEntries(parsed.flags)).toEqual(flags);
    expect(parsed.positionals).toEqual(positionals);
  });

  it('rejects unknown and valueless options', () => {
    expect(() => parseArgs(['--nope'], {})).toThrow(/unknown option --nope/);
    expect(() => parseArgs(['--key'], { values: ['key'] })).toThrow(/needs a value/);
  });
});
