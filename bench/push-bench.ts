// Push socket under load: 1, 10 and 100 raw WebSocket clients during a print (virtual printer with motion timing at
// ten times real speed, so that every 500 ms brings news, over an emulated 250000 baud wire): messages/s each, server CPU.
import type { ApiClient } from './lib/api-client.js';
import { BUNNY } from './lib/gcode-files.js';
import { cpuSeconds } from './lib/process-stats.js';
import { PushClient } from './lib/push-client.js';
import type { Figure } from './lib/results.js';
import type { ServerPool } from './lib/server-pool.js';
import { benchConfig } from './lib/server-pool.js';
import { ensureUploaded } from './api-streaming-bench.js';

export interface PushBenchOptions {
  clients: number[];
  /** Seconds per measured window. */
  windowSeconds: number;
  runs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Moves and heating ten times faster than real time: a real-time print has quiet stretches (long moves while the
 * planner is full) in which no `current` goes out, as in OctoPrint; at ten times the news never stops.
 */
export const PUSH_CONFIG = benchConfig({ instant: false, timeScale: 10, emulateBaudrate: true, baudrate: 250000 });

/** The bunny's start G-code (homing, heating) ends before this byte (its skirt starts at 695); past it, lines stream all the time. */
const START_GCODE_BYTES = 800;

async function waitForProgress(api: ApiClient, bytes: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (((await api.job()).filepos ?? 0) < bytes) {
    if (Date.now() > deadline) throw new Error(`the print did not reach byte ${bytes} within ${timeoutMs} ms`);
    await sleep(200);
  }
}

interface Window {
  /** `current` messages per second, averaged over the clients, and the slowest client's. */
  currentPerClient: number;
  slowestClient: number;
  /** Every message (current, event, plugin, ...) per second and client. */
  allPerClient: number;
  cpuPercent: number;
}

async function measure(pid: number, clients: readonly PushClient[], seconds: number): Promise<Window> {
  const count = (client: PushClient) => [...client.counts.values()].reduce((a, b) => a + b, 0);
  const currentBefore = clients.map((c) => c.count('current'));
  const allBefore = clients.map(count);
  const cpuBefore = cpuSeconds(pid);
  const started = performance.now();
  await sleep(seconds * 1000);
  const elapsed = (performance.now() - started) / 1000;
  const cpu = cpuSeconds(pid) - cpuBefore;
  const current = clients.map((c, i) => (c.count('current') - (currentBefore[i] ?? 0)) / elapsed);
  const all = clients.map((c, i) => (count(c) - (allBefore[i] ?? 0)) / elapsed);
  const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0);
  return { currentPerClient: mean(current), slowestClient: current.length ? Math.min(...current) : 0, allPerClient: mean(all), cpuPercent: (cpu / elapsed) * 100 };
}

export async function benchPush(pool: ServerPool, options: PushBenchOptions): Promise<Figure[]> {
  const { server, api } = await pool.get(PUSH_CONFIG);
  const name = await ensureUploaded(api, BUNNY);
  await api.connectVirtual();
  await api.waitForState((state) => state === 'Operational', 30_000);
  await api.print(name);
  await api.waitForState((state) => state === 'Printing', 30_000);
  await waitForProgress(api, START_GCODE_BYTES, 60_000);
  const figures: Figure[] = [];
  try {
    // The print's own load changes as it goes (the bunny's later layers are many short moves), so each count of
    // clients is compared with windows with no socket open just before and just after it.
    const idle = async () => (await measure(server.pid, [], options.windowSeconds)).cpuPercent;
    const measured: Array<{ count: number; windows: Window[]; slowest: number; all: number; baseline: number }> = [];
    for (const count of options.clients) {
      const before = await idle();
      const clients: PushClient[] = [];
      const windows: Window[] = [];
      try {
        for (let i = 0; i < count; i += 1) clients.push(await PushClient.open(server.baseUrl, await api.passiveLogin()));
        await sleep(1500); // `connected`, `history` and the first `current` are out of the way
        for (let run = 0; run < options.runs; run += 1) windows.push(await measure(server.pid, clients, options.windowSeconds));
      } finally {
        await Promise.all(clients.map((client) => client.close()));
      }
      await sleep(500);
      const after = await idle();
      const slowest = Math.min(...windows.map((w) => w.slowestClient));
      const all = windows.reduce((sum, w) => sum + w.allPerClient, 0) / windows.length;
      measured.push({ count, windows, slowest, all, baseline: (before + after) / 2 });
    }
    for (const { count, windows, slowest, all, baseline } of measured) {
      const plural = count === 1 ? '' : 's';
      figures.push(
        {
          name: `push ${count} client${plural}`,
          unit: 'msg/s each',
          samples: windows.map((w) => w.currentPerClient),
          target: '2 Hz each',
          meets: (m) => m >= 1.9 && m <= 2.1 && slowest >= 1.8,
          note: `\`current\` messages per client during the print; slowest client ${slowest.toFixed(2)}/s; all messages ${all.toFixed(2)}/s`,
        },
        {
          name: `push ${count} client${plural} server CPU`,
          unit: '% of a core',
          samples: windows.map((w) => w.cpuPercent),
          target: count >= 100 ? '< 5 %' : '–',
          meets: (m) => count < 100 || m < 5,
          note: `the whole server process, printing at ten times real speed; OctoPrint: 97 % at 50 clients while streaming`,
        },
      );
      // With 1 or 10 clients the sockets' share is within the print's own variation from one window to the next.
      if (count >= 100) {
        figures.push({
          name: `push ${count} client${plural}, the sockets' share`,
          unit: '% of a core',
          samples: windows.map((w) => w.cpuPercent - baseline),
          target: '–',
          meets: () => true,
          note: `server CPU minus ${baseline.toFixed(1)} % measured with no socket open just before and after (the print alone)`,
        });
      }
    }
  } finally {
    await api.cancel().catch(() => undefined);
    await api.waitForState((state) => state === 'Operational', 30_000).catch(() => undefined);
    await api.disconnect().catch(() => undefined);
  }
  return figures;
}
