// `crosscheck screen`: risk screening of a merchant's orders before they are pushed to customs
// (issue 7). The rules, the streaming reader and the report are the pure core in shared/screen;
// this file only opens files, streams bytes in and writes lines out. Where the keyed state lives
// (memory, a snapshot file, Redis) and reading a Redis Stream: cli/screen-state.
import { open, readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CliError, parseArgs, type CliCommand, type CliIo } from '../io.ts';
import {
  AddressWatchlist,
  PriceFiling,
  ReportAccumulator,
  ThreeRecords,
  priceFilingCheck,
  recordFormatOf,
  threeRecordCheck,
  whereOf,
  RULE_IDS,
  ScreenInputError,
  resolveConfig,
  type InputFormat,
  type ScreenCheck,
  type ScreenConfig,
  type ScreenOutput,
  type ScreenSummary,
} from '../../shared/screen/index.ts';
import { loadPositiveListCsv, type PositiveList } from '../../shared/catalog/index.ts';
import { parseStateFlag, screenWithState, type StreamSpec } from '../screen-state/run.ts';

const OUTPUT_FLUSH_CHARS = 1 << 16;

export const command: CliCommand = {
  summary: 'screen orders for risk (borrowed identities, quotas, under-declaration, resale, price filing, 三单)',
  usage: `usage: crosscheck screen [FILE|-] [--format ndjson|csv] [--config RULES.json]
                        [--watchlist FILE] [--report OUT.html] [--positive-list LIST.csv]
                        [--state FILE|redis://HOST:PORT[?prefix=P]] [--batch N] [--redis-wait SECONDS]
       crosscheck screen --state redis://HOST:PORT --stream KEY --group G --consumer C
                        [--claim-idle MS] [--exit-when-empty] [rule and report flags as above]
                        [--price-filing FILE] [--payments FILE] [--logistics FILE]

Reads orders (NDJSON, one order per line; or CSV with a header row) from FILE or standard input
and writes one JSON line per input row to standard output, in input order:
  {"orderId":"…","decision":"pass"|"review"|"block","reasons":["rule-id",…]}
  {"line":12,"decision":"error","code":"json-invalid","message":"…"}   (a row it cannot read)
A summary goes to standard error. The input is streamed: memory grows with the orderers and
addresses the rules remember, not with the file.

  --format     ndjson (default) or csv (default when FILE ends in .csv). CSV columns are the
               dotted field names (orderer.idHash, recipient.address, …); items as a JSON array
               in an "items" column, or as items.0.sku, items.0.priceFen, … columns.
  --config     JSON with rule overrides: {"rules":{"under-declared-value":{"severity":"review",
               "thresholds":{"minDeclaredPercent":85}},"orderer-payer-mismatch":{"enabled":false}},
               "watchlist":["…"]}. Rules and sources: shared/screen/README.md.
  --watchlist  a file of watched delivery addresses, one per line (# starts a comment).
  --report     also write a self-contained HTML report for a compliance officer.
  --positive-list  the full positive list (shared/catalog CSV format) whose quantity remarks
               cap yearly amounts; default: the partial list bundled with shared/catalog.
  --state      where the rules' keyed state (annual totals per orderer, identities per address,
               repeat SKUs, …) lives between runs. Without it: memory, for this run only.
               FILE: a local snapshot, read before and replaced after a whole run (a run that
               stops half-way leaves the previous one: feed that input again).
               redis://HOST:PORT (a single server or any node of a cluster): every order's
               update is committed per key, atomically and idempotently by order id, before its
               decision is written, so feeding a stream in two runs gives the decisions of one
               run, an order fed again is not counted twice, and a stop at any point loses nothing
               written. ?prefix= separates the keys of several screens on one server.
  --batch      orders per Redis round trip (default 512).
  --redis-wait how long to wait for a Redis server that went away before stopping (default 60 s;
               nothing committed is lost, and running again continues).
  --stream, --group, --consumer
               read orders from a Redis Stream (one order as JSON in each entry's "order" field)
               in a consumer group, so several screen processes share the work: each entry is
               acknowledged after its decision is written; entries a dead consumer left pending
               are claimed after --claim-idle MS (default 30000). Runs until Ctrl-C (which
               finishes the current batch), or with --exit-when-empty until nothing is left.
               Unreadable entries are error lines with their record number and "entry" id.
  --price-filing  filed prices (价格备案), CSV with a header, NDJSON or a JSON array of
               {sku, priceFen, validFrom, validTo?, currency?}: a unit price below the price in
               force on the order date fires price-below-filing, a SKU without one
               price-filing-missing.
  --payments   payment records (支付单): {orderId, time, amountFen, taxFen?, payer:{idHash|idNumber,
               nameHash|name}}, CSV (payer.idHash, … columns), NDJSON or JSON array.
  --logistics  logistics records (运单): {orderId, waybillNo, consignee:{idHash|idNumber,
               nameHash|name}}. Joined to the orders by orderId for the three-record match
               (三单对碰): amounts, payer, consignee, shared waybills, payment before the order,
               missing records. A bad row in these files stops the run (exit 2) naming its line.

Exit status: 0 when the input was read (flagged orders and unreadable rows included), 2 when it
could not be (missing file, bad options or config, unreadable CSV header or state, Redis gone for
longer than --redis-wait).`,

  async run(args, io) {
    const { flags, positionals } = parseArgs(args, {
      values: ['format', 'config', 'report', 'watchlist', 'positive-list', 'state', 'batch', 'redis-wait', 'stream', 'group', 'consumer', 'claim-idle', 'price-filing', 'payments', 'logistics'],
      booleans: ['exit-when-empty'],
    });
    if (positionals.length > 1) throw new CliError('give at most one input file');
    const file = positionals[0];
    const state = parseStateFlag(flags.get('state'), io.cwd);
    const stream = streamSpec(flags, state.kind === 'redis', file);
    const batchSize = positiveInt(flags.get('batch'), '--batch', 512, 100_000);
    const redisWaitMs = positiveInt(flags.get('redis-wait'), '--redis-wait', 60, 86_400) * 1000;
    const format = inputFormat(flags.get('format'), file);
    const config = await loadConfig(io, flags.get('config'), flags.get('watchlist'));
    const positiveList = await loadList(io, flags.get('positive-list'));
    const checks: ScreenCheck[] = [];
    const filing = await loadFiling(io, flags.get('price-filing'));
    if (filing) checks.push(priceFilingCheck(filing, config));
    const records = await loadRecords(io, flags.get('payments'), flags.get('logistics'));
    if (records) checks.push(threeRecordCheck(records, config));
    const reportPath = flags.get('report');
    const report =
      typeof reportPath === 'string'
        ? new ReportAccumulator({
            describe: records ? (order, rule) => records.describe(order, rule) : undefined,
            inputs: { priceFiling: filing !== undefined, payments: records?.hasPayments, logistics: records?.hasLogistics },
          })
        : undefined;

    let out = '';
    const flush = () => {
      if (out) io.stdout(out);
      out = '';
    };
    const onOutput = (output: ScreenOutput, order: Parameters<ReportAccumulator['add']>[1]) => {
      out += `${JSON.stringify(output)}\n`;
      if (out.length >= OUTPUT_FLUSH_CHARS) {
        io.stdout(out);
        out = '';
      }
      report?.add(output, order);
    };

    const started = performance.now();
    let summary: ScreenSummary;
    try {
      summary = await screenWithState({
        state,
        stream,
        config,
        format,
        positiveList,
        checks,
        batchSize,
        redisWaitMs,
        source: () => inputSource(io, file),
        onOutput,
        flush,
        stderr: (t) => io.stderr(t),
      });
    } catch (e) {
      if (out) io.stdout(out);
      if (e instanceof ScreenInputError) throw new CliError(e.message);
      throw e;
    }
    if (out) io.stdout(out);
    const seconds = (performance.now() - started) / 1000;
    const sourceName = stream ? `stream ${stream.key} (group ${stream.group}, consumer ${stream.consumer})` : (file ?? 'stdin');

    if (report && typeof reportPath === 'string') {
      const html = report.render(summary, config, { source: sourceName, generatedAt: new Date().toISOString() });
      try {
        await writeFile(resolve(io.cwd, reportPath), html);
      } catch (e) {
        throw new CliError(`cannot write ${reportPath}: ${(e as NodeJS.ErrnoException).code ?? 'write error'}`);
      }
    }
    io.stderr(describeSummary(summary, sourceName, seconds, reportPath));
    return 0;
  },
};

