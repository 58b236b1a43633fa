// keys.yaml shared with another process: a key removed there while the server writes last-use times stays removed.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parse, stringify } from 'yaml';
import { AppKeyStore } from './app-key-store.js';

describe('AppKeyStore', () => {
  const dir = mkdtempSync(join(tmpdir(), 'argonaut-appkey-store-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps a key removed by another process removed when its own write was on the way, and reports it once', async () => {
    const file = join(dir, 'keys.yaml');
    let clock = 1_000_000;
    const store = AppKeyStore.open(file, { now: () => clock });
    const { key: kept } = await store.issue({ user: 'alice', app: 'Slicer', scope: null, expires: null });
    const { key: revoked } = await store.issue({ user: 'alice', app: 'Phone', scope: null, expires: null });
    clock += 5000;
    store.noteUse(kept, clock);
    store.noteUse(revoked, clock);
    const writing = store.flush(); // the last-use times are on their way to disk
    const cli = parse(readFileSync(file, 'utf8')) as Record<string, Array<{ id: string }>>;
    cli.alice = (cli.alice ?? []).filter((entry) => entry.id !== revoked.id);
    writeFileSync(file, stringify(cli));
    const early = store.refresh(); // the watcher, while the write is on the way
    await writing;
    const gone = [...early, ...store.refresh()];
    assert.deepEqual(gone.map((key) => key.id), [revoked.id], 'reported once');
    assert.equal(store.get(revoked.id), null);
    const disk = AppKeyStore.open(file);
    assert.equal(disk.get(revoked.id), null, 'not written back');
    assert.equal(disk.get(kept.id)?.lastUsed, clock, 'our last-use time is kept');
    assert.deepEqual(disk.all().map((key) => key.id), store.all().map((key) => key.id), 'memory equals disk');
  });
});
