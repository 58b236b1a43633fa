// Real servers for the benchmarks, one per config.yaml, started on first use, shared by the suites and stopped at the end.
import { stringify } from 'yaml';
import { ApiClient } from './api-client.js';
import { createAdminKey, freshBasedir, removeBasedir, startBenchServer } from './server-process.js';
import { freePort } from '../../test/support/free-port.js';
import type { BenchServer } from './server-process.js';

export interface PooledServer {
  server: BenchServer;
  api: ApiClient;
}

/** config.yaml for a benchmark server: no discovery, uploads up to 2 GiB, the virtual printer with these options. */
export function benchConfig(virtualPrinter: Record<string, unknown>): string {
  return stringify({
    server: { uploads: { maxSize: 2 * 2 ** 30 } },
    plugins: { discovery: { enabled: false }, virtual_printer: { enabled: true, ...virtualPrinter } },
  });
}

export class ServerPool {
  private readonly servers = new Map<string, Promise<PooledServer>>();
  /** Servers started and not stopped yet, for killNow. */
  private readonly running = new Set<BenchServer>();

  /** The server running with this config.yaml text (started now if it is not running yet). */
  get(config: string): Promise<PooledServer> {
    let pooled = this.servers.get(config);
    if (!pooled) {
      pooled = this.start(config);
      this.servers.set(config, pooled);
    }
    return pooled;
  }

  /** Stops the server of this config (if any), e.g. when no later suite needs it. */
  async release(config: string): Promise<void> {
    const pooled = this.servers.get(config);
    if (!pooled) return;
    this.servers.delete(config);
    await this.stop(await pooled);
  }

  async close(): Promise<void> {
    const all = [...this.servers.values()];
    this.servers.clear();
    for (const settled of await Promise.allSettled(all)) {
      if (settled.status === 'fulfilled') await this.stop(settled.value);
    }
  }

  /** Synchronous last resort when the benchmark process exits early (Ctrl-C, a crash): kill the servers, drop their basedirs. */
  killNow(): void {
    for (const server of this.running) {
      server.child.kill('SIGKILL');
      removeBasedir(server.basedir);
    }
    this.running.clear();
  }

  private async start(config: string): Promise<PooledServer> {
    const basedir = freshBasedir(config);
    try {
      const apiKey = createAdminKey(basedir);
      if (!apiKey) throw new Error('could not create the benchmark admin and API key with `argonaut user`');
      const server = await startBenchServer(basedir, await freePort(), apiKey);
      this.running.add(server);
      return { server, api: new ApiClient(server.baseUrl, apiKey) };
    } catch (error) {
      removeBasedir(basedir);
      throw error;
    }
  }

  private async stop(pooled: PooledServer): Promise<void> {
    this.running.delete(pooled.server);
    await pooled.server.stop();
    removeBasedir(pooled.server.basedir);
  }
}
