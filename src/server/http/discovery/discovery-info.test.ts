// What is announced: instance names, TXT records (what Cura and Home Assistant read) and the escaped XML.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveConfig } from '../../../config/index.js';
import { deviceDescriptionXml, httpTxtRecord, instanceName, octoprintTxtRecord } from './discovery-info.js';

const config = (raw: unknown) => resolveConfig(raw).config;

describe('discovery info', () => {
  it('names the instance after the printer, else the host', () => {
    assert.equal(instanceName(config({ appearance: { name: 'Workshop' } }), 'pi'), 'Argonaut instance "Workshop"');
    assert.equal(instanceName(config({}), 'octopi'), 'Argonaut instance on octopi');
  });

  it('announces path, version, api and uuid for _octoprint._tcp and the path for _http._tcp', () => {
    assert.deepEqual(httpTxtRecord(config({})), { path: '/' });
    assert.deepEqual(octoprintTxtRecord(config({ server: { reverseProxy: { prefixFallback: '/octoprint' } } }), 'u-1'), {
      path: '/octoprint',
      version: '1.11.8',
      api: '0.1',
      uuid: 'u-1',
    });
  });

  it('escapes every value placed in the XML', () => {
    const xml = deviceDescriptionXml({ friendlyName: `<a href='x'>`, uuid: 'u"1', presentationUrl: 'http://h/?a=1&b=2' });
    assert.ok(xml.includes('<friendlyName>&lt;a href=&apos;x&apos;&gt;</friendlyName>'));
    assert.ok(xml.includes('<UDN>uuid:u&quot;1</UDN>'));
    assert.ok(xml.includes('<presentationURL>http://h/?a=1&amp;b=2</presentationURL>'));
  });
});
