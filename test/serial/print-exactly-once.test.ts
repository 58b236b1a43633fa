// A real slicer file through the real serial port (a pseudo-terminal) to a fake Marlin process: every command exactly once, in order, under faults.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { startFakeMarlin } from '../support/fake-marlin/index.js';
import type { FakeMarlinHandle, FaultRates } from '../support/fake-marlin/index.js';
import {connectOrExplain, exactlyOnceProblems, fileCommands, serialDriver } from '../support/serial-driver.js';
import { until } from '../support/until.js';

const FILE = new URL('../fixtures/gcode/box.gcode', import.meta.url).pathname;
const EXPECTED = fileCommands(readFileSync(FILE, 'latin1'));
/** What the driver sends on its own: the hello, M115, auto-report, temperature polls and timeout pokes. */
const OWN = /^(M110 N0|M115|M155 S\d+|M105)$/;

interface Case {
  name: string;
  faults: Partial<FaultRates>;
  /** Whether the firmware offers AUTOREPORT_TEMP (then it reports every 40 ms, under the driver's 50 ms timeout). */
  autoreport: boolean;
}

const CASES: Case[] = [
  { name: 'no faults', faults: {}, autoreport: true },
  { name: '5 % corrupted, 5 % busy, 2 % garbage', faults: { corrupt: 0.05, busy: 0.05, garbage: 0.02 }, autoreport: true },
  { name: '2 % dropped ok, temperatures auto-reported', faults: { dropOk: 0.02 }, autoreport: true },
  { name: '2 % dropped ok, temperatures polled', faults: { dropOk: 0.02 }, autoreport: false },
  {
    name: 'everything at once (corrupted, busy, garbage, dropped ok, lost lines, split ok, echo, auto-report)',
    faults: { corrupt: 0.05, busy: 0.05, garbage: 0.02, dropOk: 0.02, loseLine: 0.01, splitOk: 0.05, echo: 0.05 },
    autoreport: true,
  },
];

// The cases run side by side (each its own firmware process and pty): most of their time is spent waiting out timeouts.
describe(`printing ${EXPECTED.length} commands of box.gcode over a pseudo-terminal to a fake Marlin`, { concurrency: true }, () => {
  const firmwares: FakeMarlinHandle[] = [];
  after(async () => {
    for (const firmware of firmwares) await firmware.stop();
  });
  before(() => assert.ok(EXPECTED.length > 5000));

  CASES.forEach((testCase, index) => {
    it(testCase.name, async () => {
      const firmware = await startFakeMarlin({
        seed: 1000 + index,
        autoreportCapability: testCase.autoreport,
        autoreportPeriodMs: 40,
        busyMs: 1,
        splitMs: 1,
      });
      firmwares.push(firmware);
      const context = serialDriver(firmware.path);
      const { driver } = context;
      await connectOrExplain(context, firmware.path);
      await firmware.setFaults(testCase.faults, 2000 + index);
      const ends: string[] = [];
      driver.print.onDidEnd((end) => ends.push(end.kind === 'failed' ? `failed: ${end.reason}` : end.kind));
      await driver.startFilePrint({ path: FILE });
      await until(() => ends.length > 0, 'the print to end', 120_000);
      assert.deepEqual(ends, ['done']);
      assert.equal(driver.state, 'OPERATIONAL');
      await driver.disconnect();
      const accepted = await firmware.accepted();
      assert.deepEqual(exactlyOnceProblems(accepted, EXPECTED, OWN), []);
      if (!testCase.autoreport) assert.ok(!accepted.some((command) => command.startsWith('M155')), 'no auto-report asked for');
      await firmware.stop();
    });
  });
});
