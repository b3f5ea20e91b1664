// Lines of `crosscheck issue --batch`: readable claims JSON in, a payload or an error message out.
// Runs on the worker threads (file keys, a synchronous signer: issueChunkSync) and in the main
// thread (HSM keys, an asynchronous one: issueLine) alike: the same preparation and finishing
// around the signature.
import { prepareClaims, type CredentialType, type PartyCodes } from '../../shared/credential/claims/index.ts';
import { finishSeal, finishSealBytes, SealArena, SealError, type PreparedSeal, type SigningKey } from '../../shared/credential/index.ts';
import { signWith } from '../../shared/credential/codec/keys.ts';

export type IssuableType = Exclude<CredentialType, 'trust-bundle'>;

/** A line's outcome: the payload, an error message, or nothing (a blank line). */
export type LineResult = { payload: string } | { error: string } | { blank: true };

/** issuedAt defaults to now, as for a single `crosscheck issue`. */
export function withIssuedAt(input: unknown): unknown {
  if (input !== null && typeof input === 'object' && !Array.isArray(input) && !('issuedAt' in input)) {
    return { ...input, issuedAt: new Date().toISOString() };
  }
  return input;
}

/** What went wrong while sealing, as the line's error message. */
function sealFailure(e: unknown): LineResult {
  if (e instanceof SealError) return { error: `claims: ${e.message}` };
  return { error: `cannot sign: ${e instanceof Error ? e.message : String(e)}` };
}

/** A line up to its signature: the prepared credential, or the line's outcome already. */
function prepareLine(type: IssuableType, text: string, kid: Uint8Array, partyCodes: PartyCodes | undefined, arena?: SealArena): PreparedSeal | LineResult {
  if (text.trim() === '') return { blank: true };
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch {
    return { error: 'not valid JSON' };
  }
  try {
    const prepared = prepareClaims(type, withIssuedAt(input), kid, { ...(partyCodes && { partyCodes }), ...(arena && { arena }) });
    return prepared.ok ? prepared.value.prepared : { error: `claims: ${prepared.error.detail}` };
  } catch (e) {
    return sealFailure(e);
  }
}

const isPrepared = (p: PreparedSeal | LineResult): p is PreparedSeal => 'toBeSigned' in p;

/** A line signed by any signing key (an HSM's, one operation at a time). */
export async function issueLine(type: IssuableType, text: string, key: SigningKey, partyCodes: PartyCodes | undefined): Promise<LineResult> {
  const prepared = prepareLine(type, text, key.kid, partyCodes);
  if (!isPrepared(prepared)) return prepared;
  try {
    return { payload: finishSeal(prepared, await signWith(key, prepared.toBeSigned)) };
  } catch (e) {
    return sealFailure(e);
  }
}

/**
 * The lines of a chunk of NDJSON bytes (LF or CRLF), which ends at a line's end or at the end of
 * the input. Chunks are cut just after a newline byte, which is never inside a UTF-8 sequence,
 * so each decodes on its own exactly as the whole stream would; a byte-order mark at the very
 * start of the input is dropped by the reader (batch.ts), any other is kept, as a streaming
 * decoder does.
 */
export function linesOf(bytes: Uint8Array): string[] {
  const lines = utf8.decode(bytes).split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (let i = 0; i < lines.length; i++) if (lines[i]!.endsWith('\r')) lines[i] = lines[i]!.slice(0, -1);
  return lines;
}

const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/** A chunk's outcome: its output, counts, and the errors by line index. */
export interface ChunkResult {
  /** One output line per input line, each ending in \n: the payload, or nothing. ASCII. */
  output: Uint8Array<ArrayBuffer>;
  lines: number;
  issued: number;
  errors: [index: number, message: string][];
}

/** A chunk's output lines, appended as bytes. */
class OutputLines {
  bytes: Uint8Array<ArrayBuffer>;
  length = 0;

  constructor(size: number) {
    this.bytes = new Uint8Array(size);
  }

  /** `line` (or nothing) and a newline. */
  push(line?: Uint8Array): void {
    const n = (line?.length ?? 0) + 1;
    if (this.length + n > this.bytes.length) {
      const next = new Uint8Array(Math.max(2 * this.bytes.length, this.length + n));
      next.set(this.bytes.subarray(0, this.length));
      this.bytes = next;
    }
    if (line) this.bytes.set(line, this.length);
    this.bytes[this.length + n - 1] = 0x0a;
    this.length += n;
  }

  done(): Uint8Array<ArrayBuffer> {
    return this.bytes.subarray(0, this.length);
  }
}

/**
 * A chunk of NDJSON signed by a synchronous ES256 signer (r‖s; either half of s, finishSeal makes
 * it low): the worker threads' work. In three passes over the chunk: prepare every line, sign
 * them all, finish them all. Line by line, the JavaScript and OpenSSL's P-256 tables pushed each
 * other out of the processor's caches, and a line cost ~25 µs more (a third of its signature);
 * a pass keeps each hot. The Sig_structures share one arena; the payloads go straight into the
 * output as bytes (no string per payload, nothing per line to send back).
 */
export function issueChunkSync(
  type: IssuableType,
  chunk: Uint8Array,
  kid: Uint8Array,
  sign: (data: Uint8Array) => Uint8Array,
  partyCodes: PartyCodes | undefined,
): ChunkResult {
  const lines = linesOf(chunk);
  // A parcel's Sig_structure is about a third of its claims line, its payload about as long.
  const arena = new SealArena(Math.max(1024, chunk.length >> 1));
  const outcomes = lines.map((text) => prepareLine(type, text, kid, partyCodes, arena));
  const signatures = outcomes.map((outcome, i) => {
    if (!isPrepared(outcome)) return undefined;
    try {
      return sign(outcome.toBeSigned);
    } catch (e) {
      outcomes[i] = sealFailure(e);
      return undefined;
    }
  });
  const out = new OutputLines(chunk.length + 1024);
  const errors: [number, string][] = [];
  let issued = 0;
  outcomes.forEach((outcome, i) => {
    const signature = signatures[i];
    if (isPrepared(outcome) && signature) {
      try {
        out.push(finishSealBytes(outcome, signature));
        issued++;
        return;
      } catch (e) {
        outcome = sealFailure(e);
      }
    }
    out.push();
    if ('error' in outcome) errors.push([i, outcome.error]);
  });
  return { output: out.done(), lines: lines.length, issued, errors };
}

const ascii = new TextEncoder();

/** Collects line results (issueLine's) into a ChunkResult. */
export function chunkResult(results: LineResult[]): ChunkResult {
  const out = new OutputLines(1024);
  const errors: [number, string][] = [];
  let issued = 0;
  results.forEach((r, i) => {
    if ('payload' in r) {
      issued++;
      out.push(ascii.encode(r.payload));
    } else {
      out.push();
      if ('error' in r) errors.push([i, r.error]);
    }
  });
  return { output: out.done(), lines: results.length, issued, errors };
}
