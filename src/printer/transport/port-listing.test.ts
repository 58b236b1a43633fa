// Tests of serial port listing with injected serialport list and directory reader.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { globToRegExp, listSerialPorts } from './port-listing.js';

const dev = ['ttyUSB0', 'ttyUSB1', 'ttyACM0', 'ttyAMA0', 'ttyS0', 'ttyS1', 'null', 'ttyUSB10', 'ttyUSB2', 'serial0'];
const readDirectory = async (directory: string) => {
  if (directory === '/dev') return dev;
  if (directory === '/dev/serial/by-id') return ['usb-Prusa_MK3-if00'];
  throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
};

describe('listSerialPorts', () => {
  it('merges serialport list and globbed devices, sorted naturally, without duplicates', async () => {
    const ports = await listSerialPorts({ list: async () => [{ path: '/dev/ttyS0' }, { path: '/dev/ttyUSB0' }], readDirectory });
    assert.deepEqual(ports, ['/dev/ttyACM0', '/dev/ttyAMA0', '/dev/ttyS0', '/dev/ttyUSB0', '/dev/ttyUSB1', '/dev/ttyUSB2', '/dev/ttyUSB10']);
  });
  it('survives serialport failing (no udevadm) and missing directories', async () => {
    const ports = await listSerialPorts({
      list: async () => {
        throw new Error('spawn udevadm ENOENT');
      },
      readDirectory,
      additionalPorts: ['/nonexistent/tty*'],
    });
    assert.deepEqual(ports, ['/dev/ttyACM0', '/dev/ttyAMA0', '/dev/ttyUSB0', '/dev/ttyUSB1', '/dev/ttyUSB2', '/dev/ttyUSB10']);
  });
  it('adds additional patterns and plain paths that exist, and drops blacklisted ports', async () => {
    const ports = await listSerialPorts({
      list: async () => [],
      readDirectory,
      additionalPorts: ['/dev/serial/by-id/*', '/dev/serial0', '/dev/missing0'],
      blacklistedPorts: ['/dev/ttyUSB1?', '/dev/ttyAMA*'],
    });
    assert.deepEqual(ports, ['/dev/serial/by-id/usb-Prusa_MK3-if00', '/dev/serial0', '/dev/ttyACM0', '/dev/ttyUSB0', '/dev/ttyUSB1', '/dev/ttyUSB2']);
  });
  it('runs against the real machine without throwing', async () => {
    const ports = await listSerialPorts();
    assert.ok(Array.isArray(ports));
    for (const port of ports) assert.equal(typeof port, 'string');
  });
});

describe('globToRegExp', () => {
  const cases: [string, string, boolean][] = [
    ['/dev/ttyUSB*', '/dev/ttyUSB0', true],
    ['/dev/ttyUSB*', '/dev/ttyUSB', true],
    ['/dev/ttyUSB?', '/dev/ttyUSB10', false],
    ['/dev/tty.usb*', '/dev/ttyXusb0', false],
    ['/dev/ttyACM*', '/dev/sub/ttyACM0', false],
  ];
  for (const [pattern, path, expected] of cases) it(`${pattern} ~ ${path}`, () => assert.equal(globToRegExp(pattern).test(path), expected));
});
