// The start message's addresses for other machines, from a given list of interfaces.
import assert from 'node:assert/strict';
import type { NetworkInterfaceInfo } from 'node:os';
import { describe, it } from 'node:test';
import { reachableLine, reachableUrls } from './reachable-addresses.js';

const entry = (address: string, family: 'IPv4' | 'IPv6', internal = false): NetworkInterfaceInfo =>
  (family === 'IPv4'
    ? { address, family, internal, netmask: '255.255.255.0', mac: '00:00:00:00:00:00', cidr: null }
    : { address, family, internal, netmask: 'ffff:ffff:ffff:ffff::', mac: '00:00:00:00:00:00', cidr: null, scopeid: 0 }) as NetworkInterfaceInfo;

const interfaces = {
  lo: [entry('127.0.0.1', 'IPv4', true), entry('::1', 'IPv6', true)],
  eth0: [entry('192.168.1.23', 'IPv4'), entry('fe80::1', 'IPv6'), entry('2001:db8::23', 'IPv6')],
  wlan0: [entry('10.0.0.5', 'IPv4')],
};

describe('reachable addresses', () => {
  it('lists every non-loopback IPv4 address for 0.0.0.0', () => {
    assert.deepEqual(reachableUrls('0.0.0.0', 5000, interfaces), ['http://192.168.1.23:5000/', 'http://10.0.0.5:5000/']);
  });

  it('adds the global IPv6 addresses (not link-local) for ::', () => {
    assert.deepEqual(reachableUrls('::', 80, interfaces), ['http://192.168.1.23:80/', 'http://[2001:db8::23]:80/', 'http://10.0.0.5:80/']);
  });

  it('adds nothing for a server bound to one address, and says when only loopback is up', () => {
    assert.equal(reachableLine('127.0.0.1', 5000, interfaces), null);
    assert.match(reachableLine('0.0.0.0', 5000, { lo: interfaces.lo }) ?? '', /only this machine/);
    assert.equal(reachableLine('0.0.0.0', 5000, interfaces), 'Other machines on the network can reach it at http://192.168.1.23:5000/, http://10.0.0.5:5000/');
  });
});
