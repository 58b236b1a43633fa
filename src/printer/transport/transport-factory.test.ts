// Tests of the combined transport factory: serial ports plus registered named transports such as VIRTUAL.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Transport } from './transport.js';
import { SerialTransport } from './serial-transport.js';
import { createTransportFactory } from './transport-factory.js';
import { toDisposable } from '../../shared/index.js';

function fakeNamed(port: string, baudrate: number): Transport {
  return {
    port,
    baudrate,
    open: async () => {},
    write: () => {},
    close: async () => {},
    onLine: () => toDisposable(() => {}),
    onClose: () => toDisposable(() => {}),
  };
}

const listing = { list: async () => [{ path: '/dev/ttyUSB0' }], readDirectory: async () => ['ttyACM0'] };

describe('CombinedTransportFactory', () => {
  it('lists serial ports first, then named transports', async () => {
    const factory = createTransportFactory({ listing, named: { VIRTUAL: (baud) => fakeNamed('VIRTUAL', baud) } });
    assert.deepEqual(await factory.listPorts(), ['/dev/ttyACM0', '/dev/ttyUSB0', 'VIRTUAL']);
  });
  it('creates named transports by name and serial transports otherwise', () => {
    const factory = createTransportFactory({ listing, named: { VIRTUAL: (baud) => fakeNamed('VIRTUAL', baud) } });
    const virtual = factory.create('VIRTUAL', 250000);
    assert.equal(virtual.port, 'VIRTUAL');
    assert.equal(virtual.baudrate, 250000);
    assert.equal(factory.isNamed('VIRTUAL'), true);
    const serial = factory.create('/dev/ttyUSB0', 115200);
    assert.ok(serial instanceof SerialTransport);
    assert.equal(serial.port, '/dev/ttyUSB0');
  });
  it('register() adds a transport until disposed', async () => {
    const factory = createTransportFactory({ listing, serialPorts: false });
    assert.deepEqual(await factory.listPorts(), []);
    const registration = factory.register('VIRTUAL', (baud) => fakeNamed('VIRTUAL', baud));
    assert.deepEqual(await factory.listPorts(), ['VIRTUAL']);
    registration.dispose();
    assert.deepEqual(await factory.listPorts(), []);
    assert.throws(() => factory.create('VIRTUAL', 115200), /Unknown port VIRTUAL/);
  });
});
