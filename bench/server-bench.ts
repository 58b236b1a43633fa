// Startup time, idle memory and API throughput of the real server process, beside bare node:http servers.
import { createReadStream, statSync } from 'node:fs';
import autocannon from 'autocannon';
import { ApiClient } from './lib/api-client.js';
import { startBareServer } from './lib/bare-process.js';
import { cpuSeconds, rssBytes } from './lib/process-stats.js';
import type { Figure } from './lib/results.js';
import { TORUS } from './lib/gcode-files.js';
import { createAdminKey, freshBasedir, removeBasedir, startBenchServer } from './lib/server-process.js';
import { freePort } from '../test/support/free-port.js';
import type { BenchServer } from './lib/server-process.js';

export interface ServerBenchOptions {
  runs: number;
  apiSeconds: number;
  idleWaitMs: number;
}

const CONFIG = 'plugins:\n  discovery:\n    enabled: false\n  virtual_printer:\n    instant: true\n';
/** OctoPrint 1.11.8 on this kind of machine, from issue 19's side-by-side run. */
const OCTOPRINT = { startup: 1.25, idleMib: 89.8 };

/** RSS of a bare node:http server (the runtime's own share) `waitMs` after it started. */
async function bareIdleMib(waitMs: number): Promise<number> {
  const bare = await startBareServer('version', '{}');
  try {
    await fetch(bare.baseUrl);
    await new Promise((resolve) => setTimeout(resolve, waitMs));
    return rssBytes(bare.pid) / 2 ** 20;
  } finally {
    await bare.stop();
  }
}

/** RSS once the virtual printer is connected, and after a print of the torus (both after `waitMs` of quiet). */
async function printingMemory(server: BenchServer, waitMs: number): Promise<{ connected: number; printed: number }> {
  const api = new ApiClient(server.baseUrl, server.apiKey ?? '');
  await api.connectVirtual();
  await new Promise((resolve) => setTimeout(resolve, waitMs));
  const connected = rssBytes(server.pid) / 2 ** 20;
  const upload = await api.upload('torus.gcode', statSync(TORUS).size, createReadStream(TORUS));
  if (upload.status !== 201) throw new Error(`upload answered ${upload.status}`);
  await api.print('torus.gcode');
  await api.waitForState((state) => state === 'Printing', 30_000).catch(() => undefined);
  await api.waitForState((state) => state === 'Operational', 300_000);
  await new Promise((resolve) => setTimeout(resolve, waitMs));
  return { connected, printed: rssBytes(server.pid) / 2 ** 20 };
}

export async function benchServer(options: ServerBenchOptions): Promise<Figure[]> {
  const startup: number[] = [];
  const idle: number[] = [];
  const basedir = freshBasedir(CONFIG);
  const apiKey = createAdminKey(basedir);
  try {
    // Warm-up start (file system caches), not counted.
    await (await startBenchServer(basedir, await freePort(), apiKey)).stop();
    const bareIdle: number[] = [];
    const connected: number[] = [];
    const printed: number[] = [];
    for (let run = 0; run < options.runs; run += 1) {
      const server = await startBenchServer(basedir, await freePort(), apiKey);
      startup.push(server.startupMs / 1000);
      await new Promise((resolve) => setTimeout(resolve, options.idleWaitMs));
      idle.push(rssBytes(server.pid) / 2 ** 20);
      if (run === options.runs - 1 && apiKey) {
        const memory = await printingMemory(server, options.idleWaitMs);
        connected.push(memory.connected);
        printed.push(memory.printed);
      }
      await server.stop();
      bareIdle.push(await bareIdleMib(options.idleWaitMs));
    }
    const wait = `${options.idleWaitMs / 1000} s`;
    const figures: Figure[] = [
      {
        name: 'startup',
        unit: 's',
        samples: startup,
        target: '≤ 0.125 s',
        meets: (m) => m <= 0.125,
        note: `spawn of \`node bin/argonaut.js serve\` to the first /api/version answer; OctoPrint 1.11.8 ${OCTOPRINT.startup} s`,
      },
      {
        name: 'idle memory',
        unit: 'MiB',
        samples: idle,
        target: '≤ 45 MiB',
        meets: (m) => m <= 45,
        note: `RSS ${wait} after start, virtual printer not connected; OctoPrint 1.11.8 ${OCTOPRINT.idleMib} MiB`,
      },
      {
        name: 'idle memory, bare node:http',
        unit: 'MiB',
        samples: bareIdle,
        target: '–',
        meets: () => true,
        note: `RSS of a plain node:http server ${wait} after its first answer: what the runtime alone holds`,
      },
    ];
    if (connected.length > 0) {
      figures.push(
        { name: 'memory, virtual printer connected', unit: 'MiB', samples: connected, target: '–', meets: () => true, note: `RSS ${wait} after connecting (the driver's thread started)` },
        { name: 'memory after a print', unit: 'MiB', samples: printed, target: '–', meets: () => true, note: `RSS ${wait} after printing the torus (upload, analysis, instant virtual printer)` },
      );
    }
    figures.push(...(await benchApi(basedir, apiKey, options)));
    return figures;
  } finally {
    removeBasedir(basedir);
  }
}

