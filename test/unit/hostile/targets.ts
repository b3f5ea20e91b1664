// Every public entry point that takes outside input, with what it documents as its failure: a
// result code from a known catalogue, or one typed error class. A target returns what it saw; it
// throws `Violation` when the entry point broke its contract (a code outside its catalogue, an
// internal error, a genuine verdict for hostile input, a CLI crash or stack trace). Any other
// exception escaping a target is an untyped error of the code under test.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { CLAIMS_ERROR_MESSAGES, decodeClaims, parseClaims, type CredentialType } from '../../../shared/credential/claims/index.ts';
import { encodeDeterministicCbor } from '../../../shared/credential/codec/cbor-strict.ts';
import { sealPayloadBytes } from '../../../shared/credential/codec/container.ts';
import { CONTAINER_MESSAGES, openCredential, parseScanned, SCAN_MESSAGES } from '../../../shared/credential/index.ts';
import { classifyTitle, lookupPositiveList, loadPositiveListCsv, NET_CONTENT_MESSAGES, parseNetContent, readNetContent, TAX_CLASS_IDS } from '../../../shared/catalog/index.ts';
import { runCliCaptured } from '../../harness/memory-io.ts';
import { RESIDENT_ID_MESSAGES, validateResidentId } from '../../../shared/identity/index.ts';
import { importLedger, LEDGER_ERRORS, parseLedgerExport, type ReceiptCheck } from '../../../shared/ledger/index.ts';
import { MoneyError, MONEY_ERROR_MESSAGES } from '../../../shared/money/index.ts';
import { createPolicy, policyAt, PolicyError, POLICY_ERROR_MESSAGES } from '../../../shared/policy/index.ts';
import { parseQuotaEntries, QUOTA_ERROR_MESSAGES, QuotaError } from '../../../shared/quota/index.ts';
import { checkOrder, resolveConfig, ROW_ERRORS, ScreenInputError, ScreenStream, type ScreenOutput } from '../../../shared/screen/index.ts';
import { compareChannels, parseOrder, TAX_ERROR_MESSAGES, TaxError, type Order } from '../../../shared/tax/index.ts';
import { loadTrustBundle, openTrustBundle, TRUST_ERROR_MESSAGES, type RootKey } from '../../../shared/trust/index.ts';
import { ledgerFiguresOf, REASONS, verifyCredential, verifyListing, verifyReceipt, type Verdict } from '../../../shared/verdict/index.ts';
import { compareGoods, GS1_ERROR_MESSAGES, parseProductCode } from '../../../shared/gs1/index.ts';
import { DEEP_ARRAYS, type HostileText } from './corpus.ts';
import { hostileJson } from './mutations.ts';
import { STORE, type HostileWorld } from './world.ts';

/** What one call gave back. */
export type Observation = { kind: 'typed-error'; code: string } | { kind: 'accepted' };

/** The entry point broke its contract. */
export class Violation extends Error {
  override name = 'Violation';
}

export interface Target {
  name: string;
  /** `text`: fed every hostile text. `value`: fed every hostile value, whole and in each field of `sample`. */
  feeds: 'text' | 'value';
  sample?: (w: HostileWorld) => unknown;
  /** False when the type admits only the sample's shape at the root (createPolicy takes an array of rows). */
  wholeValue?: false;
  run(input: unknown, w: HostileWorld): Promise<Observation>;
}

const accepted: Observation = { kind: 'accepted' };
const typed = (code: string): Observation => ({ kind: 'typed-error', code });
const textOf = (input: unknown) => (input as HostileText).text;
const bytesOf = (input: unknown) => (input as HostileText).bytes ?? new TextEncoder().encode((input as HostileText).text);

/** A result code must come from the entry point's own catalogue, with that catalogue's message. */
function known(catalogue: Record<string, unknown>, code: unknown, what: string): string {
  if (typeof code !== 'string' || !Object.hasOwn(catalogue, code)) throw new Violation(`${what}: code ${String(code)} is not in its catalogue`);
  return code;
}

/** A thrown error must be the entry point's documented class with a catalogued code. */
async function throwsOnly(classes: [new (...args: never[]) => Error, Record<string, unknown>][], call: () => unknown): Promise<Observation> {
  try {
    await call();
    return accepted;
  } catch (e) {
    for (const [type, catalogue] of classes) {
      if (e instanceof type) return typed(known(catalogue, (e as unknown as { code: unknown }).code, type.name));
    }
    throw e;
  }
}

