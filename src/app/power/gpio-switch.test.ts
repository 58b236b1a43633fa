// GpioSwitch against stand-in gpioset/gpioget programs (no GPIO chip here): the argv each gets, for libgpiod v1 and v2,
// the line held while switched and let go when switched again, active-low lines, and reading the sense line.
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { until } from '../../../test/support/until.js';
import { GpioSwitch } from './gpio-switch.js';

/** Writes gpioset/gpioget that log their argv (one line per run) and answer as libgpiod `major` does. */
function fakeTools(folder: string, major: 1 | 2): { gpioset: string; gpioget: string; log: string; level: string } {
  const log = join(folder, `calls-${major}.log`);
  const level = join(folder, `level-${major}`);
  const version = major === 1 ? 'gpioset (libgpiod) v1.6.3' : 'gpioset v2.1 (libgpiod v2.1)';
  const gpioset = join(folder, `gpioset-${major}`);
  const gpioget = join(folder, `gpioget-${major}`);
  // gpioset keeps running while it holds the line, as the real one does; it notes when it is ended.
  writeFileSync(
    gpioset,
    `#!/bin/sh\nif [ "$1" = "--version" ]; then echo "${version}"; exit 0; fi\necho "gpioset $*" >> "${log}"\ntrap 'echo "released $*" >> "${log}"; exit 0' TERM\nwhile true; do sleep 0.1; done\n`,
  );
  writeFileSync(gpioget, `#!/bin/sh\necho "gpioget $*" >> "${log}"\ncat "${level}"\n`);
  chmodSync(gpioset, 0o755);
  chmodSync(gpioget, 0o755);
  return { gpioset, gpioget, log, level };
}

const calls = (log: string): string[] => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : []);

describe('GPIO switch through libgpiod', { skip: process.platform === 'win32' }, () => {
  const folder = mkdtempSync(join(tmpdir(), 'argonaut-gpio-'));
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('libgpiod v2: gpioset -c <chip> <line>=<value>, held until switched again; gpioget --numeric reads the sense line', async () => {
    const tools = fakeTools(folder, 2);
    const power = new GpioSwitch({ chip: '/dev/gpiochip0', line: 17, activeLow: false, senseLine: 4, senseActiveLow: false, tools });
    try {
      await power.set(true);
      await until(() => calls(tools.log).length > 0, 'gpioset to run');
      assert.deepEqual(calls(tools.log), ['gpioset -c /dev/gpiochip0 17=1']);
      await power.set(false);
      await until(() => calls(tools.log).length === 3, 'the first gpioset to be ended and the second to run');
      assert.deepEqual(calls(tools.log).sort(), ['gpioset -c /dev/gpiochip0 17=0', 'gpioset -c /dev/gpiochip0 17=1', 'released -c /dev/gpiochip0 17=1'].sort());
      writeFileSync(tools.level, '1\n');
      assert.equal(await power.read(), true);
      writeFileSync(tools.level, '0\n');
      assert.equal(await power.read(), false);
      assert.equal(calls(tools.log).filter((line) => line.startsWith('gpioget')).every((line) => line === 'gpioget --numeric -c /dev/gpiochip0 4'), true);
    } finally {
      power.dispose();
    }
    await until(() => calls(tools.log).includes('released -c /dev/gpiochip0 17=0'), 'the held line to be let go on dispose');
  });

  it('libgpiod v1: gpioset --mode=signal; an active-low line is set to 0 for on, and an active-low sense line reads inverted', async () => {
    const tools = fakeTools(folder, 1);
    const power = new GpioSwitch({ chip: 'gpiochip1', line: 5, activeLow: true, senseLine: 6, senseActiveLow: true, tools });
    try {
      await power.set(true);
      await until(() => calls(tools.log).length > 0, 'gpioset to run');
      assert.deepEqual(calls(tools.log), ['gpioset --mode=signal gpiochip1 5=0']);
      writeFileSync(tools.level, '0\n');
      assert.equal(await power.read(), true);
      assert.equal(calls(tools.log).at(-1), 'gpioget gpiochip1 6');
      writeFileSync(tools.level, 'garbage\n');
      await assert.rejects(power.read(), /gpioget failed/);
    } finally {
      power.dispose();
    }
  });

  it('says so when gpioset is missing or no chip is set', async () => {
    const missing = new GpioSwitch({ chip: 'gpiochip0', line: 1, activeLow: false, senseLine: null, senseActiveLow: false, tools: { gpioset: join(folder, 'none'), gpioget: join(folder, 'none') } });
    await assert.rejects(missing.set(true), /not installed/);
    assert.equal(await missing.read(), null, 'no sense line: the switch cannot tell');
    const noChip = new GpioSwitch({ chip: ' ', line: 1, activeLow: false, senseLine: null, senseActiveLow: false });
    await assert.rejects(noChip.set(true), /No GPIO chip/);
  });
});
