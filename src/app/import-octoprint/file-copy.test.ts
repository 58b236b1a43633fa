// Copying an OctoPrint file into Argonaut's temp folder: same bytes, SHA-1 computed on the way, nothing left on failure.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { copyToTemp, readMetadataJson, sha1OfFile } from './file-copy.js';
import { sha1 } from '../../../test/support/octoprint-basedir.js';

describe('file copy for the OctoPrint import', () => {
  const dir = mkdtempSync(join(tmpdir(), 'argonaut-file-copy-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('copies with the SHA-1 and the modification time of the source', async () => {
    const source = join(dir, 'source.gcode');
    const content = Buffer.alloc(300_000, 'G1 X1 Y2\n');
    writeFileSync(source, content);
    utimesSync(source, 1_600_000_000, 1_600_000_000);
    const temp = join(dir, 'temp');
    rmSync(temp, { recursive: true, force: true });
    mkdirSync(temp);
    const copy = await copyToTemp(source, statSync(source), temp);
    assert.equal(copy.hash, sha1(content));
    assert.equal(await sha1OfFile(source), sha1(content));
    assert.deepEqual(readFileSync(copy.temp), content);
    assert.equal(statSync(copy.temp).mtimeMs, 1_600_000_000_000);
  });

  it('leaves nothing behind when the source cannot be read', async () => {
    const temp = mkdtempSync(join(dir, 'temp-'));
    const stats = statSync(dir);
    await assert.rejects(copyToTemp(join(dir, 'vanished.gcode'), stats, temp), { code: 'ENOENT' });
    assert.deepEqual(readdirSync(temp), []);
  });

  it('reads a folder metadata map, none when missing, and refuses anything but a map', async () => {
    const folder = mkdtempSync(join(dir, 'meta-'));
    assert.equal(await readMetadataJson(folder), null);
    writeFileSync(join(folder, '.metadata.json'), '{"a.gcode": {"hash": "x"}}');
    assert.deepEqual(await readMetadataJson(folder), { 'a.gcode': { hash: 'x' } });
    writeFileSync(join(folder, '.metadata.json'), '[1, 2]');
    await assert.rejects(readMetadataJson(folder), /does not hold a map/);
    writeFileSync(join(folder, '.metadata.json'), '{');
    await assert.rejects(readMetadataJson(folder), SyntaxError);
  });
});