function notGenuine(verdict: Verdict, what: string): Observation {
  if (verdict.status.startsWith('genuine')) throw new Violation(`${what}: hostile input earned status ${verdict.status}`);
  for (const r of verdict.reasons) {
    if (!Object.hasOwn(REASONS, r.code)) throw new Violation(`${what}: unknown reason ${r.code}`);
    if (r.code === 'credential.unreadable' && r.detail?.code === 'internal-error') throw new Violation(`${what}: the container failed internally`);
  }
  return typed(verdict.status);
}

function containerResult(result: { ok: true } | { ok: false; error: { code: string; message: unknown } }, what: string): Observation {
  if (result.ok) return accepted;
  const code = known(CONTAINER_MESSAGES, result.error.code, what);
  if (code === 'internal-error') throw new Violation(`${what}: internal error (an exception inside a stage)`);
  return typed(code);
}

/** The PWA's receipt check, against the world's bundle and clock. */
const receiptCheck = (w: HostileWorld): ReceiptCheck => async (payload) => {
  const r = await verifyReceipt(payload, { bundle: w.bundle, now: w.now });
  return r.ok ? { ok: true, figures: ledgerFiguresOf(r.claims) } : { ok: false, reason: { code: r.verdict.status, en: r.verdict.status, 'zh-CN': r.verdict.status } };
};

async function importLedgerTarget(text: string, w: HostileWorld): Promise<Observation> {
  const result = await importLedger(text, receiptCheck(w));
  if (!result.ok) return typed(known(LEDGER_ERRORS, result.error.code, 'importLedger'));
  // A receipt order's figures are the signed receipt's, never the file's.
  for (const order of result.value.contents.orders) {
    if (order.source !== 'receipt') continue;
    const check = await receiptCheck(w)(order.receipt!);
    if (!check.ok) throw new Violation(`importLedger kept order ${order.orderId} whose receipt does not verify`);
    if (order.dutiableValueFen !== check.figures.dutiableValueFen || order.taxFen !== check.figures.taxFen) {
      throw new Violation(`importLedger kept the file's figures for receipt order ${order.orderId}`);
    }
  }
  for (const r of result.value.rejected) known(LEDGER_ERRORS, r.error.code, 'importLedger rejected');
  return accepted;
}

function screenTarget(text: string, format: 'ndjson' | 'csv'): Observation {
  const outputs: ScreenOutput[] = [];
  const stream = new ScreenStream({ format, onOutput: (o) => outputs.push(o) });
  try {
    // Two pushes, split mid-text, as a network stream delivers it.
    const cut = Math.floor(text.length / 2);
    stream.push(text.slice(0, cut));
    stream.push(text.slice(cut));
    stream.end();
  } catch (e) {
    if (e instanceof ScreenInputError && e.code === 'csv-header-invalid') return typed(e.code);
    throw e;
  }
  for (const o of outputs) {
    if (o.decision === 'error') known(ROW_ERRORS, o.code, 'ScreenStream row');
    else if (!['pass', 'review', 'block'].includes(o.decision)) throw new Violation(`ScreenStream: decision ${String(o.decision)}`);
  }
  const errors = outputs.filter((o) => o.decision === 'error');
  return errors.length > 0 && errors.length === outputs.length ? typed((errors[0] as { code: string }).code) : accepted;
}

/** A call as the extension makes it: the order straight from a shop page, then compared. */
const TAX_THROWS: [new (...args: never[]) => Error, Record<string, unknown>][] = [
  [TaxError, TAX_ERROR_MESSAGES],
  [PolicyError, POLICY_ERROR_MESSAGES],
  [MoneyError, MONEY_ERROR_MESSAGES],
];

// ---------------------------------------------------------------------------------------------
// The CLI: exit 0 with well-formed output, or non-zero with exactly one stderr line.

export interface CliRun {
  args: (w: HostileWorld, hostileFile: string) => string[];
  /** Where the hostile input goes: standard input, or a file whose path the args name. */
  via: 'stdin' | 'file';
  /** Checks stdout of a successful run; throws Violation. */
  output: (out: string, w: HostileWorld) => Promise<void> | void;
}

