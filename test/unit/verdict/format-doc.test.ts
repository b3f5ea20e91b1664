// FORMAT.md is the specification an independent verifier is written from: it must name every
// status, reason code and CBOR field this code uses. A code added without documenting it fails here.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BODY_CODECS, CREDENTIAL_TYPES } from '../../../shared/credential/claims/index.ts';
import { REASON_CODES, STATUS_MESSAGES } from '../../../shared/verdict/index.ts';
import { TRUST_ERROR_MESSAGES } from '../../../shared/trust/index.ts';
import { buildDemoWorld } from '../../harness/demo/world.ts';
import { toVerifyUrl } from '../../../shared/credential/index.ts';
import { qrVersion } from '../../../cli/qr-image.ts';

const spec = readFileSync(fileURLToPath(new URL('../../../shared/credential/FORMAT.md', import.meta.url)), 'utf8');

describe('FORMAT.md', () => {
  it.each(REASON_CODES.map((c) => [c]))('documents reason %s', (code) => {
    expect(spec).toContain(`| \`${code}\` |`);
  });

  it.each(Object.keys(STATUS_MESSAGES).map((s) => [s]))('documents status %s', (status) => {
    expect(spec).toContain(`| \`${status}\` |`);
  });

  it.each(Object.keys(TRUST_ERROR_MESSAGES).map((c) => [c]))('documents bundle error %s', (code) => {
    expect(spec).toContain(`\`${code}\``);
  });

  it.each(CREDENTIAL_TYPES.map((t) => [t]))('documents every top-level %s field with its key (maps) or position (tuples)', (type) => {
    const body = BODY_CODECS[type];
    const fields: [string, number][] = 'map' in body ? Object.entries(body.map).map(([name, [key]]) => [name, key]) : body.tuple.map(([name], i) => [name, i]);
    for (const [name, key] of fields) expect(spec, `${type}.${name}`).toMatch(new RegExp(`\\| ${key} \\| \`${name}\` \\|`));
  });

  it('keeps the demo parcels within the QR versions it states (level M: bare ≤ 11, URL form ≤ 12)', async () => {
    const world = await buildDemoWorld();
    const texts = world.index.credentials
      .filter((c) => c.type === 'parcel' && c.expect !== 'invalid')
      .map((c) => world.files.find((f) => f.path === c.file)!.content.trim());
    expect(Math.max(...texts.map((t) => qrVersion(t)))).toBeLessThanOrEqual(11);
    expect(Math.max(...texts.map((t) => qrVersion(toVerifyUrl(t, world.index.verifyBase))))).toBeLessThanOrEqual(12);
  });
});