function positiveInt(flag: string | true | undefined, name: string, fallback: number, max: number): number {
  if (flag === undefined) return fallback;
  const n = Number(flag);
  if (typeof flag !== 'string' || !/^\d+$/.test(flag) || n < 1 || n > max) throw new CliError(`${name} must be a whole number from 1 to ${max}, not "${String(flag)}"`);
  return n;
}

function streamSpec(flags: Map<string, string | true>, redis: boolean, file: string | undefined): StreamSpec | undefined {
  const key = flags.get('stream');
  const group = flags.get('group');
  const consumer = flags.get('consumer');
  if (key === undefined) {
    for (const f of ['group', 'consumer', 'claim-idle', 'exit-when-empty']) if (flags.has(f)) throw new CliError(`--${f} goes with --stream`);
    return undefined;
  }
  if (!redis) throw new CliError('--stream reads a Redis Stream: give --state redis://HOST:PORT too');
  if (file !== undefined) throw new CliError('give either an input file or --stream, not both');
  if (typeof key !== 'string' || typeof group !== 'string' || typeof consumer !== 'string') {
    throw new CliError('--stream needs a KEY, and --group G and --consumer C with it');
  }
  const claimIdleMs = flags.has('claim-idle') ? Number(flags.get('claim-idle')) : 30_000;
  if (!Number.isInteger(claimIdleMs) || claimIdleMs < 0) throw new CliError(`--claim-idle must be milliseconds (0 or more), not "${String(flags.get('claim-idle'))}"`);
  return { key, group, consumer, claimIdleMs, exitWhenEmpty: flags.has('exit-when-empty') };
}