interface ApiRun {
  rate: number;
  p50: number;
  p99: number;
  cpuPerThousand: number;
}

async function loadTest(url: string, pid: number, seconds: number, headers: Record<string, string>): Promise<ApiRun> {
  const cpuBefore = cpuSeconds(pid);
  const result = await autocannon({ url, connections: 10, duration: seconds, headers });
  const cpu = cpuSeconds(pid) - cpuBefore;
  return { rate: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, cpuPerThousand: (cpu * 1000) / Math.max(1, result.requests.total / 1000) };
}

async function benchApi(basedir: string, apiKey: string | null, options: ServerBenchOptions): Promise<Figure[]> {
  const server = await startBenchServer(basedir, await freePort(), apiKey);
  const headers: Record<string, string> = apiKey ? { 'X-Api-Key': apiKey } : {};
  const note = apiKey ? 'authenticated, 10 connections' : 'NO API KEY (user commands missing): guest 403s, 10 connections';
  // The baseline: a bare node:http server answering every request with the same body /api/version gives.
  const versionBody = await (await fetch(`${server.baseUrl}/api/version`, { headers })).text();
  const bare = await startBareServer('version', versionBody);
  try {
    await autocannon({ url: `${server.baseUrl}/api/version`, connections: 10, duration: 1, headers });
    await autocannon({ url: `${bare.baseUrl}/api/version`, connections: 10, duration: 1 });
    const figures: Figure[] = [];
    for (const path of ['/api/version', '/api/printer']) {
      // Clients poll /api/printer while a printer is connected (otherwise it is a short 409).
      if (path === '/api/printer' && apiKey) await new ApiClient(server.baseUrl, apiKey).connectVirtual();
      const runs: ApiRun[] = [];
      const bareRuns: ApiRun[] = [];
      for (let run = 0; run < options.runs; run += 1) {
        runs.push(await loadTest(`${server.baseUrl}${path}`, server.pid, options.apiSeconds, headers));
        // In turn with the server's run, so that both see the same machine.
        if (path === '/api/version') bareRuns.push(await loadTest(`${bare.baseUrl}${path}`, bare.pid, options.apiSeconds, {}));
      }
      figures.push({
        name: `API ${path}`,
        unit: 'req/s',
        samples: runs.map((r) => r.rate),
        target: '–',
        meets: () => true,
        note: path === '/api/printer' ? `${note}, virtual printer connected` : `${note}; OctoPrint 1.11.8 985 req/s`,
      });
      if (path === '/api/version') {
        figures.push(
          {
            name: 'API /api/version, bare node:http',
            unit: 'req/s',
            samples: bareRuns.map((r) => r.rate),
            target: '–',
            meets: () => true,
            note: `a plain node:http server sending the same body (bench/lib/bare-servers.mjs), run in turn with the one above; its p99 ${bareRuns.map((r) => r.p99).join(', ')} ms`,
          },
          {
            name: 'API /api/version of bare',
            unit: '%',
            samples: runs.map((r, i) => (r.rate / (bareRuns[i]?.rate ?? NaN)) * 100),
            target: '≥ 85 %',
            meets: (m) => m >= 85,
            note: 'each run divided by the bare run right after it',
          },
        );
      }
      figures.push(
        { name: `API ${path} p50`, unit: 'ms', samples: runs.map((r) => r.p50), target: '–', meets: () => true },
        { name: `API ${path} p99`, unit: 'ms', samples: runs.map((r) => r.p99), target: '< 5 ms', meets: (m) => m < 5 },
        { name: `API ${path} CPU`, unit: 'ms/1000 req', samples: runs.map((r) => r.cpuPerThousand), target: '–', meets: () => true, note: 'server CPU time per 1000 requests' },
      );
    }
    return figures;
  } finally {
    await bare.stop();
    await server.stop();
  }
}
