// `npm start` smoke test: the real command in a child process, as a newcomer runs it. It builds
// what changed, serves the app and the demo store, prints where to go, and stops cleanly on Ctrl-C.
import { afterEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, connect } from 'node:net';
import { join } from 'node:path';
import { DEMO_DIR, ROOT } from './merchant-fixture.ts';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

interface Started {
  child: ChildProcess;
  output: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Children still running when a test ends (a failed assertion) are stopped, never left behind. */
const running = new Set<ChildProcess>();

afterEach(async () => {
  for (const child of running) {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  }
  running.clear();
});

/** Spawns `npm start` (test/harness/run.ts start) and resolves once it says it is ready. */
async function start(port: number): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test/harness/run.ts'), 'start'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), CROSSCHECK_DEMO_DIR: DEMO_DIR },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (out.includes('Press Ctrl-C to stop.')) {
        clearInterval(timer);
        resolve();
      }
    }, 100);
    void exit.then(({ code }) => {
      clearInterval(timer);
      reject(new Error(`npm start exited (${code}) before it was ready:\n${out}`));
    });
  });
  return { child, output: () => out, exit };
}

async function stop(started: Started): Promise<{ code: number | null; ms: number }> {
  const t0 = performance.now();
  started.child.kill('SIGINT');
  const { code } = await started.exit;
  return { code, ms: performance.now() - t0 };
}

describe('npm start (test/harness/run.ts start)', () => {
  let port = 0;

  it('builds, serves the app and the demo store, prints the URLs, and stops on Ctrl-C with exit 0', async () => {
    port = await freePort();
    const started = await start(port);
    const out = started.output();
    const app = `http://localhost:${port}`;
    expect(out).toContain(app);
    const store = /Demo store\s+(http:\/\/\S+?)\/?\s/.exec(out)?.[1];
    const lookalike = /Look-alike shop\s+(http:\/\/\S+?)\/?\s/.exec(out)?.[1];
    expect(store).toBeDefined();
    expect(lookalike).toBeDefined();
    expect(out).toMatch(/Load unpacked/);

    const get = async (url: string) => {
      const r = await fetch(url);
      return { status: r.status, type: r.headers.get('content-type') ?? '', text: await r.text() };
    };
    expect(await get(`${app}/`)).toMatchObject({ status: 200, type: expect.stringContaining('text/html') });
    expect(await get(`${app}/badge.js`)).toMatchObject({ status: 200, type: expect.stringContaining('javascript') });
    expect(await get(`${app}/trust/bundle.txt`)).toMatchObject({ status: 200, text: expect.stringMatching(/^CC1:/) });
    const product = await get(`${store}/products/serum`);
    expect(product.status).toBe(200);
    expect(product.text).toContain(`<script type="module" src="${app}/badge.js"></script>`);
    expect(product.text).toContain('<crosscheck-badge credential="CC1:');
    expect((await get(`${lookalike}/products/flash-sale`)).status).toBe(200);
    expect((await get(`${store}/labels/serum-yours.pdf`)).text.startsWith('%PDF-1.4')).toBe(true);

    const stopped = await stop(started);
    expect(stopped.code).toBe(0);
    expect(stopped.ms).toBeLessThan(5000);
    expect(started.output()).toContain('stopped (SIGINT)');
    for (const p of [port, Number(new URL(store!).port), Number(new URL(lookalike!).port)]) expect(await refused(p)).toBe(true);
  }, 180_000);

  // Same port: the extension is built with the app's bundle URL, so another port rebuilds it.
  it('a second start on the same port builds nothing, and SIGTERM stops it too', async () => {
    const started = await start(port);
    expect(started.output()).not.toMatch(/building/);
    expect(started.output().match(/up to date/g)).toHaveLength(3);
    started.child.kill('SIGTERM');
    expect((await started.exit).code).toBe(0);
  }, 120_000);
});
