// A server killed (SIGKILL) in the middle of an upload leaves no partial file: none is listed, and the temp file goes.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { streamedFileFrame } from '../../src/server/http/multipart/multipart-body-builder.js';
import { startServer } from '../support/cli.js';
import { until } from '../support/until.js';

const MiB = 1024 * 1024;
/** With access control off, any key header spares the CSRF token. */
const KEY = { 'x-api-key': 'e2e' };

describe('a server killed during an upload', () => {
  const basedir = mkdtempSync(join(tmpdir(), 'argonaut-upload-killed-'));
  after(() => rmSync(basedir, { recursive: true, force: true }));

  it('lists no partial file after a restart and removes the temp file', { timeout: 120_000 }, async () => {
    writeFileSync(join(basedir, 'config.yaml'), 'accessControl:\n  enabled: false\nplugins:\n  discovery:\n    enabled: false\n');
    const temp = join(basedir, 'data', 'tmp');
    const temps = (): string[] => (existsSync(temp) ? readdirSync(temp) : []);
    const first = await startServer(basedir);
    const frame = streamedFileFrame('half.gcode', []);
    const size = 256 * MiB;
    const outgoing = request({
      host: '127.0.0.1',
      port: first.port,
      method: 'POST',
      path: '/api/files/local',
      headers: { 'content-type': frame.contentType, 'content-length': String(frame.head.length + size + frame.tail.length), ...KEY },
    });
    outgoing.on('error', () => undefined); // the server goes away mid-body
    outgoing.write(frame.head);
    const chunk = Buffer.alloc(MiB, 'G1 X10 Y10 E0.1\n');
    // Half the body, then the server is killed while it writes the temp file.
    for (let sent = 0; sent < size / 2; sent += MiB) {
      if (!outgoing.write(chunk)) await new Promise((resolve) => outgoing.once('drain', resolve));
    }
    await until(() => temps().length === 1, 'the temp file to appear', 30_000);
    first.process.kill('SIGKILL');
    await new Promise((resolve) => first.process.once('exit', resolve));
    outgoing.destroy();
    assert.equal(temps().length, 1, 'the killed server left its temp file');

    const second = await startServer(basedir);
    try {
      const listing = (await (await fetch(`${second.baseUrl}/api/files?recursive=true`, { headers: KEY })).json()) as { files: unknown[] };
      assert.deepEqual(listing.files, []);
      assert.equal(existsSync(join(basedir, 'uploads', 'half.gcode')), false);
      await until(() => temps().length === 0, 'the stale temp file to be removed', 10_000);
    } finally {
      await second.stop();
    }
  });
});
