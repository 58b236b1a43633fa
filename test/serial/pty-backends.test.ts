// Each pseudo-terminal the fake Marlin can use on this machine (socat, @lydell/node-pty, python3) carries the real SerialTransport both ways, and unplugs.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { availableBackends, startFakeMarlin } from '../support/fake-marlin/index.js';
import { SerialTransport } from '../../src/printer/transport/index.js';
import { until } from '../support/until.js';

describe('fake Marlin pseudo-terminals', () => {
  const backends = availableBackends();
  it('finds at least one (npm ci installs @lydell/node-pty)', () => assert.ok(backends.length > 0));

  for (const backend of backends) {
    it(`${backend}: banner, numbered lines, Marlin's resend request, unplug (also while data streams) and replug`, async () => {
      const firmware = await startFakeMarlin({ backend, autoreportPeriodMs: 5 });
      const transports: SerialTransport[] = [];
      try {
        assert.equal(firmware.backend, backend);
        const transport = new SerialTransport(firmware.path, 250000);
        transports.push(transport);
        const lines: string[] = [];
        transport.onLine((line) => lines.push(line));
        const closed: (Error | undefined)[] = [];
        transport.onClose((error) => closed.push(error));
        await transport.open();
        transport.write('N0 M110 N0*125');
        transport.write('N1 M114*38');
        transport.write('N3 M105*36');
        await until(() => lines.filter((line) => line === 'ok').length >= 3, 'three oks', 10_000);
        assert.equal(lines[0], 'start');
        assert.ok(lines.includes('X:0.00 Y:0.00 Z:0.00 E:0.00 Count X:0 Y:0 Z:0'));
        const error = lines.indexOf('Error:Line Number is not Last Line Number+1, Last Line: 1');
        assert.ok(error > 0, lines.join(' | '));
        assert.equal(lines[error + 1], 'Resend: 2');
        assert.deepEqual(await firmware.accepted(), ['M110 N0', 'M114']);

        await firmware.unplug();
        await until(() => closed.length > 0, 'the port to close', 10_000);
        assert.match(closed[0]?.message ?? '', /^The printer's serial port closed/);

        // Unplugged while temperatures stream in, a few times: the port must see the hang-up every time.
        for (let cycle = 0; cycle < 4; cycle++) {
          await firmware.replug();
          const again = new SerialTransport(firmware.path, 250000);
          transports.push(again);
          const more: string[] = [];
          again.onLine((line) => more.push(line));
          const gone: (Error | undefined)[] = [];
          again.onClose((reason) => gone.push(reason));
          await again.open();
          again.write('N0 M110 N0*125');
          again.write('N1 M155 S1*97');
          await until(() => more.filter((line) => line.startsWith('T:')).length >= 3, 'auto-reports after replugging', 10_000);
          assert.equal(more[0], 'start', 'a replugged board boots again');
          await firmware.unplug();
          await until(() => gone.length > 0, `the port to close (cycle ${cycle})`, 10_000);
          assert.match(gone[0]?.message ?? '', /^The printer's serial port closed: .* went away/);
        }
      } finally {
        for (const open of transports) await open.close();
        await firmware.stop();
      }
    });
  }
});
