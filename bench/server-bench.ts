// Startup time, idle memory and API throughput of the real server process.
import autocannon from 'autocannon';
import { ApiClient } from './lib/api-client.js';
import { cpuSeconds, rssBytes } from './lib/process-stats.js';
import type { Figure } from './lib/results.js';
import { createAdminKey, freePort, freshBasedir, removeBasedir, startBenchServer } from './lib/server-process.js';

export interface ServerBenchOptions {
  runs: number;
  apiSeconds: number;
  idleWaitMs: number;
}

const CONFIG = 'plugins:\n  discovery:\n    enabled: false\n';

export async function benchServer(options: ServerBenchOptions): Promise<Figure[]> {
  const startup: number[] = [];
  const idle: number[] = [];
  const basedir = freshBasedir(CONFIG);
  const apiKey = createAdminKey(basedir);
  try {
    // Warm-up start (file system caches), not counted.
    await (await startBenchServer(basedir, await freePort(), apiKey)).stop();
    for (let run = 0; run < options.runs; run += 1) {
      const server = await startBenchServer(basedir, await freePort(), apiKey);
      startup.push(server.startupMs / 1000);
      await new Promise((resolve) => setTimeout(resolve, options.idleWaitMs));
      idle.push(rssBytes(server.pid) / 2 ** 20);
      await server.stop();
    }
    const figures: Figure[] = [
      { name: 'startup', unit: 's', samples: startup, target: '< 0.5 s', meets: (m) => m < 0.5, note: 'spawn to first /api/version answer' },
      { name: 'idle memory', unit: 'MB', samples: idle, target: '< 50 MB', meets: (m) => m < 50, note: `RSS ${options.idleWaitMs / 1000} s after start` },
    ];
    figures.push(...(await benchApi(basedir, apiKey, options)));
    return figures;
  } finally {
    removeBasedir(basedir);
  }
}

async function benchApi(basedir: string, apiKey: string | null, options: ServerBenchOptions): Promise<Figure[]> {
  const server = await startBenchServer(basedir, await freePort(), apiKey);
  const headers: Record<string, string> = apiKey ? { 'X-Api-Key': apiKey } : {};
  const note = apiKey ? 'authenticated, 10 connections' : 'NO API KEY (user commands missing): guest 403s, 10 connections';
  try {
    await autocannon({ url: `${server.baseUrl}/api/version`, connections: 10, duration: 1, headers });
    const figures: Figure[] = [];
    for (const path of ['/api/version', '/api/printer']) {
      // Clients poll /api/printer while a printer is connected (otherwise it is a short 409).
      if (path === '/api/printer' && apiKey) await new ApiClient(server.baseUrl, apiKey).connectVirtual();
      const rates: number[] = [];
      const p50: number[] = [];
      const p99: number[] = [];
      const cpuPerThousand: number[] = [];
      for (let run = 0; run < options.runs; run += 1) {
        const cpuBefore = cpuSeconds(server.pid);
        const result = await autocannon({ url: `${server.baseUrl}${path}`, connections: 10, duration: options.apiSeconds, headers });
        const cpu = cpuSeconds(server.pid) - cpuBefore;
        rates.push(result.requests.average);
        p50.push(result.latency.p50);
        p99.push(result.latency.p99);
        cpuPerThousand.push((cpu * 1000) / Math.max(1, result.requests.total / 1000));
      }
      figures.push(
        {
          name: `API ${path}`,
          unit: 'req/s',
          samples: rates,
          target: '≥ 10,000 req/s',
          meets: (m) => m >= 10_000,
          note: path === '/api/printer' ? `${note}, virtual printer connected` : note,
        },
        { name: `API ${path} p50`, unit: 'ms', samples: p50, target: '–', meets: () => true },
        { name: `API ${path} p99`, unit: 'ms', samples: p99, target: '< 5 ms', meets: (m) => m < 5 },
        { name: `API ${path} CPU`, unit: 'ms/1000 req', samples: cpuPerThousand, target: '–', meets: () => true, note: 'server CPU time per 1000 requests' },
      );
    }
    return figures;
  } finally {
    await server.stop();
  }
}
