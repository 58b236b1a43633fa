// The real server on the real serial path: `argonaut serve` (its driver process on serialport) over a pseudo-terminal to
// the fake Marlin process emulating 250000 baud, lines/s against the one-line-in-flight limit, alone and while 5 clients
// poll that server's /api/printer; and the instant virtual printer with the server and its driver process pinned to one
// core (taskset), alone and polled (issue 19, point 4).
import autocannon from 'autocannon';
import type { Result } from 'autocannon';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { parse, stringify } from 'yaml';
import { startFakeMarlin } from '../test/support/fake-marlin/index.js';
import { printAndWait } from './api-streaming-bench.js';
import type { PrintRun } from './api-streaming-bench.js';
import type { ApiClient } from './lib/api-client.js';
import { BUNNY, commandsOf, firstCommands, wireBytes } from './lib/gcode-files.js';
import { PushClient } from './lib/push-client.js';
import { median } from './lib/results.js';
import type { Figure } from './lib/results.js';
import type { ServerPool } from './lib/server-pool.js';
import { benchConfig } from './lib/server-pool.js';

export interface SerialServerBenchOptions {
  /** Commands of the bunny printed over the pty per run. */
  commands: number;
  /** The G-code file the pinned instant virtual printer streams. */
  file: string;
  runs: number;
  baudrate: number;
}

/** Commands the connection numbers before the first print (M110 N0 is line 0, then M115, M155 or M105): roughly. */
const HANDSHAKE_LINES = 3;

/** config.yaml for a server whose only real port is the fake Marlin's pty. */
function serialServerConfig(port: string): string {
  return stringify({
    feature: { sdSupport: false },
    plugins: { discovery: { enabled: false }, virtual_printer: { enabled: false } },
    serial: { additionalPorts: [port] },
  });
}

/**
 * The instant virtual printer, in a server of its own (the comment keeps it apart from the other suites' servers in the
 * pool); `apiNiceness` set: that many nice steps between the web server and the driver process instead of the default.
 */
function pinnedConfig(apiNiceness?: number): string {
  const config = parse(benchConfig({ instant: true })) as { server: Record<string, unknown> };
  if (apiNiceness !== undefined) config.server.apiNiceness = apiNiceness;
  return `# pinned to one core\n${stringify(config)}`;
}

async function uploadText(api: ApiClient, name: string, text: string): Promise<void> {
  const bytes = Buffer.from(text, 'latin1');
  const result = await api.upload(name, bytes.length, Readable.from([bytes]));
  if (result.status !== 201) throw new Error(`upload of ${name} answered ${result.status}: ${result.body}`);
}

/** A warm-up, then `runs` pairs of the same print: alone, then under the 5 polling clients; with their request rates. */
async function alonePolledPairs<T>(baseUrl: string, apiKey: string, runs: number, print: () => Promise<T>): Promise<{ alone: T[]; loaded: T[]; requestRates: number[] }> {
  await print(); // warm-up
  const alone: T[] = [];
  const loaded: T[] = [];
  const requestRates: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    alone.push(await print());
    const { value, requestsPerSecond } = await polled(baseUrl, apiKey, print);
    loaded.push(value);
    requestRates.push(requestsPerSecond);
  }
  return { alone, loaded, requestRates };
}

/** Runs `work` while 5 clients poll the server's /api/printer back to back; returns its result and the requests/s they got. */
async function polled<T>(baseUrl: string, apiKey: string, work: () => Promise<T>): Promise<{ value: T; requestsPerSecond: number }> {
  let finished: (result: Result | undefined) => void = () => undefined;
  const loadResult = new Promise<Result | undefined>((resolve) => (finished = resolve));
  const load = autocannon({ url: `${baseUrl}/api/printer`, connections: 5, duration: 3600, headers: { 'X-Api-Key': apiKey } }, (error, value) =>
    finished(error ? undefined : value),
  );
  await new Promise((resolve) => setTimeout(resolve, 300)); // the clients are polling before the print starts
  let value: T;
  try {
    value = await work();
  } finally {
    load.stop();
  }
  const result = await loadResult; // autocannon reports on its next one-second tick
  return { value, requestsPerSecond: result && result.duration > 0 ? result.requests.total / result.duration : 0 };
}

const average = (values: number[]) => Math.round(values.reduce((a, b) => a + b, 0) / Math.max(1, values.length));

