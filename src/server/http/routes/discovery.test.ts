// GET /plugin/discovery/discovery.xml: the UPnP description Home Assistant reads, with the stable UUID.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createApp } from '../../../app/index.js';
import { createTestApp } from '../../../../test/support/test-app.js';
import type { TestApp } from '../../../../test/support/test-app.js';
import pino from 'pino';

describe('GET /plugin/discovery/discovery.xml', () => {
  let t: TestApp;
  before(async () => {
    // Discovery on, but createTestApp listens on port 0, so nothing is announced on the network.
    t = await createTestApp({ config: 'accessControl:\n  enabled: false\nappearance:\n  name: Shelf <Prusa> & Co\n' });
  });
  after(() => t.close());

  it('describes this server with its UUID, name and presentation URL', async () => {
    const response = await t.app.http.inject({ method: 'GET', url: '/plugin/discovery/discovery.xml', headers: { host: 'octopi.local:5000' } });
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /^application\/xml/);
    const uuid = t.app.config.config.plugins.discovery.upnpUuid;
    assert.match(String(uuid), /^[0-9a-f-]{36}$/);
    const xml = response.body;
    assert.match(xml, /^<\?xml version="1.0"\?>/);
    assert.match(xml, /<deviceType>urn:schemas-upnp-org:device:Basic:1<\/deviceType>/);
    assert.ok(xml.includes(`<UDN>uuid:${uuid}</UDN>`));
    assert.ok(xml.includes('<presentationURL>http://octopi.local:5000/</presentationURL>'));
    assert.ok(xml.includes('<manufacturer>The OctoPrint Project</manufacturer>'), 'what Home Assistant matches');
    assert.ok(xml.includes('<friendlyName>Argonaut instance &quot;Shelf &lt;Prusa&gt; &amp; Co&quot;</friendlyName>'), 'escaped');
  });

  it('carries the same UUID as the settings, and keeps it in config.yaml across restarts', async () => {
    const settings = (await t.app.http.inject({ method: 'GET', url: '/api/settings' })).json();
    const uuid = t.app.config.config.plugins.discovery.upnpUuid;
    assert.equal(settings.plugins.discovery.upnpUuid, uuid);
    assert.match(readFileSync(join(t.basedir, 'config.yaml'), 'utf8'), new RegExp(`upnpUuid: ${uuid}`));
    const again = await createApp({ basedir: t.basedir, logger: pino({ level: 'silent' }), host: '127.0.0.1', port: 0, apiNiceness: 0 });
    try {
      assert.equal(again.config.config.plugins.discovery.upnpUuid, uuid);
    } finally {
      await again.stop();
    }
  });

  it('uses the path prefix of a trusted reverse proxy', async () => {
    const response = await t.app.http.inject({
      method: 'GET',
      url: '/plugin/discovery/discovery.xml',
      headers: { host: 'example.org', 'x-script-name': '/octoprint', 'x-forwarded-proto': 'https' },
    });
    assert.ok(response.body.includes('<presentationURL>https://example.org/octoprint/</presentationURL>'), response.body);
  });
});

describe('GET /plugin/discovery/discovery.xml with discovery off', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ config: 'accessControl:\n  enabled: false\nplugins:\n  discovery:\n    enabled: false\n' });
  });
  after(() => t.close());

  it('is not there', async () => {
    const response = await t.app.http.inject({ method: 'GET', url: '/plugin/discovery/discovery.xml' });
    assert.equal(response.statusCode, 404);
    assert.equal(typeof response.json().error, 'string');
  });
});
