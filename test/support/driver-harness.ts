// Harness for driver tests: a driver over the scripted firmware with a manual clock, a print source over an array, helpers.
import assert from 'node:assert/strict';
import { ConfigStore } from '../../src/config/index.js';
import { EventBus } from '../../src/events/index.js';
import type { EventName } from '../../src/events/index.js';
import { ManualScheduler } from './manual-scheduler.js';
import { ScriptedFirmware } from './scripted-firmware.js';
import type { ScriptedFirmwareOptions } from './scripted-firmware.js';
import { PrinterDriver, settingsFromConfig } from '../../src/printer/driver/index.js';
import type { PrintSource, PrinterStateId } from '../../src/printer/driver/index.js';

export const CONFIG = `
serial:
  timeout:
    communication: 2
    communicationBusy: 1
    connection: 5
    temperature: 5
  maxCommunicationTimeouts:
    printing: 3
    idle: 2
feature:
  sdSupport: false
scripts:
  gcode:
    beforePrintStarted: "M117 starting"
    afterPrintDone: "M117 done"
    afterPrintCancelled: "M117 cancelled ; comment\\nM84"
    beforePrintPaused: "M117 paused"
    beforePrintResumed: "M117 resumed"
    afterPrinterConnected: "M117 hello"
`;

/** A print source over an array of lines, handing them out in chunks (an async fill between chunks). */
export class ArrayPrintSource implements PrintSource {
  private index = 0;
  private available = 0;
  closed = false;
  constructor(
    private readonly lines: string[],
    private readonly chunk = 1000,
  ) {}
  nextLine(): string | null {
    if (this.index >= this.available) return null;
    return this.lines[this.index++] ?? null;
  }
  get exhausted(): boolean {
    return this.index >= this.lines.length;
  }
  async fill(): Promise<void> {
    this.available = Math.min(this.lines.length, this.available + this.chunk);
  }
  close(): void {
    this.closed = true;
  }
}

export function setup(firmwareOptions: ScriptedFirmwareOptions = {}, config = CONFIG) {
  const scheduler = new ManualScheduler();
  const events = new EventBus();
  const firmware = new ScriptedFirmware(firmwareOptions);
  const store = ConfigStore.fromText(config);
  const driver = new PrinterDriver({
    transports: { listPorts: async () => ['SCRIPTED'], create: () => firmware },
    events,
    settings: () => settingsFromConfig(store),
    scheduler,
  });
  const states: PrinterStateId[] = [];
  driver.onDidChangeState((state) => states.push(state));
  const fired: EventName[] = [];
  events.onAny((name) => fired.push(name));
  return { scheduler, events, firmware, driver, states, fired };
}

export async function connected(firmwareOptions: ScriptedFirmwareOptions = {}, config = CONFIG) {
  const context = setup(firmwareOptions, config);
  const result = context.driver.connect({ port: 'SCRIPTED', baudrate: 115200 });
  if (firmwareOptions.mode === 'manual') {
    await new Promise((resolve) => setImmediate(resolve));
    context.firmware.flush();
  }
  assert.equal(await result, true);
  if (firmwareOptions.mode === 'manual') context.firmware.flush();
  return context;
}

export const fileLines = (count: number) => Array.from({ length: count }, (_, i) => `G1 X${i % 200} Y${(i * 7) % 200} E${i} ; move ${i}`);
export const expectedCommands = (count: number) => Array.from({ length: count }, (_, i) => `G1 X${i % 200} Y${(i * 7) % 200} E${i}`);
export const onlyMoves = (accepted: string[]) => accepted.filter((line) => line.startsWith('G1 X'));

export async function settle(predicate: () => boolean, scheduler?: ManualScheduler, stepMs = 0): Promise<void> {
  for (let i = 0; i < 5000 && !predicate(); i++) {
    await new Promise((resolve) => setImmediate(resolve));
    if (scheduler && stepMs > 0) scheduler.advance(stepMs);
  }
  assert.ok(predicate(), 'condition not reached');
}

