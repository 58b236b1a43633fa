import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gpiogetArgs, gpiosetArgs, libgpiodMajor } from './gpio-switch.js';
import { deviceRequest, stateFromAnswer } from './http-switch.js';

describe('smart plug requests', () => {
  it('speaks Tasmota: /cm?cmnd=Power On, Power2 for the second relay, Power to read', () => {
    assert.equal(deviceRequest({ device: 'tasmota', address: '192.0.2.5', relay: 0 }, true).url.href, 'http://192.0.2.5/cm?cmnd=Power+On');
    assert.equal(deviceRequest({ device: 'tasmota', address: 'http://192.0.2.5:8080', relay: 1 }, false).url.href, 'http://192.0.2.5:8080/cm?cmnd=Power2+Off');
    assert.equal(deviceRequest({ device: 'tasmota', address: '192.0.2.5', relay: 0 }, null).url.href, 'http://192.0.2.5/cm?cmnd=Power');
    assert.equal(stateFromAnswer('tasmota', { POWER: 'ON' }, 0), true);
    assert.equal(stateFromAnswer('tasmota', { POWER2: 'OFF' }, 1), false);
    assert.equal(stateFromAnswer('tasmota', { Command: 'Unknown' }, 0), null);
  });
  it('speaks Shelly Gen1: /relay/0?turn=on, /relay/0 to read ison', () => {
    assert.equal(deviceRequest({ device: 'shelly', address: '192.0.2.6', relay: 0 }, true).url.href, 'http://192.0.2.6/relay/0?turn=on');
    assert.equal(deviceRequest({ device: 'shelly', address: '192.0.2.6', relay: 0 }, null).url.href, 'http://192.0.2.6/relay/0');
    assert.equal(stateFromAnswer('shelly', { ison: true, has_timer: false }, 0), true);
  });
  it('speaks Shelly Gen2 RPC: Switch.Set and Switch.GetStatus posted to /rpc', () => {
    const set = deviceRequest({ device: 'shelly2', address: '192.0.2.7', relay: 0 }, false);
    assert.equal(set.url.href, 'http://192.0.2.7/rpc');
    assert.equal(set.init.method, 'POST');
    assert.deepEqual(JSON.parse(String(set.init.body)), { id: 1, method: 'Switch.Set', params: { id: 0, on: false } });
    const read = deviceRequest({ device: 'shelly2', address: '192.0.2.7', relay: 0 }, null);
    assert.deepEqual(JSON.parse(String(read.init.body)), { id: 1, method: 'Switch.GetStatus', params: { id: 0 } });
    assert.equal(stateFromAnswer('shelly2', { id: 1, result: { id: 0, output: true } }, 0), true);
  });
  it('refuses addresses that are not http or https', () => {
    assert.throws(() => deviceRequest({ device: 'tasmota', address: 'file:///etc/passwd', relay: 0 }, true));
    assert.throws(() => deviceRequest({ device: 'tasmota', address: '', relay: 0 }, true));
  });
});

describe('libgpiod tools', () => {
  it('tells v1 from v2 and builds their arguments', () => {
    assert.equal(libgpiodMajor('gpioset (libgpiod) v1.6.3\nCopyright (C) 2017-2018 Bartosz Golaszewski'), 1);
    assert.equal(libgpiodMajor('gpioset v2.1 (libgpiod v2.1)'), 2);
    assert.equal(libgpiodMajor('nonsense'), null);
    assert.deepEqual(gpiosetArgs(1, 'gpiochip0', 17, 1), ['--mode=signal', 'gpiochip0', '17=1']);
    assert.deepEqual(gpiosetArgs(2, '/dev/gpiochip0', 17, 0), ['-c', '/dev/gpiochip0', '17=0']);
    assert.deepEqual(gpiogetArgs(1, 'gpiochip0', 4), ['gpiochip0', '4']);
    assert.deepEqual(gpiogetArgs(2, 'gpiochip0', 4), ['--numeric', '-c', 'gpiochip0', '4']);
  });
});
