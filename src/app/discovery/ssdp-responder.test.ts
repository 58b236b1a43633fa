// SSDP on real UDP sockets: M-SEARCH answered with the description's location, NOTIFY alive/byebye on the group.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createSocket } from 'node:dgram';
import type { Socket } from 'node:dgram';
import { networkInterfaces } from 'node:os';
import { after, before, describe, it } from 'node:test';
import pino from 'pino';
import { SSDP_ADDRESS, SsdpResponder, addressFor, searchTarget } from './ssdp-responder.js';

const SEARCH = (target: string) => ['M-SEARCH * HTTP/1.1', `HOST: ${SSDP_ADDRESS}:1900`, 'MAN: "ssdp:discover"', 'MX: 1', `ST: ${target}`, '', ''].join('\r\n');

function bind(socket: Socket, port = 0): Promise<number> {
  return new Promise((resolve) => socket.bind(port, () => resolve(socket.address().port)));
}

function nextMessage(socket: Socket, accept: (text: string) => boolean, timeoutMs = 3000): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off('message', onMessage);
      reject(new Error('no matching datagram'));
    }, timeoutMs);
    const onMessage = (message: Buffer) => {
      const text = message.toString('utf8');
      if (!accept(text)) return;
      clearTimeout(timer);
      socket.off('message', onMessage);
      resolve(text);
    };
    socket.on('message', onMessage);
  });
}

describe('SSDP', () => {
  const uuid = randomUUID();
  it('answers only the search targets a UPnP device answers', () => {
    assert.equal(searchTarget(SEARCH('upnp:rootdevice'), uuid), 'upnp:rootdevice');
    assert.equal(searchTarget(SEARCH('ssdp:all'), uuid), 'ssdp:all');
    assert.equal(searchTarget(SEARCH(`uuid:${uuid}`), uuid), `uuid:${uuid}`);
    assert.equal(searchTarget(SEARCH('urn:schemas-upnp-org:device:MediaRenderer:1'), uuid), null);
    assert.equal(searchTarget(SEARCH('upnp:rootdevice').replace('"ssdp:discover"', 'ssdp:discover'), uuid), null);
    assert.equal(searchTarget('NOTIFY * HTTP/1.1\r\nNT: upnp:rootdevice\r\n\r\n', uuid), null);
  });

  it('picks the interface address in the client subnet', () => {
    const addresses = [
      { address: '10.1.2.3', cidr: '10.1.0.0/16' },
      { address: '192.168.7.20', cidr: '192.168.7.0/24' },
    ];
    assert.equal(addressFor('192.168.7.99', addresses), '192.168.7.20');
    assert.equal(addressFor('10.1.200.1', addresses), '10.1.2.3');
    assert.equal(addressFor('127.0.0.1', addresses), '127.0.0.1');
    assert.equal(addressFor('172.16.0.1', addresses), '10.1.2.3', 'otherwise the first');
  });

  describe('on UDP', () => {
    const probe = createSocket({ type: 'udp4', reuseAddr: true });
    let ssdpPort = 0;
    let responder: SsdpResponder;
    before(async () => {
      // A free port for this test instead of 1900; the probe shares it (reuseAddr) to hear the group.
      ssdpPort = await bind(probe);
      const network = Object.values(networkInterfaces()).flat().find((entry) => entry && entry.family === 'IPv4' && !entry.internal);
      if (network) probe.addMembership(SSDP_ADDRESS, network.address);
      responder = new SsdpResponder({ uuid, httpPort: 5123, ssdpPort }, pino({ level: 'silent' }));
    });
    after(async () => {
      await responder.stop();
      await new Promise<void>((resolve) => probe.close(() => resolve()));
    });

    it('answers an M-SEARCH with the location of the description', async () => {
      const notified = nextMessage(probe, (text) => text.startsWith('NOTIFY') && text.includes('NTS: ssdp:alive')).catch(() => null);
      await responder.start();
      const client = createSocket('udp4');
      await bind(client);
      const reply = nextMessage(client, (text) => text.startsWith('HTTP/1.1 200 OK'));
      client.send(SEARCH('upnp:rootdevice'), ssdpPort, '127.0.0.1');
      const text = await reply;
      await new Promise<void>((resolve) => client.close(() => resolve()));
      assert.match(text, /\r\nLOCATION: http:\/\/127\.0\.0\.1:5123\/plugin\/discovery\/discovery\.xml\r\n/);
      assert.match(text, new RegExp(`\\r\\nUSN: uuid:${uuid}::upnp:rootdevice\\r\\n`));
      assert.match(text, /\r\nST: upnp:rootdevice\r\n/);
      // Where no network interface carries multicast, only the M-SEARCH answer can be checked.
      const alive = await notified;
      if (alive !== null) {
        assert.match(alive, new RegExp(`USN: uuid:${uuid}`));
        assert.match(alive, /LOCATION: http:\/\/[\d.]+:5123\/plugin\/discovery\/discovery\.xml/);
      }
    });
  });
});
