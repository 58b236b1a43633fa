// The zeroconf announcement on the real network stack: another mDNS client finds both services with their TXT records.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, describe, it } from 'node:test';
import Bonjour from 'bonjour-service';
import type { Service } from 'bonjour-service';
import pino from 'pino';
import { ZeroconfAnnouncer } from './zeroconf-announcer.js';

function find(browser: Bonjour, type: string, name: string, timeoutMs: number): Promise<Service> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      search.stop();
      reject(new Error(`no _${type}._tcp service named ${name} within ${timeoutMs} ms`));
    }, timeoutMs);
    const search = browser.find({ type }, (service) => {
      if (service.name !== name) return;
      clearTimeout(timer);
      search.stop();
      resolve(service);
    });
  });
}

describe('ZeroconfAnnouncer', () => {
  const announcer = new ZeroconfAnnouncer(pino({ level: 'silent' }));
  const browser = new Bonjour(undefined, () => undefined);
  after(async () => {
    await announcer.stop();
    await new Promise<void>((resolve) => browser.destroy(() => resolve()));
  });

  it('announces _octoprint._tcp and _http._tcp with OctoPrint TXT records', async () => {
    const name = `Argonaut test ${randomUUID().slice(0, 8)}`;
    const uuid = randomUUID();
    announcer.start({
      name,
      port: 5999,
      httpTxt: { path: '/' },
      octoprintTxt: { path: '/', version: '1.11.8', api: '0.1', uuid },
    });
    assert.equal(announcer.running, true);
    const [octoprint, http] = await Promise.all([find(browser, 'octoprint', name, 5000), find(browser, 'http', name, 5000)]);
    assert.equal(octoprint.port, 5999);
    assert.deepEqual(octoprint.txt, { path: '/', version: '1.11.8', api: '0.1', uuid });
    assert.equal(http.port, 5999);
    assert.deepEqual(http.txt, { path: '/' });
  });

  it('stops, and can stop twice', async () => {
    await announcer.stop();
    assert.equal(announcer.running, false);
    await announcer.stop();
  });
});