async function serialFigures(pool: ServerPool, options: SerialServerBenchOptions): Promise<Figure[]> {
  const firmware = await startFakeMarlin({ baudrate: options.baudrate });
  try {
    const { server, api } = await pool.get(serialServerConfig(firmware.path));
    const text = firstCommands(BUNNY, options.commands);
    const commands = commandsOf(text);
    const name = `bench-serial-${commands.length}.gcode`;
    await uploadText(api, name, text);
    await api.json('POST', '/api/connection', { command: 'connect', port: firmware.path, baudrate: options.baudrate });
    await api.waitForState((state) => state === 'Operational', 30_000);
    await new Promise((resolve) => setTimeout(resolve, 300)); // the connect chatter (M115, M155) settles
    const push = await PushClient.open(server.baseUrl, await api.passiveLogin());
    let sentBefore = HANDSHAKE_LINES;
    const print = async () => {
      const run = await printAndWait(api, push, server.pid, name, commands.length, 600_000);
      const limit = commands.length / ((wireBytes(commands, sentBefore + 1) * 10) / options.baudrate);
      sentBefore += commands.length;
      return { rate: run.lines / run.seconds, limit };
    };
    try {
      const { alone, loaded, requestRates } = await alonePolledPairs(server.baseUrl, api.apiKey, options.runs, print);
      await api.disconnect();
      const limit = [...alone, ...loaded].reduce((sum, r) => sum + r.limit, 0) / (alone.length + loaded.length);
      const bytesPerLine = (options.baudrate / 10 / limit).toFixed(1);
      const where = `${commands.length} commands of bunny through \`argonaut serve\` (driver process, serialport) over a pty to the fake Marlin process emulating ${options.baudrate} baud`;
      return [
        {
          name: `serial server ${options.baudrate} baud`,
          unit: 'lines/s',
          samples: alone.map((r) => r.rate),
          target: `≥ 97 % of ${Math.round(limit)}`,
          meets: (m) => m >= 0.97 * limit,
          limit,
          note: `${where}, server's print time (PrintDone); limit = one line in flight: ${bytesPerLine} bytes a line (framed line + ok) at 10 bits a byte`,
        },
        {
          name: `serial server ${options.baudrate} baud, 5 clients polling`,
          unit: 'lines/s',
          samples: loaded.map((r) => r.rate),
          target: `≥ 97 % of ${Math.round(limit)}`,
          meets: (m) => m >= 0.97 * limit,
          limit,
          note: `the same while 5 connections poll GET /api/printer of that server back to back (${average(requestRates).toLocaleString('en-US')} req/s answered meanwhile)`,
        },
      ];
    } finally {
      await push.close();
    }
  } finally {
    await pool.release(serialServerConfig(firmware.path));
    await firmware.stop();
  }
}

/** The process's direct children (the driver process), from /proc. */
function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** The CPU list a process may run on, as taskset prints it (e.g. "0"). */
function affinity(pid: number): string {
  const result = spawnSync('taskset', ['-c', '-p', String(pid)], { encoding: 'utf8' });
  return result.status === 0 ? (result.stdout.split(':').pop()?.trim() ?? '?') : '?';
}

async function pinnedFigures(pool: ServerPool, options: SerialServerBenchOptions, apiNiceness?: number): Promise<Figure[]> {
  const config = pinnedConfig(apiNiceness);
  const { server, api } = await pool.get(config);
  // Every thread of the server onto core 0; the driver process, forked at the first connect, inherits it.
  const pinned = spawnSync('taskset', ['-a', '-c', '-p', '0', String(server.pid)], { encoding: 'utf8' });
  if (pinned.status !== 0) throw new Error(`taskset failed (${pinned.error?.message ?? pinned.stderr})`);
  try {
    const text = readFileSync(options.file, 'latin1');
    const lines = commandsOf(text).length;
    const name = 'bench-pinned.gcode';
    await uploadText(api, name, text);
    await api.connectVirtual();
    const drivers = childrenOf(server.pid);
    const where = `server ${affinity(server.pid)}, driver process ${drivers.map(affinity).join(', ') || 'not found'}`;
    const push = await PushClient.open(server.baseUrl, await api.passiveLogin());
    const print = () => printAndWait(api, push, server.pid, name, lines, 600_000);
    try {
      const { alone, loaded, requestRates } = await alonePolledPairs(server.baseUrl, api.apiKey, options.runs, print);
      await api.disconnect();
      const rate = (r: PrintRun) => r.lines / r.seconds;
      const fixture = options.file.split('/').pop();
      const drop = (r: PrintRun, i: number) => (1 - rate(loaded[i] ?? r) / rate(r)) * 100;
      if (apiNiceness !== undefined) {
        return [
          {
            name: `streaming slowdown under API load, one core, server.apiNiceness ${apiNiceness}`,
            unit: '%',
            samples: alone.map(drop),
            target: '–',
            meets: () => true,
            note: `as the row above with the web server ${apiNiceness} nice steps below the driver process instead of the default (alone ${Math.round(median(alone.map(rate)))}, polled ${Math.round(median(loaded.map(rate)))} lines/s, ${average(requestRates).toLocaleString('en-US')} req/s)`,
          },
        ];
      }
      return [
        {
          name: 'streaming, one core',
          unit: 'lines/s',
          samples: alone.map(rate),
          target: '–',
          meets: () => true,
          note: `${lines} commands of ${fixture} through the API to the instant virtual printer, \`taskset -c 0\` (CPUs allowed: ${where})`,
        },
        {
          name: 'streaming, one core, 5 clients polling',
          unit: 'lines/s',
          samples: loaded.map(rate),
          target: '–',
          meets: () => true,
          note: `the same while 5 connections (not pinned) poll GET /api/printer back to back (${average(requestRates).toLocaleString('en-US')} req/s answered meanwhile)`,
        },
        {
          name: 'streaming slowdown under API load, one core',
          unit: '%',
          samples: alone.map(drop),
          target: 'drop < 5 %',
          meets: (m) => m < 5,
          note: `per run: 1 − polled lines/s ÷ alone lines/s, server and driver process sharing core 0; median of the pairs (alone ${Math.round(median(alone.map(rate)))}, polled ${Math.round(median(loaded.map(rate)))} lines/s)`,
        },
      ];
    } finally {
      await push.close();
    }
  } finally {
    await pool.release(config);
  }
}

export async function benchSerialServer(pool: ServerPool, options: SerialServerBenchOptions): Promise<Figure[]> {
  return [...(await serialFigures(pool, options)), ...(await pinnedFigures(pool, options)), ...(await pinnedFigures(pool, options, 19))];
}
