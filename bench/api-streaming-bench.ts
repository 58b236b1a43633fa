// Streaming through the real server: upload a fixture, connect to the instant virtual printer, print it; lines/s and
// server CPU per line, alone, with 5 clients polling /api/printer as fast as they are answered, and with push clients.
import autocannon from 'autocannon';
import type { Result } from 'autocannon';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { ApiClient } from './lib/api-client.js';
import { commandsOf } from './lib/gcode-files.js';
import { cpuSeconds } from './lib/process-stats.js';
import { PushClient } from './lib/push-client.js';
import type { Figure } from './lib/results.js';
import type { ServerPool } from './lib/server-pool.js';
import { INSTANT_CONFIG } from './upload-bench.js';

export interface ApiStreamingBenchOptions {
  file: string;
  runs: number;
  /** Authenticated raw WebSocket clients connected during the third print of each run (issue 7: 100). */
  pushClients: number;
}

export interface PrintRun {
  lines: number;
  /** The server's own print time (PrintDone's `time`), seconds. */
  seconds: number;
  cpuSeconds: number;
  /** Seconds from the print request to PrintDone arriving on the push socket. */
  wallSeconds: number;
}

/** Uploads a file (if it is not there yet) and waits for its analysis, so that no analysis runs during a print. */
export async function ensureUploaded(api: ApiClient, file: string, name = `bench-${basename(file)}`): Promise<string> {
  const listing = await api.json<{ files: Array<{ name: string }> }>('GET', '/api/files/local');
  if (!listing.files.some((entry) => entry.name === name)) {
    const result = await api.upload(name, statSync(file).size, createReadStream(file));
    if (result.status !== 201) throw new Error(`upload of ${name} answered ${result.status}: ${result.body}`);
  }
  const deadline = Date.now() + 120_000;
  for (;;) {
    const entry = await api.json<{ gcodeAnalysis?: unknown }>('GET', `/api/files/local/${encodeURIComponent(name)}`);
    if (entry.gcodeAnalysis) return name;
    if (Date.now() > deadline) throw new Error(`no analysis of ${name} after 120 s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Prints a stored file and waits for PrintDone on the push socket; `lines` is the number of commands in the file. */
export async function printAndWait(api: ApiClient, push: PushClient, pid: number, name: string, lines: number, timeoutMs: number): Promise<PrintRun> {
  await api.waitForState((state) => state === 'Operational', 30_000);
  const cpuBefore = cpuSeconds(pid);
  const done = push.nextEvent(['PrintDone', 'PrintFailed'], timeoutMs);
  const started = performance.now();
  await api.print(name);
  const event = await done;
  const cpu = cpuSeconds(pid) - cpuBefore;
  if (event.type !== 'PrintDone') throw new Error(`the print of ${name} failed: ${JSON.stringify(event.payload)}`);
  return { lines, seconds: Number(event.payload.time), cpuSeconds: cpu, wallSeconds: (event.at - started) / 1000 };
}

export async function benchApiStreaming(pool: ServerPool, options: ApiStreamingBenchOptions): Promise<Figure[]> {
  const { server, api } = await pool.get(INSTANT_CONFIG);
  const lines = commandsOf(readFileSync(options.file, 'latin1')).length;
  const name = await ensureUploaded(api, options.file);
  await api.connectVirtual();
  const push = await PushClient.open(server.baseUrl, await api.passiveLogin());
  // At worst OctoPrint's speed (3,000 lines/s) on a machine ten times slower.
  const timeoutMs = Math.max(60_000, (lines / 300) * 1000);
  const print = () => printAndWait(api, push, server.pid, name, lines, timeoutMs);
  try {
    await print(); // warm-up (JIT, file cache)
    const alone: PrintRun[] = [];
    const loaded: PrintRun[] = [];
    const pushed: PrintRun[] = [];
    const loadRates: number[] = [];
    for (let run = 0; run < options.runs; run += 1) {
      alone.push(await print());
      let finished: (result: Result | undefined) => void = () => undefined;
      const loadResult = new Promise<Result | undefined>((resolve) => (finished = resolve));
      const load = autocannon(
        { url: `${server.baseUrl}/api/printer`, connections: 5, duration: 3600, headers: { 'X-Api-Key': api.apiKey } },
        (error, value) => finished(error ? undefined : value),
      );
      await new Promise((resolve) => setTimeout(resolve, 300)); // the clients are polling before the print starts
      try {
        loaded.push(await print());
      } finally {
        load.stop();
      }
      // autocannon reports on its next one-second tick.
      const result = await loadResult;
      if (result && result.duration > 0) loadRates.push(result.requests.total / result.duration);
      const listeners: PushClient[] = [];
      try {
        for (let i = 0; i < options.pushClients; i += 1) listeners.push(await PushClient.open(server.baseUrl, await api.passiveLogin()));
        await new Promise((resolve) => setTimeout(resolve, 1000)); // `connected` and `history` are out of the way
        pushed.push(await print());
      } finally {
        await Promise.all(listeners.map((listener) => listener.close()));
      }
    }
    const rate = (r: PrintRun) => r.lines / r.seconds;
    const perLine = (r: PrintRun) => (r.cpuSeconds * 1e6) / r.lines;
    const slowdownOf = (runs: PrintRun[]) => alone.map((r, i) => (1 - rate(runs[i] ?? r) / rate(r)) * 100);
    const fixture = basename(options.file);
    const polled = loadRates.length ? Math.round(loadRates.reduce((a, b) => a + b, 0) / loadRates.length) : 0;
    return [
      {
        name: 'streaming',
        unit: 'lines/s',
        samples: alone.map(rate),
        target: '≥ 15,000 lines/s',
        meets: (m) => m >= 15_000,
        note: `${lines} commands of ${fixture} through the API to the instant virtual printer, server's print time (PrintDone); OctoPrint ≈ 3,050 lines/s`,
      },
      {
        name: 'streaming CPU per line',
        unit: 'µs',
        samples: alone.map(perLine),
        target: '≤ 40 µs',
        meets: (m) => m <= 40,
        note: 'CPU time of the server and its driver process (host and simulated firmware) divided by the lines; OctoPrint ≈ 323 µs',
      },
      {
        name: 'streaming, 5 clients polling',
        unit: 'lines/s',
        samples: loaded.map(rate),
        target: '–',
        meets: () => true,
        note: `5 connections polling GET /api/printer back to back (${polled.toLocaleString('en-US')} req/s answered meanwhile)`,
      },
      {
        name: 'streaming slowdown under API load',
        unit: '%',
        samples: slowdownOf(loaded),
        target: '< 2 %',
        meets: (m) => m < 2,
        note: 'per run: 1 − loaded lines/s ÷ alone lines/s; OctoPrint ≈ 85 %',
      },
      {
        name: `streaming slowdown with ${options.pushClients} push clients`,
        unit: '%',
        samples: slowdownOf(pushed),
        target: '< 2 %',
        meets: (m) => m < 2,
        note: `per run: 1 − lines/s with ${options.pushClients} authenticated raw WebSocket clients receiving \`current\` ÷ alone lines/s`,
      },
      {
        name: `streaming CPU per line with ${options.pushClients} push clients`,
        unit: 'µs',
        samples: pushed.map(perLine),
        target: '–',
        meets: () => true,
        note: 'CPU time of the server and its driver process divided by the lines, the push work included (less sensitive to a busy machine than lines/s)',
      },
    ];
  } finally {
    await push.close();
  }
}
