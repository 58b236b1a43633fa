// The contract is the only place a call is described: a driver command added in a fixture (the driver and the contract
// extended, nothing else) works through the unchanged CallHost and CallClient, with a typed reply and the driver's errors.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigStore } from '../../config/index.js';
import { EventBus } from '../../events/index.js';
import { isArgonautError } from '../../shared/index.js';
import { settingsFromConfig } from '../driver/index.js';
import { createTransportFactory } from '../transport/index.js';
import { VirtualPrinter } from '../virtual/index.js';
import { CallClient } from './call-client.js';
import { CallHost } from './call-host.js';
import type { Call, DriverCalls } from './driver-contract.js';
import { HostedDriver } from './hosted-driver.js';
import { virtualRecordOf } from './virtual-record.js';

/** The fixture's new command, in the contract... */
interface FixtureCalls extends DriverCalls {
  /** The firmware's name from M115, once connected. */
  firmwareName(prefix: string): string | null;
}

/** ...and in the driver. */
class FixtureDriver extends HostedDriver implements FixtureCalls {
  firmwareName(prefix: string): string | null {
    const name = this.snapshot().firmware?.name;
    return name ? `${prefix}${name}` : null;
  }
}

/** Host and client joined as across the process boundary: every message structured-cloned, a turn later. */
function wire(): { client: CallClient<FixtureCalls>; driver: FixtureDriver; calls: Array<Call<FixtureCalls>> } {
  const config = ConfigStore.fromText('');
  let printer: VirtualPrinter | null = null;
  const driver = new FixtureDriver({
    transports: createTransportFactory({
      serialPorts: false,
      named: {
        VIRTUAL: () => {
          printer = new VirtualPrinter({ instant: true });
          return printer;
        },
      },
    }),
    events: new EventBus(),
    settings: () => settingsFromConfig(config),
    virtualRecord: () => virtualRecordOf(printer),
    configure: () => undefined,
  });
  const calls: Array<Call<FixtureCalls>> = [];
  const client: CallClient<FixtureCalls> = new CallClient<FixtureCalls>({
    send: (call) => {
      calls.push(call);
      const copy = structuredClone(call);
      setImmediate(() => void host.handle(copy));
    },
  });
  const host = new CallHost<FixtureCalls>(driver, {
    reply: (id, value, error) => {
      const [back, failure] = structuredClone([value, error]);
      setImmediate(() => client.settle(id, back, failure));
    },
  });
  return { client, driver, calls };
}

describe('the driver contract', () => {
  it('runs a command the fixture added, with a typed reply, through the unchanged host and client', async () => {
    const { client, calls } = wire();
    assert.equal(await client.call('firmwareName', 'fw: '), null, 'not connected yet');
    assert.equal(await client.call('connect', { port: 'VIRTUAL', baudrate: 115200 }), true);
    for (let i = 0; i < 100 && (await client.call('firmwareName', '')) === null; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    const name: string | null = await client.call('firmwareName', 'fw: ');
    assert.match(name ?? '', /^fw: Marlin/);
    assert.deepEqual(calls[0], { id: 1, method: 'firmwareName', args: ['fw: '] }, 'a call is {id, method, args}');
    await client.call('disconnect');
  });

  it('rejects with the error the driver throws, its code kept', async () => {
    const { client } = wire();
    await assert.rejects(client.call('commands', ['M105']), (error: unknown) => isArgonautError(error) && error.code === 'not-operational' && error.message === 'Printer is not operational');
    assert.equal(await client.call('connect', { port: 'VIRTUAL', baudrate: 115200 }), true);
    try {
      await assert.rejects(client.call('commands', ['M117 a\nM112']), (error: unknown) => isArgonautError(error) && error.code === 'invalid');
      await assert.rejects(client.call('script', 'noSuchScript', {}), (error: unknown) => isArgonautError(error) && error.code === 'not-found');
      await assert.rejects(client.call('restartPrint'), (error: unknown) => isArgonautError(error) && error.code === 'conflict');
    } finally {
      await client.call('disconnect');
    }
  });

  it('checks arguments and replies against the contract when compiling', () => {
    const { client } = wire();
    const typed = async () => {
      // @ts-expect-error firmwareName takes a string
      await client.call('firmwareName', 42);
      // @ts-expect-error no such command in the contract
      await client.call('noSuchCommand');
      // @ts-expect-error connect answers a boolean
      const text: string = await client.call('connect', {});
      return text;
    };
    assert.equal(typeof typed, 'function');
  });
});
