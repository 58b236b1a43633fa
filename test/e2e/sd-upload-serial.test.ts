// Upload to the SD card over a real serial port: the whole server, its driver in its own process, and the fake Marlin
// on a pseudo-terminal at 250000 baud. The firmware must accept exactly `M28 <name>`, the file's commands and `M29`, with
// no temperature poll or other command in between, and list the file afterwards.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startFakeMarlin } from '../support/fake-marlin/index.js';
import type { FakeMarlinHandle } from '../support/fake-marlin/index.js';
import { fileCommands } from '../support/serial-driver.js';
import { createTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';
import { until } from '../support/until.js';
import { fakeMarlinServerConfig, withoutPty } from '../support/fake-marlin/server-config.js';

const NUT = fileURLToPath(new URL('../fixtures/gcode/m3-nut-relative-e.gcode', import.meta.url));
const KEY = { 'x-api-key': 'sd-upload-serial' };

/** Temperatures polled with M105 every half second (no auto-report): polls that must wait while the file is written. */
function config(port: string): string {
  return fakeMarlinServerConfig(port, { sdSupport: true, timeout: { temperature: 0.5 } });
}

const skip = withoutPty();

describe('upload to the SD card of a fake Marlin over a real serial port', { skip }, () => {
  let firmware: FakeMarlinHandle | undefined;
  let t: TestApp | undefined;
  after(async () => {
    await t?.close();
    await firmware?.stop();
  });

  it('sends exactly M28 name, the file, M29, and the card lists the file', { timeout: 60_000 }, async () => {
    firmware = await startFakeMarlin({ seed: 3, baudrate: 250000, autoreportCapability: false });
    t = await createTestApp({ config: config(firmware.path) });
    const { port } = await t.app.start();
    const base = `http://127.0.0.1:${port}`;
    const json = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${base}${path}`, { method, headers: { ...KEY, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await response.text();
      return { status: response.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
    };
    assert.equal((await json('POST', '/api/connection', { command: 'connect', port: firmware.path, baudrate: 250000 })).status, 204);
    await until(() => t?.app.printer.driver.sd.ready() === true, 'the card is ready', 20_000);
    const handle = firmware;
    await until(async () => (await handle.accepted()).includes('M105'), 'temperatures polled', 10_000);

    const done = t.app.events.once('TransferDone', 50_000);
    const form = new FormData();
    form.append('file', new Blob([readFileSync(NUT)]), 'M3 Nut.gcode');
    const answer = await fetch(`${base}/api/files/sdcard`, { method: 'POST', headers: KEY, body: form });
    assert.equal(answer.status, 201, await answer.clone().text());
    assert.equal(answer.headers.get('location'), `${base}/api/files/sdcard/m3_nut.gco`);
    const body = (await answer.json()) as { done: boolean; files: { sdcard: { name: string } } };
    assert.equal(body.done, false);
    assert.equal(body.files.sdcard.name, 'm3_nut.gco');
    const result = await done;
    assert.deepEqual({ local: result.local, remote: result.remote }, { local: 'M3 Nut.gcode', remote: 'm3_nut.gco' });

    const expected = fileCommands(readFileSync(NUT, 'latin1'));
    assert.ok(expected.length > 500, `${expected.length} commands`);
    const accepted = await firmware.accepted();
    const start = accepted.indexOf('M28 m3_nut.gco');
    assert.ok(start >= 0, 'M28 with the card name');
    assert.deepEqual(accepted.slice(start, start + expected.length + 2), ['M28 m3_nut.gco', ...expected, 'M29']);
    await until(async () => {
      const listing = await json('GET', '/api/files/sdcard');
      return (listing.json.files as Array<{ name: string }>).some((file) => file.name === 'm3_nut.gco');
    }, 'the card lists the file', 10_000);
    // Polls go on after the transfer: the printer is usable.
    await firmware.clearAccepted();
    await until(async () => (await handle.accepted()).includes('M105'), 'temperatures polled again', 10_000);
    assert.equal((await json('GET', '/api/job')).json.state, 'Operational');
  });
});
