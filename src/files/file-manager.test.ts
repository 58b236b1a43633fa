// Tests of the FileManager facade: events with OctoPrint's payloads, print history, metadata, paths.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { EventBus } from '../events/index.js';
import { FileManager } from './file-manager.js';

describe('FileManager', () => {
  let base: string;
  let events: EventBus;
  let files: FileManager;
  let seen: Array<[string, unknown]>;

  function temp(content: string): string {
    const path = join(base, `in-${Math.random().toString(16).slice(2)}`);
    writeFileSync(path, content);
    return path;
  }

  beforeEach(async () => {
    base = mkdtempSync(join(tmpdir(), 'argonaut-fm-'));
    events = new EventBus();
    seen = [];
    events.onAny((name, payload) => seen.push([name, payload]));
    files = await FileManager.open({ uploads: join(base, 'uploads'), events, analysis: false });
  });
  afterEach(async () => {
    await files.close();
    rmSync(base, { recursive: true, force: true });
  });

  it('fires FolderAdded, FileAdded and UpdatedFiles when a file lands in a new folder', async () => {
    const { file } = await files.addFile('sub/x.gcode', temp('G28'), { display: 'x.gcode', user: 'alice' });
    assert.equal(file.metadata.user, 'alice');
    assert.deepEqual(seen, [
      ['FolderAdded', { storage: 'local', path: 'sub', name: 'sub' }],
      ['FileAdded', { storage: 'local', path: 'sub/x.gcode', name: 'x.gcode', type: ['machinecode', 'gcode'] }],
      ['UpdatedFiles', { type: 'printables' }],
    ]);
  });

  it('fires removal and move events', async () => {
    await files.addFile('a.gcode', temp('G1'));
    await files.addFolder('f');
    seen = [];
    await files.move('a.gcode', 'f/b.gco');
    await files.remove('f');
    assert.deepEqual(seen, [
      ['FileRemoved', { storage: 'local', path: 'a.gcode', name: 'a.gcode', type: ['machinecode', 'gcode'] }],
      ['FileAdded', { storage: 'local', path: 'f/b.gco', name: 'b.gco', type: ['machinecode', 'gcode'] }],
      ['UpdatedFiles', { type: 'printables' }],
      ['FolderRemoved', { storage: 'local', path: 'f', name: 'f' }],
      ['UpdatedFiles', { type: 'printables' }],
    ]);
  });

  it('records print results with statistics, and metadata, across a restart', async () => {
    await files.addFile('p.gcode', temp('G1'));
    await files.addPrintResult('p.gcode', { success: true, printTime: 100, timestamp: 1000.5, profileId: '_default' });
    await files.addPrintResult('p.gcode', { success: false, printTime: null, timestamp: 2000, profileId: '_default' });
    await files.setMetadata('p.gcode', 'note', { text: 'hi' });
    const reopened = await FileManager.open({ uploads: join(base, 'uploads'), events, analysis: false });
    const metadata = await reopened.getMetadata('p.gcode');
    assert.deepEqual(metadata?.history, [
      { timestamp: 1000.5, success: true, printerProfile: '_default', printTime: 100 },
      { timestamp: 2000, success: false, printerProfile: '_default' },
    ]);
    assert.deepEqual(metadata?.statistics, { averagePrintTime: { _default: 100 }, lastPrintTime: { _default: 100 } });
    assert.deepEqual(metadata?.note, { text: 'hi' });
    await reopened.setMetadata('p.gcode', 'note', undefined);
    assert.equal((await reopened.getMetadata('p.gcode'))?.note, undefined);
  });

  it('gives absolute paths only for sanitised paths inside uploads', async () => {
    await files.addFile('d/p.gcode', temp('G1'));
    const path = files.absolutePath('d/p.gcode');
    assert.equal(readFileSync(path, 'utf8'), 'G1');
    assert.ok(path.startsWith(files.root));
    assert.throws(() => files.absolutePath('../config.yaml'), { code: 'not-found' });
    assert.throws(() => files.absolutePath('/etc/passwd'), { code: 'not-found' });
    assert.equal(await files.getFile('d'), null);
    assert.equal(await files.getFile('../x.gcode'), null);
    assert.equal((await files.getFile('d/p.gcode'))?.size, 2);
    await assert.rejects(files.setMetadata('missing.gcode', 'k', 1), { code: 'not-found' });
  });

  it('answers "no analysis possible" without an analysis queue', async () => {
    await files.addFile('n.gcode', temp('G1'));
    assert.equal(await files.analyse('n.gcode'), false);
  });

  it('lists with a type filter', async () => {
    await files.addFile('a.gcode', temp('G1'));
    await files.addFile('b.stl', temp('solid'));
    assert.deepEqual((await files.list('', { recursive: false, filter: 'model' })).map((e) => e.name), ['b.stl']);
    assert.deepEqual((await files.list('', { recursive: false, filter: 'machinecode' })).map((e) => e.name), ['a.gcode']);
    assert.deepEqual((await files.list('', { recursive: true })).map((e) => e.name), ['a.gcode', 'b.stl']);
  });

  it('sets several metadata keys in one write, removing those given as undefined', async () => {
    await files.addFile('m.gcode', temp('G1'), { user: 'alice' });
    await files.setMetadataEntries('m.gcode', { analysis: { estimatedPrintTime: 12 }, history: [{ success: true, timestamp: 1 }], user: undefined });
    const metadata = await files.getMetadata('m.gcode');
    assert.deepEqual(metadata?.analysis, { estimatedPrintTime: 12 });
    assert.deepEqual(metadata?.history, [{ success: true, timestamp: 1 }]);
    assert.equal(metadata?.user, undefined);
    assert.equal(typeof metadata?.hash, 'string', 'other keys kept');
    await assert.rejects(files.setMetadataEntries('missing.gcode', { k: 1 }), { code: 'not-found' });
  });
});
