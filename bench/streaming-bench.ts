// Streaming speed: the real driver prints bunny.gcode to the virtual printer in instant mode (same process, so the
// CPU figure includes the simulated firmware too). Run alone with `node --import tsx bench/streaming-bench.ts [--runs=3]`.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ConfigStore } from '../src/config/index.js';
import { EventBus } from '../src/events/index.js';
import { FileLineReader } from '../src/printer/driver/index.js';
import { PrinterDriver, settingsFromConfig } from '../src/printer/index.js';
import { VirtualPrinter } from '../src/printer/virtual/index.js';
import type { Figure } from './lib/results.js';

const BUNNY = fileURLToPath(new URL('../test/fixtures/gcode/bunny.gcode', import.meta.url));
/** The small fixture, for smoke runs. */
export const TORUS = fileURLToPath(new URL('../test/fixtures/gcode/torus.gcode', import.meta.url));

export interface StreamingBenchOptions {
  runs?: number;
  file?: string;
}

export interface Run {
  lines: number;
  linesPerSecond: number;
  cpuMicrosecondsPerLine: number;
}

export async function printOnce(file: string): Promise<Run> {
  let printer: VirtualPrinter | null = null;
  const config = ConfigStore.fromText('feature:\n  sdSupport: false\n');
  const driver = new PrinterDriver({
    transports: {
      listPorts: async () => ['VIRTUAL'],
      create: () => {
        printer = new VirtualPrinter({ instant: true, sdCard: false, recordLimit: 1 });
        return printer;
      },
    },
    events: new EventBus(),
    settings: () => settingsFromConfig(config),
  });
  if (!(await driver.connect({ port: 'VIRTUAL', baudrate: 250000 }))) throw new Error(`could not connect: ${driver.error}`);
  const virtual = printer as unknown as VirtualPrinter;
  await new Promise((resolve) => setTimeout(resolve, 200)); // let the connect chatter (M115, M155) settle
  const reader = await FileLineReader.open(file);
  const before = virtual.receivedCount;
  const ended = new Promise<string>((resolve) => driver.print.onDidEnd((end) => resolve(end.kind)));
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  driver.startPrint(reader);
  const kind = await ended;
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const lines = virtual.receivedCount - before;
  await driver.disconnect();
  if (kind !== 'done') throw new Error(`the print ended ${kind}`);
  return { lines, linesPerSecond: lines / seconds, cpuMicrosecondsPerLine: (cpu.user + cpu.system) / lines };
}

/** Figures for the bench table: lines per second and CPU time per line. */
export async function benchStreaming(options: StreamingBenchOptions = {}): Promise<Figure[]> {
  const { runs = 3, file = BUNNY } = options;
  await printOnce(file); // warm-up (JIT)
  const results: Run[] = [];
  for (let i = 0; i < runs; i++) results.push(await printOnce(file));
  const note = `${results[0]?.lines ?? 0} commands of ${file === BUNNY ? 'bunny' : 'torus'}.gcode, one line in flight, checksums on; OctoPrint ≈ 3,000 lines/s at ≈ 320 µs/line`;
  return [
    {
      name: 'G-code streaming',
      unit: 'lines/s',
      samples: results.map((r) => r.linesPerSecond),
      target: '≥ 15,000 lines/s',
      meets: (m) => m >= 15_000,
      note,
    },
    {
      name: 'G-code streaming CPU per line',
      unit: 'µs',
      samples: results.map((r) => r.cpuMicrosecondsPerLine),
      target: '≤ 40 µs',
      meets: (m) => m <= 40,
      note: 'process CPU time (host and simulated firmware) divided by the lines sent',
    },
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = (name: string): string | undefined => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const figures = await benchStreaming({ runs: Number(arg('runs') ?? 3), file: arg('file') ?? BUNNY });
  for (const figure of figures) {
    const sorted = [...figure.samples].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
    const samples = figure.samples.map((s) => s.toFixed(1)).join(', ');
    process.stdout.write(`${figure.name}: ${median.toFixed(1)} ${figure.unit} (runs: ${samples}; target ${figure.target}) ${figure.note ?? ''}\n`);
  }
}
