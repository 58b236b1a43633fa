// When the server announces itself, and the UUID that identifies it.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ConfigStore } from '../../config/index.js';
import pino from 'pino';
import { DiscoveryService, shouldAnnounce } from './discovery-service.js';
import { ensureUpnpUuid } from './upnp-uuid.js';

describe('discovery service', () => {
  const dir = mkdtempSync(join(tmpdir(), 'argonaut-discovery-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('announces only with discovery on, a fixed port and a non-loopback address', () => {
    const on = ConfigStore.fromText('');
    const off = ConfigStore.fromText('plugins:\n  discovery:\n    enabled: false\n');
    assert.equal(shouldAnnounce(on, { host: '0.0.0.0', port: 5000 }), true);
    assert.equal(shouldAnnounce(on, { host: '::', port: 5000 }), true);
    assert.equal(shouldAnnounce(on, { host: '0.0.0.0', port: 0 }), false, 'port 0 (tests) never announces');
    assert.equal(shouldAnnounce(on, { host: '127.0.0.1', port: 5000 }), false);
    assert.equal(shouldAnnounce(on, { host: 'localhost', port: 5000 }), false);
    assert.equal(shouldAnnounce(off, { host: '0.0.0.0', port: 5000 }), false);
  });

  it('makes the UUID once, saves it with the comments kept, and keeps it afterwards', async () => {
    const file = join(dir, 'config.yaml');
    const store = ConfigStore.fromText('# my printer\nappearance:\n  name: Shelf # the one on the left\n', file);
    const uuid = await ensureUpnpUuid(store);
    assert.match(uuid, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const text = readFileSync(file, 'utf8');
    assert.match(text, /# the one on the left/);
    assert.match(text, new RegExp(`upnpUuid: ${uuid}`));
    const reopened = ConfigStore.open(file);
    assert.equal(await ensureUpnpUuid(reopened), uuid);
    assert.equal(readFileSync(file, 'utf8'), text, 'nothing written the second time');
  });

  it('still starts, with a warning, when config.yaml cannot be written', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => lines.push(line) });
    const store = ConfigStore.fromText('', join(dir, 'missing-folder', 'config.yaml'));
    await new DiscoveryService(store, logger).prepare();
    assert.match(lines.join(''), /could not save plugins\.discovery\.upnpUuid/);
  });
});