function inputFormat(flag: string | true | undefined, file: string | undefined): InputFormat {
  if (flag === undefined) return file?.toLowerCase().endsWith('.csv') ? 'csv' : 'ndjson';
  if (flag === 'ndjson' || flag === 'csv') return flag;
  throw new CliError(`--format must be ndjson or csv, not "${String(flag)}"`);
}

async function readTextFile(io: CliIo, path: string, what: string): Promise<string> {
  try {
    return await readFile(resolve(io.cwd, path), 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(`cannot read ${what} ${path}: ${code === 'ENOENT' ? 'no such file' : (code ?? 'read error')}`);
  }
}

async function loadConfig(io: CliIo, configPath: string | true | undefined, watchlistPath: string | true | undefined): Promise<ScreenConfig> {
  let raw: unknown = {};
  if (typeof configPath === 'string') {
    const text = await readTextFile(io, configPath, 'config');
    try {
      raw = JSON.parse(text);
    } catch {
      throw new CliError(`config ${configPath}: not valid JSON`);
    }
  }
  const resolved = resolveConfig(raw);
  if (!resolved.ok) throw new CliError(`config ${typeof configPath === 'string' ? configPath : ''}: ${resolved.error.message}`);
  let watchlist = resolved.value.watchlist;
  if (typeof watchlistPath === 'string') {
    const text = await readTextFile(io, watchlistPath, 'watch list');
    const entries = text
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l.length > 0 && !l.startsWith('#'));
    watchlist = [...watchlist, ...entries];
  }
  const short = AddressWatchlist.tooShort(watchlist);
  if (short.length > 0) {
    io.stderr(`crosscheck screen: ignoring ${short.length} watch-list entr${short.length === 1 ? 'y' : 'ies'} too short to name one address (e.g. "${short[0]!.slice(0, 40)}")\n`);
  }
  return { ...resolved.value, watchlist };
}

