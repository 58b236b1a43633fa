// Tests of the local file store on a real temporary folder: add, list, move, copy, delete, metadata, symlinks.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { LocalFileStore } from './local-file-store.js';
import type { StoredFolder } from './stored-entry.js';

describe('LocalFileStore', () => {
  let base: string;
  let uploads: string;
  let store: LocalFileStore;
  let counter = 0;

  function temp(content: string): string {
    counter += 1;
    const path = join(base, `incoming-${counter}`);
    writeFileSync(path, content);
    return path;
  }

  beforeEach(async () => {
    base = mkdtempSync(join(tmpdir(), 'argonaut-store-'));
    uploads = join(base, 'uploads');
    store = await LocalFileStore.open(uploads);
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  it('adds a file by moving it into place, creating folders, with hash and display', async () => {
    const source = temp('G28\n');
    const result = await store.addFile(['a', 'b', 'x.gcode'], source, { display: 'x?.gcode' });
    assert.equal(existsSync(source), false);
    assert.equal(readFileSync(join(uploads, 'a', 'b', 'x.gcode'), 'utf8'), 'G28\n');
    assert.deepEqual(result.createdFolders, [['a'], ['a', 'b']]);
    assert.equal(result.replaced, false);
    assert.equal(result.entry.display, 'x?.gcode');
    assert.match(String(result.entry.metadata.hash), /^[0-9a-f]{40}$/);
    const metadata = JSON.parse(readFileSync(join(uploads, 'a', 'b', '.metadata.json'), 'utf8'));
    assert.equal(metadata['x.gcode'].display, 'x?.gcode');
  });

  it('overwrites a file, keeping metadata only when the content is the same', async () => {
    await store.addFile(['x.gcode'], temp('G1\n'));
    await store.updateMetadata(['x.gcode'], (entry) => {
      entry.analysis = { estimatedPrintTime: 5 };
    });
    const same = await store.addFile(['x.gcode'], temp('G1\n'));
    assert.equal(same.replaced, true);
    assert.deepEqual(same.entry.metadata.analysis, { estimatedPrintTime: 5 });
    const changed = await store.addFile(['x.gcode'], temp('G2\n'));
    assert.equal(changed.entry.metadata.analysis, undefined);
  });

  it('refuses disallowed types and files over folders', async () => {
    await assert.rejects(store.addFile(['x.html'], temp('<b>')), { code: 'unsupported-type' });
    await store.addFolder(['dir.gcode']);
    await assert.rejects(store.addFile(['dir.gcode'], temp('G1')), { code: 'conflict' });
  });

  it('lists with depth, filter, sizes, hidden files and unknown types left out', async () => {
    await store.addFile(['top.gcode'], temp('12345'));
    await store.addFile(['model.stl'], temp('solid'));
    await store.addFile(['f', 'inner.gcode'], temp('123'));
    await store.addFile(['f', 'g', 'deep.gcode'], temp('1234567'));
    writeFileSync(join(uploads, 'notes.txt'), 'x');
    writeFileSync(join(uploads, '.secret.gcode'), 'x');
    const shallow = await store.list([], { depth: 0 });
    assert.deepEqual(shallow.map((e) => e.name), ['f', 'model.stl', 'top.gcode']);
    const folder = shallow[0] as StoredFolder;
    assert.equal(folder.kind, 'folder');
    assert.equal(folder.size, 10);
    assert.deepEqual(folder.children, []);
    const deep = await store.list([], { depth: Infinity });
    const f = deep[0] as StoredFolder;
    assert.deepEqual(f.children.map((e) => e.path), ['f/g', 'f/inner.gcode']);
    assert.deepEqual((f.children[0] as StoredFolder).children.map((e) => e.path), ['f/g/deep.gcode']);
    const filtered = await store.list([], { depth: Infinity, filter: (file) => file.typePath.includes('model') });
    assert.deepEqual(filtered.map((e) => e.name), ['f', 'model.stl']);
    assert.deepEqual((filtered[0] as StoredFolder).children.map((e) => e.name), ['g']);
    const one = await store.getEntry(['f'], { depth: 0 });
    assert.equal(one?.kind, 'folder');
    assert.deepEqual((one as StoredFolder).children.map((e) => e.name), ['g', 'inner.gcode']);
    assert.deepEqual(((one as StoredFolder).children[0] as StoredFolder).children, []);
  });

  it('renames hand-copied names that are not sanitised, keeping the original as display', async () => {
    writeFileSync(join(uploads, 'a:b.gcode'), 'G1');
    const entries = await store.list([], { depth: 0 });
    assert.deepEqual(entries.map((e) => [e.name, e.display]), [['ab.gcode', 'a:b.gcode']]);
    assert.ok(existsSync(join(uploads, 'ab.gcode')));
  });

  it('moves and renames files with their metadata, and folders with their contents', async () => {
    await store.addFile(['x.gcode'], temp('G1'));
    await store.updateMetadata(['x.gcode'], (entry) => {
      entry.userdata = { a: 1 };
    });
    await store.addFolder(['dest']);
    await store.move(['x.gcode'], ['dest', 'y.gcode'], 'y.gcode');
    assert.equal(await store.kindOf(['x.gcode']), null);
    assert.deepEqual((await store.getMetadata(['dest', 'y.gcode']))?.userdata, { a: 1 });
    await store.move(['dest'], ['moved'], 'moved');
    assert.deepEqual((await store.getMetadata(['moved', 'y.gcode']))?.userdata, { a: 1 });
    await assert.rejects(store.move(['moved'], ['moved', 'inner']), { code: 'invalid' });
    await assert.rejects(store.move(['moved'], ['missing', 'x']), { code: 'invalid' });
    await assert.rejects(store.move(['nothing.gcode'], ['x.gcode']), { code: 'not-found' });
    await store.addFile(['z.gcode'], temp('G1'));
    await assert.rejects(store.move(['z.gcode'], ['moved', 'y.gcode']), { code: 'conflict' });
    await assert.rejects(store.move(['z.gcode'], ['z.html']), { code: 'unsupported-type' });
  });

  it('copies files and folders, leaving symlinks out', async () => {
    await store.addFile(['f', 'x.gcode'], temp('G1'));
    await store.updateMetadata(['f', 'x.gcode'], (entry) => {
      entry.analysis = { estimatedPrintTime: 9 };
    });
    writeFileSync(join(base, 'outside.gcode'), 'secret');
    symlinkSync(join(base, 'outside.gcode'), join(uploads, 'f', 'link.gcode'));
    await store.copy(['f', 'x.gcode'], ['copy.gcode']);
    assert.deepEqual((await store.getMetadata(['copy.gcode']))?.analysis, { estimatedPrintTime: 9 });
    await store.copy(['f'], ['g']);
    assert.equal(readFileSync(join(uploads, 'g', 'x.gcode'), 'utf8'), 'G1');
    assert.equal(existsSync(join(uploads, 'g', 'link.gcode')), false);
    assert.deepEqual((await store.getMetadata(['g', 'x.gcode']))?.analysis, { estimatedPrintTime: 9 });
    await assert.rejects(store.copy(['f'], ['g']), { code: 'conflict' });
  });

  it('deletes files and folders with their metadata entries', async () => {
    await store.addFile(['f', 'x.gcode'], temp('G1'));
    await store.addFile(['y.gcode'], temp('G1'));
    await store.removeFile(['y.gcode']);
    await store.removeFolder(['f']);
    assert.deepEqual(await store.list([], { depth: 0 }), []);
    const metadata = JSON.parse(readFileSync(join(uploads, '.metadata.json'), 'utf8'));
    assert.deepEqual(Object.keys(metadata), []);
    await assert.rejects(store.removeFile(['y.gcode']), { code: 'not-found' });
    await assert.rejects(store.removeFolder([]), { code: 'invalid' });
  });

  it('keeps metadata across a restart', async () => {
    await store.addFile(['f', 'x.gcode'], temp('G1'));
    await store.updateMetadata(['f', 'x.gcode'], (entry) => {
      entry.history = [{ timestamp: 1, success: true, printerProfile: '_default', printTime: 10 }];
    });
    const reopened = await LocalFileStore.open(uploads);
    const metadata = await reopened.getMetadata(['f', 'x.gcode']);
    assert.deepEqual(metadata?.history, [{ timestamp: 1, success: true, printerProfile: '_default', printTime: 10 }]);
  });

  it('serialises concurrent metadata updates of one folder', async () => {
    await store.addFile(['x.gcode'], temp('G1'));
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        store.updateMetadata(['x.gcode'], (entry) => {
          entry[`k${i}`] = i;
        }),
      ),
    );
    const reopened = await LocalFileStore.open(uploads);
    const metadata = await reopened.getMetadata(['x.gcode']);
    for (let i = 0; i < 20; i += 1) assert.equal(metadata?.[`k${i}`], i);
  });

  it('never follows symlinks inside uploads', async () => {
    mkdirSync(join(base, 'outside'));
    writeFileSync(join(base, 'outside', 'passwd.gcode'), 'secret');
    symlinkSync(join(base, 'outside'), join(uploads, 'link'));
    symlinkSync(join(base, 'outside', 'passwd.gcode'), join(uploads, 'l.gcode'));
    assert.deepEqual(await store.list([], { depth: Infinity }), []);
    assert.equal(await store.getEntry(['link', 'passwd.gcode']), null);
    assert.equal(await store.getEntry(['l.gcode']), null);
    await assert.rejects(store.addFile(['link', 'new.gcode'], temp('G1')), { code: 'invalid' });
    await assert.rejects(store.addFile(['l.gcode'], temp('G1')), { code: 'conflict' });
    await assert.rejects(store.move(['link', 'passwd.gcode'], ['stolen.gcode']), { code: 'not-found' });
    await assert.rejects(store.copy(['l.gcode'], ['stolen.gcode']), { code: 'not-found' });
    assert.equal(existsSync(join(base, 'outside', 'new.gcode')), false);
    assert.equal(readFileSync(join(base, 'outside', 'passwd.gcode'), 'utf8'), 'secret');
  });

  it('reports free and total bytes', async () => {
    const usage = await store.usage();
    assert.ok(Number.isInteger(usage.free) && usage.free > 0);
    assert.ok(usage.total >= usage.free);
  });
});
