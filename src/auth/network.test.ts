// Addresses and subnets: bare addresses, CIDR, IPv4-mapped IPv6, zones; the local-network test behind _is_external_client.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigStore } from '../config/index.js';
import { isExternalClient } from './auth-context.js';
import { SubnetSet, inAnySubnet, isNeverFetchedAddress, parseSubnet } from './network.js';

describe('network', () => {
  it('matches bare addresses and CIDR ranges, IPv4 and IPv6', () => {
    assert.equal(inAnySubnet('127.0.0.1', ['127.0.0.1']), true);
    assert.equal(inAnySubnet('127.0.0.2', ['127.0.0.1']), false);
    assert.equal(inAnySubnet('::1', ['::1']), true);
    assert.equal(inAnySubnet('10.1.2.3', ['10.0.0.0/8']), true);
    assert.equal(inAnySubnet('11.1.2.3', ['10.0.0.0/8']), false);
    assert.equal(inAnySubnet('::ffff:10.1.2.3', ['10.0.0.0/8']), true);
    assert.equal(inAnySubnet('fe80::1%eth0', ['fe80::/10']), true);
    assert.equal(inAnySubnet('not an address', ['0.0.0.0/0']), false);
    assert.equal(parseSubnet('10.0.0.0/33'), null);
    assert.equal(parseSubnet('nonsense'), null);
  });

  it('keeps parsed subnets in a SubnetSet that answers like inAnySubnet and knows the list it came from', () => {
    const texts = ['127.0.0.1', '::1', '10.0.0.0/8', 'nonsense'];
    const set = new SubnetSet(texts);
    for (const address of ['127.0.0.1', '::ffff:127.0.0.1', '::1', '10.9.9.9', '11.0.0.1', '127.0.0.2', 'not an address', '']) {
      assert.equal(set.has(address), inAnySubnet(address, texts), address);
    }
    assert.equal(new SubnetSet([]).has('127.0.0.1'), false);
    assert.equal(set.builtFrom([...texts]), true);
    assert.equal(set.builtFrom(['127.0.0.1', '::1', '10.0.0.0/8']), false);
    assert.equal(set.builtFrom(['127.0.0.1', '::1', '10.0.0.0/16', 'nonsense']), false);
  });

  it('tells external clients like OctoPrint (PROXY-04)', () => {
    const config = ConfigStore.fromText('').config;
    const cases: Array<[string, boolean]> = [
      ['203.0.113.9', true],
      ['192.168.1.10', false],
      ['::ffff:8.8.8.8', true],
      ['fe80::1%eth0', false],
      // Carrier-grade NAT space is not a local network here: clients behind it are on someone else's network.
      ['100.64.1.1', true],
      ['127.0.0.1', false],
    ];
    for (const [address, external] of cases) assert.equal(isExternalClient(config, address), external, address);
    const trusting = ConfigStore.fromText('server:\n  ipCheck:\n    trustedSubnets: ["203.0.113.0/24"]\n').config;
    assert.equal(isExternalClient(trusting, '203.0.113.9'), false);
    const off = ConfigStore.fromText('server:\n  ipCheck:\n    enabled: false\n').config;
    assert.equal(isExternalClient(off, '203.0.113.9'), false);
  });

  it('never fetches link-local, cloud metadata, multicast or "this network" addresses, however written', () => {
    for (const address of ['169.254.169.254', '::ffff:169.254.169.254', '::ffff:a9fe:a9fe', 'fe80::1', '[fe80::1%eth0]', 'fd00:ec2::254', '100.100.100.200', '0.0.0.0', '224.0.0.1', '255.255.255.255', '::']) {
      assert.equal(isNeverFetchedAddress(address), true, address);
    }
    for (const address of ['127.0.0.1', '::1', '192.168.1.20', '10.0.0.5', '100.64.1.1', '203.0.113.9', 'not-an-address']) {
      assert.equal(isNeverFetchedAddress(address), false, address);
    }
  });
});