const jsonOutput = (out: string) => {
  try {
    JSON.parse(out);
  } catch {
    throw new Violation(`stdout is not JSON: ${out.slice(0, 80)}`);
  }
};
const ndjsonOutput = (out: string) => {
  for (const line of out.split('\n').filter((l) => l.length > 0)) jsonOutput(line);
};
const verdictOutput = (out: string) => {
  jsonOutput(out);
  const verdict = JSON.parse(out) as Verdict;
  notGenuine(verdict, 'crosscheck verify');
};
const payloadOutput = (out: string) => {
  if (!/^CC1:[0-9A-Z $%*+\-./:]+\n$/.test(out)) throw new Violation(`stdout is not one payload line: ${out.slice(0, 80)}`);
};

let fileSerial = 0;

async function runCliTarget(name: string, run: CliRun, bytes: Uint8Array, w: HostileWorld): Promise<Observation> {
  // The hostile file sits alone in a folder of its own (the receipts case reads the whole folder).
  const folder = join(w.dir, `case-${++fileSerial}`);
  const hostileFile = join(folder, 'input.txt');
  if (run.via === 'file') {
    await mkdir(folder);
    await writeFile(hostileFile, bytes);
  }
  const args = run.args(w, hostileFile);
  try {
    return await judgeCli(name, args, run, await runCliCaptured(args, { stdin: run.via === 'stdin' ? bytes : new Uint8Array(), cwd: w.dir }), w);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

async function judgeCli(name: string, args: string[], run: CliRun, { code, out, err }: { code: number; out: string; err: string }, w: HostileWorld): Promise<Observation> {
  if (code === 0) {
    await run.output(out, w);
    return accepted;
  }
  if (code === 70) throw new Violation(`crosscheck ${name}: internal error: ${err.trim().slice(0, 300)}`);
  if (!err.endsWith('\n') || err.slice(0, -1).includes('\n')) throw new Violation(`crosscheck ${name}: stderr is not one line: ${JSON.stringify(err.slice(0, 300))}`);
  if (/\n\s+at |Error: /.test(err)) throw new Violation(`crosscheck ${name}: stack trace on stderr: ${err.slice(0, 300)}`);
  if (!err.startsWith(`crosscheck ${args[0]}: `)) throw new Violation(`crosscheck ${name}: stderr does not name the command: ${err.slice(0, 120)}`);
  if (out.length > 0 && !['screen'].includes(args[0]!)) throw new Violation(`crosscheck ${name}: wrote stdout and failed`);
  // A usage error means the case never reached the input: the table would test nothing.
  if (/unexpected argument|unknown option|--[a-z-]+ [A-Z.]+ is required|needs a value|expected a subcommand|expected a type/.test(err)) throw new Violation(`crosscheck ${name}: usage error: ${err.trim()}`);
  return typed(`exit ${code}`);
}

const SECRET = 'a1'.repeat(32);

export const CLI_RUNS: Record<string, CliRun & { feeds: 'text' | 'value'; sample?: (w: HostileWorld) => unknown }> = {
  'tax (stdin)': { feeds: 'text', via: 'stdin', args: () => ['tax', '-'], output: jsonOutput },
  'tax (order fields)': { feeds: 'value', via: 'stdin', sample: (w) => w.samples.taxOrder, args: () => ['tax', '-', '--compact'], output: jsonOutput },
  'verify (payload on stdin)': { feeds: 'text', via: 'stdin', args: () => ['verify', '--trust', 'bundle.txt', '--now', '2026-06-01T00:00:00Z', '-'], output: verdictOutput },
  'verify (bundle file)': { feeds: 'text', via: 'file', args: (_w, f) => ['verify', '--trust', f, '--roots', 'roots.json', 'parcel.txt'], output: verdictOutput },
  'verify (roots file)': { feeds: 'text', via: 'file', args: (_w, f) => ['verify', '--trust', 'bundle.txt', '--roots', f, 'parcel.txt'], output: verdictOutput },
  'verify (receipts folder file)': {
    feeds: 'text',
    via: 'file',
    // The receipts folder holds the hostile file only: it cannot bind the parcel.
    args: (_w, f) => ['verify', '--trust', 'bundle.txt', '--now', '2026-06-01T00:00:00Z', '--receipts', dirname(f), 'parcel.txt'],
    output: (out) => {
      jsonOutput(out);
      const status = (JSON.parse(out) as Verdict).status;
      if (status === 'genuine-yours') throw new Violation('a hostile receipts folder bound the parcel');
    },
  },
  'inspect (stdin)': { feeds: 'text', via: 'stdin', args: () => ['inspect', '-'], output: jsonOutput },
  'inspect (key file)': { feeds: 'text', via: 'file', args: (_w, f) => ['inspect', '--key', f, 'parcel.txt'], output: jsonOutput },
  'screen (NDJSON stdin)': { feeds: 'text', via: 'stdin', args: () => ['screen', '-'], output: ndjsonOutput },
  'screen (CSV stdin)': { feeds: 'text', via: 'stdin', args: () => ['screen', '--format', 'csv', '-'], output: ndjsonOutput },
  'screen (config file)': { feeds: 'text', via: 'file', args: (_w, f) => ['screen', '--config', f, '-'], output: ndjsonOutput },
  'screen (watch-list file)': { feeds: 'text', via: 'file', args: (_w, f) => ['screen', '--watchlist', f, '-'], output: ndjsonOutput },
  'screen (positive-list file)': { feeds: 'text', via: 'file', args: (_w, f) => ['screen', '--positive-list', f, '-'], output: ndjsonOutput },
  'screen (order fields, HTML report)': {
    feeds: 'value',
    via: 'stdin',
    sample: (w) => w.samples.screenOrder,
    args: () => ['screen', '--report', 'report.html', '-'],
    output: async (out, w) => {
      ndjsonOutput(out);
      const html = await readFile(join(w.dir, 'report.html'), 'utf8');
      if (/<script>alert|<img src=x/i.test(html)) throw new Violation('the HTML report carries markup from the input unescaped');
    },
  },
  'screen (config fields)': { feeds: 'value', via: 'file', sample: (w) => w.samples.screenConfig, args: (_w, f) => ['screen', '--config', f, '-'], output: ndjsonOutput },
  'issue receipt (stdin)': { feeds: 'text', via: 'stdin', args: () => ['issue', 'receipt', '--key', 'kjmall.json', '--in', '-'], output: payloadOutput },
  'issue receipt (claim fields)': { feeds: 'value', via: 'stdin', sample: (w) => w.readable.receipt, args: () => ['issue', 'receipt', '--key', 'kjmall.json', '--in', '-'], output: payloadOutput },
  'issue parcel --order-secret (stdin)': {
    feeds: 'text',
    via: 'stdin',
    args: () => ['issue', 'parcel', '--key', 'qhwh.json', '--order-secret', SECRET, '--in', '-'],
    output: payloadOutput,
  },
  'issue parcel --order-secret (claim fields)': {
    feeds: 'value',
    via: 'stdin',
    sample: (w) => {
      const { buyerCommitment: _derived, ...parcel } = w.readable.parcel;
      return parcel;
    },
    args: () => ['issue', 'parcel', '--key', 'qhwh.json', '--order-secret', SECRET, '--in', '-'],
    output: payloadOutput,
  },
  'issue (key file)': { feeds: 'text', via: 'file', args: (_w, f) => ['issue', 'listing', '--key', f, '--in', 'listing.json'], output: payloadOutput },
  'trust build (description file)': { feeds: 'text', via: 'file', args: (_w, f) => ['trust', 'build', '--root', 'root.json', '--in', f, '--out', 'built.txt'], output: jsonOutput },
  'trust build (description fields)': {
    feeds: 'value',
    via: 'file',
    sample: (w) => w.samples.trustDescription,
    args: (_w, f) => ['trust', 'build', '--root', 'root.json', '--in', f, '--out', 'built.txt'],
    output: jsonOutput,
  },
  'trust show (bundle file)': { feeds: 'text', via: 'file', args: (_w, f) => ['trust', 'show', '--roots', 'roots.json', f], output: jsonOutput },
};

function cliTarget(name: string): Target {
  const run = CLI_RUNS[name]!;
  return {
    name: `crosscheck ${name}`,
    feeds: run.feeds,
    ...(run.sample && { sample: run.sample }),
    run: (input, w) => runCliTarget(name, run, run.feeds === 'value' ? new TextEncoder().encode(hostileJson(input, DEEP_ARRAYS)) : bytesOf(input), w),
  };
}

// ---------------------------------------------------------------------------------------------
// The table.

const claimTypes: CredentialType[] = ['parcel', 'receipt', 'listing', 'brand-authorization', 'trust-bundle'];

export const TARGETS: Target[] = [
  // shared/credential
  { name: 'openCredential', feeds: 'text', run: async (i) => containerResult(await openCredential(textOf(i)), 'openCredential') },
  {
    name: 'parseScanned',
    feeds: 'text',
    run: async (i) => {
      const r = parseScanned(textOf(i));
      if (r.ok) {
        if (!r.value.payload.startsWith('CC1:')) throw new Violation('parseScanned: payload without the prefix');
        return accepted;
      }
      return typed(known(SCAN_MESSAGES, r.error.code, 'parseScanned'));
    },
  },
  ...claimTypes.map(
    (type): Target => ({
      name: `parseClaims ${type}`,
      feeds: 'value',
      sample: (w) => w.readable[type],
      run: async (input) => {
        const r = parseClaims(type, input);
        return r.ok ? accepted : typed(known(CLAIMS_ERROR_MESSAGES, r.error.code, 'parseClaims'));
      },
    }),
  ),
  ...claimTypes.map(
    (type): Target => ({
      name: `decodeClaims ${type}`,
      feeds: 'value',
      sample: (w) => w.cbor[type],
      run: async (input) => {
        const r = decodeClaims(input);
        return r.ok ? accepted : typed(known(CLAIMS_ERROR_MESSAGES, r.error.code, 'decodeClaims'));
      },
    }),
  ),
  // shared/verdict
  {
    name: 'verifyCredential',
    feeds: 'text',
    run: async (i, w) => notGenuine(await verifyCredential(textOf(i), { bundle: w.bundle, now: w.now, receipts: [w.payloads.receipt] }), 'verifyCredential'),
  },
  {
    name: 'verifyCredential (hostile receipts)',
    feeds: 'text',
    run: async (i, w) => {
      const verdict = await verifyCredential(w.payloads.parcel, { bundle: w.bundle, now: w.now, receipts: [textOf(i), textOf(i).slice(0, 5000)] });
      if (verdict.status !== 'genuine-unbound') throw new Violation(`a genuine parcel with hostile receipts is ${verdict.status}, not genuine-unbound`);
      return accepted;
    },
  },
  {
    name: 'verifyCredential (hostile label waybill)',
    feeds: 'text',
    run: async (i, w) => notGenuine(await verifyCredential(w.payloads.parcel, { bundle: w.bundle, now: w.now, labelWaybill: textOf(i) }), 'verifyCredential labelWaybill'),
  },
  {
    name: 'verifyReceipt',
    feeds: 'text',
    run: async (i, w) => {
      const r = await verifyReceipt(textOf(i), { bundle: w.bundle, now: w.now });
      if (r.ok) throw new Violation('verifyReceipt accepted hostile input');
      return notGenuine(r.verdict, 'verifyReceipt');
    },
  },
  { name: 'verifyListing', feeds: 'text', run: async (i, w) => notGenuine(await verifyListing(textOf(i), { bundle: w.bundle, now: w.now, origin: STORE }), 'verifyListing') },
  {
    name: 'verifyListing (hostile origin)',
    feeds: 'text',
    run: async (i, w) => notGenuine(await verifyListing(w.payloads.listing, { bundle: w.bundle, now: w.now, origin: textOf(i) }), 'verifyListing origin'),
  },
  ...(['parcel', 'receipt', 'listing'] as const).map(
    (type): Target => ({
      name: `verifyCredential (${type} claims signed by its trusted issuer)`,
      feeds: 'value',
      sample: (w) => w.cbor[type],
      run: async (input, w) => {
        // The hostile claims carry a valid signature by the issuer the bundle trusts: only what
        // the claims say can stop them. Claims that do not decode must never be genuine.
        let payload: Uint8Array;
        try {
          payload = encodeDeterministicCbor(input);
        } catch {
          return typed('unencodable (issuer side)');
        }
        const keyName = type === 'parcel' ? 'qhwh' : 'kjmall';
        const { text } = await sealPayloadBytes(payload, w.world.key(keyName));
        const verdict = await verifyCredential(text, { bundle: w.bundle, now: w.now, receipts: [w.payloads.receipt], origin: STORE });
        const decoded = decodeClaims(input);
        if (!decoded.ok) return notGenuine(verdict, `signed malformed ${type}`);
        return verdict.status.startsWith('genuine') ? accepted : typed(verdict.status);
      },
    }),
  ),
  // shared/trust
  {
    name: 'loadTrustBundle',
    feeds: 'text',
    run: async (i, w) => {
      const r = await loadTrustBundle(textOf(i), w.world.roots);
      return r.ok ? accepted : typed(known(TRUST_ERROR_MESSAGES, r.error.code, 'loadTrustBundle'));
    },
  },
  {
    name: 'openTrustBundle',
    feeds: 'text',
    run: async (i, w) => {
      const r = await openTrustBundle(textOf(i), w.world.roots);
      return r.ok ? accepted : typed(known(TRUST_ERROR_MESSAGES, r.error.code, 'openTrustBundle'));
    },
  },
  {
    name: 'loadTrustBundle (roots)',
    feeds: 'value',
    sample: (w) => w.samples.roots,
    run: async (input, w) => {
      const r = await loadTrustBundle(w.world.bundle, input as RootKey[]);
      return r.ok ? accepted : typed(known(TRUST_ERROR_MESSAGES, r.error.code, 'loadTrustBundle roots'));
    },
  },
  // shared/tax
  { name: 'parseOrder', feeds: 'value', sample: (w) => w.samples.taxOrder, run: (input) => throwsOnly([[TaxError, TAX_ERROR_MESSAGES]], () => parseOrder(input)) },
  { name: 'compareChannels', feeds: 'value', sample: (w) => w.samples.taxOrder, run: (input) => throwsOnly(TAX_THROWS, () => compareChannels(input as Order)) },
  // shared/quota
  { name: 'parseQuotaEntries', feeds: 'value', sample: (w) => w.samples.quotaLedger, run: (input) => throwsOnly([[QuotaError, QUOTA_ERROR_MESSAGES]], () => parseQuotaEntries(input)) },
  // shared/ledger
  {
    name: 'parseLedgerExport',
    feeds: 'text',
    run: async (i) => {
      const r = parseLedgerExport(textOf(i));
      return r.ok ? accepted : typed(known(LEDGER_ERRORS, r.error.code, 'parseLedgerExport'));
    },
  },
  { name: 'importLedger', feeds: 'text', run: (i, w) => importLedgerTarget(textOf(i), w) },
  { name: 'importLedger (document fields)', feeds: 'value', sample: (w) => w.samples.ledgerDocument, run: (input, w) => importLedgerTarget(hostileJson(input, DEEP_ARRAYS), w) },
  // shared/catalog
  {
    name: 'loadPositiveListCsv',
    feeds: 'text',
    run: async (i) => {
      const r = loadPositiveListCsv(textOf(i));
      if (r.ok) return accepted;
      if (r.error.length === 0 || r.error.length > 100) throw new Violation(`loadPositiveListCsv: ${r.error.length} errors (documented: 1 to 100)`);
      for (const e of r.error) {
        if (typeof e.message.en !== 'string' || typeof e.message['zh-CN'] !== 'string' || e.message.en.length > 400) throw new Violation(`loadPositiveListCsv: bad message for ${e.code}`);
      }
      return typed(r.error[0]!.code);
    },
  },
  {
    name: 'lookupPositiveList',
    feeds: 'text',
    run: async (i) => {
      const r = lookupPositiveList(textOf(i));
      return r.status === 'invalid-code' ? typed(r.code) : accepted;
    },
  },
  {
    name: 'classifyTitle',
    feeds: 'text',
    run: async (i) => {
      const r = classifyTitle(textOf(i));
      if (!(TAX_CLASS_IDS as readonly string[]).includes(r.taxClass)) throw new Violation(`classifyTitle: class ${r.taxClass}`);
      // Markup in a title is matched as text and never comes back in the evidence shown to users.
      if (r.evidence.some((e) => /[<>]/.test(e))) throw new Violation('classifyTitle: markup in the evidence');
      if (r.netContent && !(Number.isFinite(r.netContent.value) && r.netContent.value > 0)) throw new Violation('classifyTitle: net content not a positive number');
      return accepted;
    },
  },
  {
    name: 'parseNetContent',
    feeds: 'text',
    run: async (i) => {
      const text = textOf(i);
      const parsed = parseNetContent(text);
      const read = readNetContent(text);
      if (!read.ok) return typed(known(NET_CONTENT_MESSAGES, read.error.code, 'readNetContent'));
      if (!parsed || !(Number.isFinite(parsed.value) && parsed.value > 0) || /[<>]/.test(parsed.matched)) throw new Violation('parseNetContent: bad value');
      return accepted;
    },
  },
  // shared/gs1: the product's own barcode, then its comparison with a signed parcel's goods
  {
    name: 'parseProductCode + compareGoods',
    feeds: 'text',
    run: async (i) => {
      const r = parseProductCode(textOf(i), { now: new Date('2026-06-01T00:00:00Z') });
      if (!r.ok) return typed(known(GS1_ERROR_MESSAGES, r.error.code, 'parseProductCode'));
      const c = r.value;
      if (c.gtin !== undefined && !/^\d{14}$/.test(c.gtin)) throw new Violation(`parseProductCode: GTIN ${c.gtin}`);
      if (c.expiry && !/^\d{4}-\d{2}-\d{2}$/.test(c.expiry.date)) throw new Violation(`parseProductCode: expiry ${c.expiry.date}`);
      const goods = [{ gtin: '04006381333931', quantity: 1, batch: 'L2291A', expiry: '2028-06-30' }];
      const cmp = compareGoods(goods, c);
      if (!['match', 'mismatch', 'not-comparable'].includes(cmp.outcome) || !cmp.message.en || !cmp.message['zh-CN']) throw new Violation('compareGoods: no outcome');
      return accepted;
    },
  },
  // shared/identity
  {
    name: 'validateResidentId (text)',
    feeds: 'text',
    run: async (i) => {
      const r = validateResidentId(textOf(i));
      return r.ok ? accepted : typed(known(RESIDENT_ID_MESSAGES, r.error.code, 'validateResidentId'));
    },
  },
  {
    name: 'validateResidentId (value)',
    feeds: 'value',
    run: async (input) => {
      const r = validateResidentId(input);
      return r.ok ? accepted : typed(known(RESIDENT_ID_MESSAGES, r.error.code, 'validateResidentId'));
    },
  },
  // shared/screen
  {
    name: 'checkOrder',
    feeds: 'value',
    sample: (w) => w.samples.screenOrder,
    run: async (input) => {
      const r = checkOrder(input);
      if (r.ok) return accepted;
      if (r.error.code !== 'order-invalid' || typeof r.error.message !== 'string') throw new Violation(`checkOrder: ${String(r.error.code)}`);
      return typed(r.error.code);
    },
  },
  { name: 'ScreenStream (NDJSON)', feeds: 'text', run: async (i) => screenTarget(textOf(i), 'ndjson') },
  { name: 'ScreenStream (CSV)', feeds: 'text', run: async (i) => screenTarget(textOf(i), 'csv') },
  { name: 'ScreenStream (order fields)', feeds: 'value', sample: (w) => w.samples.screenOrder, run: async (input) => screenTarget(`${hostileJson(input, DEEP_ARRAYS)}\n`, 'ndjson') },
  {
    name: 'resolveConfig (screen)',
    feeds: 'value',
    sample: (w) => w.samples.screenConfig,
    run: async (input) => {
      const r = resolveConfig(input);
      if (r.ok) return accepted;
      if (r.error.code !== 'config-invalid' || typeof r.error.message !== 'string') throw new Violation(`resolveConfig: ${String(r.error.code)}`);
      return typed(r.error.code);
    },
  },
  // shared/policy
  {
    name: 'createPolicy',
    feeds: 'value',
    sample: (w) => [w.samples.policyRow],
    // Rows reach it as the trust bundle's `policy` array (schema-checked to be an array).
    wholeValue: false,
    run: (input) => throwsOnly([[PolicyError, POLICY_ERROR_MESSAGES]], () => createPolicy(input as unknown[])),
  },
  { name: 'policyAt (date)', feeds: 'text', run: (i) => throwsOnly([[PolicyError, POLICY_ERROR_MESSAGES]], () => policyAt(textOf(i)).quota()) },
  // the CLI
  ...Object.keys(CLI_RUNS).map(cliTarget),
];
