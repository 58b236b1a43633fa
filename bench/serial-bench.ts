// The real serial path: PrinterDriver + SerialTransport in this process, over a pseudo-terminal to the fake Marlin
// process, at 250000 baud. Lines/s against the one-line-in-flight limit, alone and while a server answers API load.
// Driver level, the driver in this process; serial-server-bench.ts measures the same wire through `argonaut serve`.
import autocannon from 'autocannon';
import type { Result } from 'autocannon';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigStore } from '../src/config/index.js';
import { EventBus } from '../src/events/index.js';
import { PrinterDriver, settingsFromConfig } from '../src/printer/index.js';
import { frameLine } from '../src/printer/protocol/index.js';
import { SerialTransport } from '../src/printer/transport/index.js';
import { startFakeMarlin } from '../test/support/fake-marlin/index.js';
import type { FakeMarlinHandle } from '../test/support/fake-marlin/index.js';
import { BUNNY, firstCommands, commandsOf, wireBytes } from './lib/gcode-files.js';
import { median } from './lib/results.js';
import type { Figure } from './lib/results.js';
import type { ServerPool } from './lib/server-pool.js';
import { INSTANT_CONFIG } from './upload-bench.js';

export interface SerialBenchOptions {
  /** Commands of the bunny printed per run. */
  commands: number;
  runs: number;
  baudrate: number;
}

/** Lines the connection numbers before the first file line (M110 N0 is 0; M115, M155, a poll): roughly. */
const HANDSHAKE_LINES = 3;

interface Setup {
  firmware: FakeMarlinHandle;
  driver: PrinterDriver;
}

async function connect(baudrate: number, emulate: boolean): Promise<Setup> {
  const firmware = await startFakeMarlin({ baudrate: emulate ? baudrate : undefined });
  const config = ConfigStore.fromText('feature:\n  sdSupport: false\n');
  const driver = new PrinterDriver({
    transports: { listPorts: async () => [firmware.path], create: (port, rate) => new SerialTransport(port, rate) },
    events: new EventBus(),
    settings: () => settingsFromConfig(config),
  });
  if (!(await driver.connect({ port: firmware.path, baudrate }))) {
    await firmware.stop();
    throw new Error(`could not connect over the pty: ${driver.error}`);
  }
  await new Promise((resolve) => setTimeout(resolve, 300)); // the connect chatter (M115, M155) settles
  return { firmware, driver };
}

/** Prints the file once; lines per second from the first file line out to the last ok in. */
async function printOnce(setup: Setup, file: string, lines: number): Promise<number> {
  const ended = new Promise<string>((resolve) => setup.driver.print.onDidEnd((end) => resolve(end.kind)));
  const started = performance.now();
  await setup.driver.startFilePrint({ path: file });
  const kind = await ended;
  const seconds = (performance.now() - started) / 1000;
  if (kind !== 'done') throw new Error(`the print over the pty ended ${kind}: ${setup.driver.error}`);
  return lines / seconds;
}

/** No driver: this process sends the next framed line on each ok over the same pty and emulation (what they allow). */
async function bareRate(baudrate: number, commands: readonly string[]): Promise<number> {
  const firmware = await startFakeMarlin({ baudrate });
  const transport = new SerialTransport(firmware.path, baudrate);
  try {
    await transport.open();
    let next = -1;
    let started = 0;
    const done = new Promise<void>((resolve) => {
      transport.onLine((line) => {
        if (!line.startsWith('ok')) return;
        next += 1;
        if (next === 0) started = performance.now();
        if (next === commands.length) resolve();
        else transport.write(frameLine(commands[next] ?? '', next + 1));
      });
    });
    transport.write(frameLine('M110 N0', 0));
    await done;
    return commands.length / ((performance.now() - started) / 1000);
  } finally {
    await transport.close();
    await firmware.stop();
  }
}

async function close(setup: Setup): Promise<void> {
  await setup.driver.disconnect();
  await setup.firmware.stop();
}

