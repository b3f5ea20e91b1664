// Real redis-server processes for tests and the benchmark: one server, or a three-node cluster, on
// free ports in a temporary directory, with the append-only file on so a restart keeps the data.
// Callers skip (with a message) when redis-server is not installed; CI installs it (.ci/run).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REDIS_SERVER = process.env.REDIS_SERVER ?? 'redis-server';
export const REDIS_CLI = process.env.REDIS_CLI ?? 'redis-cli';

/** Why Redis tests cannot run here, or undefined when they can. */
export function redisUnavailable(): string | undefined {
  const probe = spawnSync(REDIS_SERVER, ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) return `${REDIS_SERVER} is not installed (Debian package redis-server; .ci/run installs it)`;
  return undefined;
}

/** A free TCP port whose +10000 (the cluster bus) is also free. */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await listenOnce(0);
    if (port < 55_000 && (await listenOnce(port + 10_000).then(() => true, () => false))) return port;
  }
}

function listenOnce(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const got = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(got));
    });
  });
}

export class RedisServer {
  private child: ChildProcess | undefined;

  constructor(
    readonly port: number,
    readonly dir: string,
    private readonly extraArgs: string[] = [],
    /** 'always' for tests (a killed server loses nothing acknowledged); 'everysec' for the bench. */
    private readonly fsync: 'always' | 'everysec' = 'always',
  ) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, '--save', '', '--appendonly', 'yes', '--appendfsync', this.fsync, ...this.extraArgs];
    this.child = spawn(REDIS_SERVER, args, { stdio: ['ignore', 'ignore', 'inherit'] });
    await waitFor(() => this.cli(['ping']).stdout.trim() === 'PONG', `redis-server on port ${this.port}`);
  }

  /** Stops the server the way a restart or a crash would: SIGTERM (flushes the AOF) or SIGKILL. */
  async stop(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill(signal);
    await exited;
    this.child = undefined;
  }

  cli(args: string[]): { stdout: string; status: number | null } {
    const r = spawnSync(REDIS_CLI, ['-p', String(this.port), ...args], { encoding: 'utf8' });
    return { stdout: r.stdout ?? '', status: r.status };
  }
}

/** One server with its own temporary directory; `dispose` stops it and removes the directory. */
export async function startRedis(fsync: 'always' | 'everysec' = 'always'): Promise<RedisServer & { dispose(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'crosscheck-redis-'));
  const server = new RedisServer(await freePort(), dir, [], fsync);
  await server.start();
  return Object.assign(server, {
    async dispose() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  });
}

export interface RedisCluster {
  nodes: RedisServer[];
  /** A seed URL: any node; the client finds the others. */
  url: string;
  dispose(): Promise<void>;
}

/** Three masters, no replicas: `redis-cli --cluster create … --cluster-replicas 0 --cluster-yes`. */
export async function startRedisCluster(fsync: 'always' | 'everysec' = 'always'): Promise<RedisCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'crosscheck-redis-cluster-'));
  const nodes: RedisServer[] = [];
  try {
    for (let i = 0; i < 3; i++) {
      const nodeDir = join(dir, `node${i}`);
      mkdirSync(nodeDir);
      const node = new RedisServer(await freePort(), nodeDir, ['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf', '--cluster-node-timeout', '2000'], fsync);
      await node.start();
      nodes.push(node);
    }
    const create = spawnSync(REDIS_CLI, ['--cluster', 'create', ...nodes.map((n) => `127.0.0.1:${n.port}`), '--cluster-replicas', '0', '--cluster-yes'], {
      encoding: 'utf8',
    });
    if (create.status !== 0) throw new Error(`redis-cli --cluster create failed: ${create.stdout}${create.stderr}`);
    await waitFor(() => nodes.every((n) => /cluster_state:ok/.test(n.cli(['cluster', 'info']).stdout)), 'cluster_state:ok on every node');
  } catch (e) {
    for (const n of nodes) await n.stop();
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return {
    nodes,
    url: nodes[0]!.url,
    async dispose() {
      for (const n of nodes) await n.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitFor(check: () => boolean, what: string, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}
