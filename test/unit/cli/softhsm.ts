// A throwaway SoftHSM2 token for tests: its own config file and token directory under the system
// temp dir (SOFTHSM2_CONF points there), initialised with softhsm2-util, removed by cleanup().
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SOFTHSM_MODULE = '/usr/lib/softhsm/libsofthsm2.so';

/** Why the HSM suites cannot run here, or undefined when they can. */
export const softHsmMissing: string | undefined = existsSync(SOFTHSM_MODULE)
  ? undefined
  : `SoftHSM2 is not installed (${SOFTHSM_MODULE} is absent): apt-get install softhsm2 to run the PKCS#11 tests`;

export interface TestToken {
  dir: string;
  conf: string;
  label: string;
  pin: string;
  /** Environment for the CLI and for this process (SOFTHSM2_CONF). */
  env: Record<string, string>;
  /** pkcs11:token=LABEL;object=OBJECT?module-path=…&pin-value=PIN, with overrides. */
  uri(object: string, extra?: { token?: string; pin?: string | null; query?: string }): string;
  /** Adds another token to the same token directory. */
  addToken(label: string, pin: string): void;
  cleanup(): Promise<void>;
}

export async function makeToken(label = 'crosscheck-test', pin = '123456'): Promise<TestToken> {
  const dir = await mkdtemp(join(tmpdir(), 'crosscheck-softhsm-'));
  const tokens = join(dir, 'tokens');
  await mkdir(tokens);
  const conf = join(dir, 'softhsm2.conf');
  await writeFile(conf, `directories.tokendir = ${tokens}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n`);
  const env = { SOFTHSM2_CONF: conf };
  const addToken = (tokenLabel: string, tokenPin: string) =>
    void execFileSync('softhsm2-util', ['--init-token', '--free', '--label', tokenLabel, '--pin', tokenPin, '--so-pin', `so-${tokenPin}`], {
      env: { ...process.env, ...env },
      stdio: 'pipe',
    });
  addToken(label, pin);
  return {
    dir,
    conf,
    label,
    pin,
    env,
    addToken,
    uri(object, extra = {}) {
      const token = encodeURIComponent(extra.token ?? label);
      const pinPart = extra.pin === null ? '' : `&pin-value=${encodeURIComponent(extra.pin ?? pin)}`;
      return `pkcs11:token=${token};object=${encodeURIComponent(object)}?module-path=${SOFTHSM_MODULE}${pinPart}${extra.query ?? ''}`;
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}