/** Runs `work` while 5 clients poll /api/printer of a real server as fast as it answers; returns its result and their rate. */
async function underApiLoad<T>(pool: ServerPool, work: () => Promise<T>): Promise<{ value: T; requestsPerSecond: number }> {
  const { server, api } = await pool.get(INSTANT_CONFIG);
  let finished: (result: Result | undefined) => void = () => undefined;
  const loadResult = new Promise<Result | undefined>((resolve) => (finished = resolve));
  const load = autocannon(
    { url: `${server.baseUrl}/api/printer`, connections: 5, duration: 3600, headers: { 'X-Api-Key': api.apiKey } },
    (error, value) => finished(error ? undefined : value),
  );
  await new Promise((resolve) => setTimeout(resolve, 300));
  let value: T;
  try {
    value = await work();
  } finally {
    load.stop();
  }
  const result = await loadResult;
  return { value, requestsPerSecond: result && result.duration > 0 ? result.requests.total / result.duration : 0 };
}

export async function benchSerial(pool: ServerPool, options: SerialBenchOptions): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'serial-bench-'));
  const file = join(dir, 'bunny-part.gcode');
  const text = firstCommands(BUNNY, options.commands);
  writeFileSync(file, text);
  const commands = commandsOf(text);
  const limit = commands.length / ((wireBytes(commands, HANDSHAKE_LINES + 1) * 10) / options.baudrate);
  const bytesPerLine = (options.baudrate / 10 / limit).toFixed(1);
  try {
    const emulated = await connect(options.baudrate, true);
    const alone: number[] = [];
    const loaded: number[] = [];
    const requestRates: number[] = [];
    try {
      await printOnce(emulated, file, commands.length); // warm-up
      for (let run = 0; run < options.runs; run += 1) {
        alone.push(await printOnce(emulated, file, commands.length));
        const { value, requestsPerSecond } = await underApiLoad(pool, () => printOnce(emulated, file, commands.length));
        loaded.push(value);
        requestRates.push(requestsPerSecond);
      }
    } finally {
      await close(emulated);
    }
    const raw = await connect(options.baudrate, false);
    const bare: number[] = [];
    try {
      await printOnce(raw, file, commands.length);
      for (let run = 0; run < options.runs; run += 1) bare.push(await printOnce(raw, file, commands.length));
    } finally {
      await close(raw);
    }
    const bareLoop: number[] = [];
    for (let run = 0; run < options.runs; run += 1) bareLoop.push(await bareRate(options.baudrate, commands));
    const bareLimit = commands.length / ((wireBytes(commands, 1) * 10) / options.baudrate);
    const ofBare = (rate: number) => `${((rate / median(bareLoop)) * 100).toFixed(0)} % of the bare loop`;
    const polled = Math.round(requestRates.reduce((a, b) => a + b, 0) / Math.max(1, requestRates.length));
    const where = `${commands.length} commands of bunny, PrinterDriver + SerialTransport (serialport) in the bench process over a pty to the fake Marlin process`;
    return [
      {
        name: `serial pty ${options.baudrate} baud`,
        unit: 'lines/s',
        samples: alone,
        target: `≥ 97 % of ${Math.round(limit)}`,
        meets: (m) => m >= 0.97 * limit,
        limit,
        note:
          `${where}, which holds each byte for its time at ${options.baudrate} baud (with timers, so a little longer); limit = one line in flight: ` +
          `${bytesPerLine} bytes a line (framed line + ok) at 10 bits a byte; ${ofBare(median(alone))}`,
      },
      {
        name: `serial pty ${options.baudrate} baud, API load`,
        unit: 'lines/s',
        samples: loaded,
        target: `≥ 97 % of ${Math.round(limit)}`,
        meets: (m) => m >= 0.97 * limit,
        limit,
        note:
          `the same while 5 clients poll /api/printer of a server on this machine (${polled} requests/s); that server does not drive this port ` +
          `(the serial-server suite measures one that does); ${ofBare(median(loaded))}`,
      },
      {
        name: `serial pty ${options.baudrate} baud, bare loop`,
        unit: 'lines/s',
        samples: bareLoop,
        target: '–',
        meets: () => true,
        limit: bareLimit,
        note: 'no driver: this process sends the next line on each ok through SerialTransport over the same pty and emulation (what they allow)',
      },
      {
        name: 'serial pty, no baud emulation',
        unit: 'lines/s',
        samples: bare,
        target: '–',
        meets: () => true,
        note: `${where}, bytes as fast as the pty carries them: what the round trip through the kernel and two processes allows`,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