async function loadList(io: CliIo, path: string | true | undefined): Promise<PositiveList | undefined> {
  if (typeof path !== 'string') return undefined;
  const loaded = loadPositiveListCsv(await readTextFile(io, path, 'positive list'), { coverage: 'complete' });
  if (loaded.ok) return loaded.value;
  const first = loaded.error[0]!;
  const more = loaded.error.length > 1 ? ` (and ${loaded.error.length - 1} more)` : '';
  throw new CliError(`positive list ${path} line ${first.line}: ${first.message.en}${more}`);
}

/** Side-file errors: the first few by line or record number, then how many more. */
function describeErrors(what: string, path: string, errors: readonly { line: number; record: number; message: string }[]): string {
  const shown = errors.slice(0, 5).map((e) => (e.line === 0 && e.record === 0 ? e.message : `${whereOf(e)}: ${e.message}`));
  const more = errors.length > shown.length ? `\n  … and ${errors.length - shown.length} more` : '';
  return `${what} ${path}:\n  ${shown.join('\n  ')}${more}`;
}

async function loadFiling(io: CliIo, path: string | true | undefined): Promise<PriceFiling | undefined> {
  if (typeof path !== 'string') return undefined;
  const parsed = PriceFiling.parse(await readTextFile(io, path, 'price filing'), recordFormatOf(path));
  if (!parsed.ok) throw new CliError(describeErrors('price filing', path, parsed.error));
  return parsed.value;
}

async function loadRecords(io: CliIo, payments: string | true | undefined, logistics: string | true | undefined): Promise<ThreeRecords | undefined> {
  if (typeof payments !== 'string' && typeof logistics !== 'string') return undefined;
  const records = new ThreeRecords();
  for (const [kind, path] of [['payments', payments], ['logistics', logistics]] as const) {
    if (typeof path !== 'string') continue;
    const added = records.addFile(kind, await readTextFile(io, path, kind === 'payments' ? 'payment records' : 'logistics records'), recordFormatOf(path));
    const what = kind === 'payments' ? 'payment records' : 'logistics records';
    if (!added.ok) throw new CliError(`${what} ${path}: ${added.error}`);
    if (added.value.length > 0) throw new CliError(describeErrors(what, path, added.value));
  }
  return records;
}

async function inputSource(io: CliIo, file: string | undefined): Promise<AsyncIterable<Uint8Array> | Iterable<Uint8Array>> {
  if (file !== undefined && file !== '-') {
    try {
      const handle = await open(resolve(io.cwd, file), 'r');
      // The stream closes the handle when it ends or fails.
      return handle.createReadStream({ highWaterMark: 1 << 18 });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new CliError(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : (code ?? 'read error')}`);
    }
  }
  return stdinSource(io);
}

/**
 * Standard input as a stream where the io offers one (the process io does): CliIo.readStdin
 * buffers everything, which would make memory follow the input. In-memory test ios fall back to
 * readStdin.
 */
async function stdinSource(io: CliIo): Promise<AsyncIterable<Uint8Array> | Iterable<Uint8Array>> {
  if (io.stdinStream) return io.stdinStream();
  return [await io.readStdin()];
}

function describeSummary(s: ScreenSummary, source: string, seconds: number, reportPath: string | true | undefined): string {
  const d = s.decisions;
  const rate = seconds > 0 ? Math.round(s.orders / seconds) : 0;
  const lines = [
    `crosscheck screen: ${s.orders} orders from ${source} in ${seconds.toFixed(2)} s (${rate.toLocaleString('en-US')} orders/s): ` +
      `pass ${d.pass}, review ${d.review}, block ${d.block}, unreadable rows ${d.error}`,
  ];
  const top = RULE_IDS.filter((id) => s.reasons[id] > 0).toSorted((a, b) => s.reasons[b] - s.reasons[a]);
  if (top.length > 0) lines.push(`  reasons: ${top.map((id) => `${id} ${s.reasons[id]}`).join(', ')}`);
  const errors = Object.entries(s.errors);
  if (errors.length > 0) lines.push(`  unreadable: ${errors.map(([code, n]) => `${code} ${n}`).join(', ')} (see the "error" lines on stdout)`);
  if (typeof reportPath === 'string') lines.push(`  report: ${reportPath}`);
  return `${lines.join('\n')}\n`;
}
