// Streaming on the wire: the virtual printer emulating 115200 and 250000 baud through the real server. Lines/s against
// the one-line-in-flight ceiling (instant firmware), and the time the 16-move planner is starved (real-time motion).
import { Readable } from 'node:stream';
import type { ApiClient } from './lib/api-client.js';
import { bareHostRate } from './lib/bare-host.js';
import { BUNNY, commandsOf, densestSegment, firstCommands, wireBytes } from './lib/gcode-files.js';
import { PushClient } from './lib/push-client.js';
import { median } from './lib/results.js';
import type { Figure } from './lib/results.js';
import type { ServerPool } from './lib/server-pool.js';
import { benchConfig } from './lib/server-pool.js';
import { printAndWait } from './api-streaming-bench.js';

export interface WireBenchOptions {
  baudrates: number[];
  /** Commands of the bunny printed for the ceiling figure. */
  ceilingCommands: number;
  /** Commands in the planner window (the bunny's shortest moves). */
  plannerCommands: number;
  runs: number;
}

/** Answers at once, but every line and answer takes its transmission time at `baudrate`. */
export function wireInstantConfig(baudrate: number): string {
  return benchConfig({ instant: true, emulateBaudrate: true, baudrate });
}

/**
 * Real-time motion with a 16-move planner. The heaters are fast and M109/M190 end within 100 °C of the target, so that
 * a print's heating takes about a second instead of minutes (the heater model approaches its target exponentially).
 */
export function wirePlannerConfig(baudrate: number): string {
  return benchConfig({
    instant: false,
    emulateBaudrate: true,
    baudrate,
    plannerBufferSize: 16,
    hotendHeatingRate: 1000,
    bedHeatingRate: 1000,
    temperatureWindow: 100,
  });
}

async function uploadText(api: ApiClient, name: string, text: string): Promise<void> {
  const bytes = Buffer.from(text, 'latin1');
  const result = await api.upload(name, bytes.length, Readable.from([bytes]));
  if (result.status !== 201) throw new Error(`upload of ${name} answered ${result.status}: ${result.body}`);
}

/** Commands the connection sends before the first print (M110 N0 is line 0, then M115, M155 or M105): roughly. */
const HANDSHAKE_LINES = 3;

async function ceilingFigures(pool: ServerPool, baudrate: number, options: WireBenchOptions): Promise<Figure[]> {
  const { server, api } = await pool.get(wireInstantConfig(baudrate));
  const text = firstCommands(BUNNY, options.ceilingCommands);
  const commands = commandsOf(text);
  const name = `bench-wire-${commands.length}.gcode`;
  await uploadText(api, name, text);
  await api.connectVirtual();
  const push = await PushClient.open(server.baseUrl, await api.passiveLogin());
  let sentBefore = HANDSHAKE_LINES;
  const print = async () => {
    const run = await printAndWait(api, push, server.pid, name, commands.length, 600_000);
    const ceiling = commands.length / ((wireBytes(commands, sentBefore + 1) * 10) / baudrate);
    sentBefore += commands.length;
    return { rate: run.lines / run.seconds, ceiling };
  };
  try {
    await print(); // warm-up
    const runs = [];
    const bare: number[] = [];
    for (let run = 0; run < options.runs; run += 1) {
      runs.push(await print());
      bare.push(await bareHostRate(baudrate, commands));
    }
    await api.disconnect();
    const ceiling = runs.reduce((sum, r) => sum + r.ceiling, 0) / runs.length;
    const bareCeiling = commands.length / ((wireBytes(commands, 1) * 10) / baudrate);
    const bytesPerLine = (baudrate / 10 / ceiling).toFixed(1);
    const ofBare = (median(runs.map((r) => r.rate / r.ceiling)) / (median(bare) / bareCeiling)) * 100;
    return [
      {
        name: `wire ${baudrate} baud`,
        unit: 'lines/s',
        samples: runs.map((r) => r.rate),
        target: `≥ 97 % of ${Math.round(ceiling)}`,
        meets: (m) => m >= 0.97 * ceiling,
        limit: ceiling,
        note:
          `first ${commands.length} commands of bunny through the server, instant firmware; limit = one line in flight: ` +
          `${bytesPerLine} bytes a line (framed line + ok) at 10 bits a byte; ${ofBare.toFixed(1)} % of what the bare loop reaches`,
      },
      {
        name: `wire ${baudrate} baud, bare loop`,
        unit: 'lines/s',
        samples: bare,
        target: '–',
        meets: () => true,
        limit: bareCeiling,
        note: 'no server: this process sends the next line on each ok over the same emulated wire (what the emulation itself allows)',
      },
    ];
  } finally {
    await push.close();
  }
}

async function plannerFigure(pool: ServerPool, baudrate: number, options: WireBenchOptions): Promise<Figure> {
  const { server, api } = await pool.get(wirePlannerConfig(baudrate));
  const segment = densestSegment(BUNNY, options.plannerCommands);
  const name = `bench-planner-${options.plannerCommands}.gcode`;
  await uploadText(api, name, segment.text);
  await api.connectVirtual();
  const push = await PushClient.open(server.baseUrl, await api.passiveLogin());
  const timeoutMs = segment.motionMs * 3 + 60_000;
  const starved = async () => {
    const run = await printAndWait(api, push, server.pid, name, segment.commands, timeoutMs);
    return run.seconds - segment.motionMs / 1000;
  };
  try {
    const samples: number[] = [];
    for (let run = 0; run < options.runs; run += 1) samples.push(await starved());
    await api.disconnect();
    const motion = segment.motionMs / 1000;
    return {
      name: `wire ${baudrate} baud planner starved`,
      unit: 's',
      samples,
      target: '–',
      meets: () => true,
      note:
        `the ${options.plannerCommands} bunny moves with the least motion time (they need ${Math.round(segment.linesPerSecondNeeded)} lines/s), ` +
        `real-time motion, 16-move planner, then M400: print time minus their ${motion.toFixed(2)} s of motion in the virtual printer's model ` +
        '(includes the first line going out and the M400 answer coming back)',
    };
  } finally {
    await push.close();
  }
}

export async function benchWire(pool: ServerPool, options: WireBenchOptions): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const baudrate of options.baudrates) {
    figures.push(...(await ceilingFigures(pool, baudrate, options)));
    figures.push(await plannerFigure(pool, baudrate, options));
  }
  return figures;
}
