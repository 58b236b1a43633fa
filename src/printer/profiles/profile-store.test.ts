// Printer profile store: the _default profile on disk, save/merge/validate, default and current rules, removal.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { ConfigStore } from '../../config/index.js';
import { sanitizeProfileId, validateProfile } from './printer-profile.js';
import { PrinterProfileStore } from './profile-store.js';

describe('PrinterProfileStore', () => {
  let folder: string;
  let config: ConfigStore;
  let store: PrinterProfileStore;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'profiles-'));
    config = ConfigStore.fromText('', join(folder, 'config.yaml'));
    store = new PrinterProfileStore(folder, config);
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('creates _default with OctoPrint’s default fields', () => {
    const profile = store.get('_default');
    assert.ok(profile);
    assert.equal(profile.name, 'Default');
    assert.equal(profile.model, 'Generic RepRap Printer');
    assert.deepEqual(profile.volume, { width: 200, depth: 200, height: 200, formFactor: 'rectangular', origin: 'lowerleft', custom_box: false });
    assert.equal(profile.heatedBed, true);
    assert.equal(profile.heatedChamber, false);
    assert.deepEqual(profile.axes.e, { speed: 300, inverted: false });
    assert.deepEqual(profile.extruder.offsets, [[0, 0]]);
    assert.match(readFileSync(join(folder, '_default.profile'), 'utf8'), /model: Generic RepRap Printer/);
  });

  it('saves a partial profile merged over the defaults, refuses overwriting unless allowed', async () => {
    const saved = await store.save({ id: 'my printer', name: 'Mine', volume: { width: 250 } }, { allowOverwrite: false, makeDefault: false });
    assert.equal(saved.id, 'my_printer');
    assert.equal(store.get('my_printer')?.volume.width, 250);
    assert.equal(store.get('my_printer')?.volume.depth, 200);
    await assert.rejects(store.save({ id: 'my_printer', name: 'Again' }, { allowOverwrite: false, makeDefault: false }), /already exists/);
    await store.save({ id: 'my_printer', name: 'Again' }, { allowOverwrite: true, makeDefault: true });
    assert.equal(store.defaultId(), 'my_printer');
    assert.equal(config.config.printerProfiles.default, 'my_printer');
    assert.deepEqual(Object.keys(store.all()).sort(), ['_default', 'my_printer']);
  });

  it('refuses invalid profiles', async () => {
    await assert.rejects(store.save({ id: 'bad', name: 'x', volume: { width: -1 } }, { allowOverwrite: false, makeDefault: false }), /invalid/);
    await assert.rejects(store.save({ id: 'a/b', name: 'x' }, { allowOverwrite: false, makeDefault: false }), /invalid/);
    await assert.rejects(store.save({ id: 'bad', name: 'x', volume: { formFactor: 'hexagonal' } }, { allowOverwrite: false, makeDefault: false }), /invalid/);
    assert.equal(store.exists('bad'), false);
  });

  it('keeps the default and the current profile from being removed', async () => {
    await store.save({ id: 'other', name: 'Other' }, { allowOverwrite: false, makeDefault: false });
    assert.throws(() => store.remove('_default'), /Cannot delete default profile/);
    store.select('other');
    assert.equal(store.currentOrDefault().id, 'other');
    assert.throws(() => store.remove('other'), /Cannot delete currently selected profile/);
    store.select(null);
    store.remove('other');
    assert.equal(store.exists('other'), false);
    assert.throws(() => store.remove('nothing'), /Unknown profile/);
  });

  it('skips unreadable profile files', () => {
    writeFileSync(join(folder, 'broken.profile'), 'volume: [1, 2');
    assert.equal(store.get('broken'), null);
    assert.deepEqual(Object.keys(store.all()), ['_default']);
  });
  it('reads without a copy for readers, gives copies to others, and notices a hand edit when refreshed', () => {
    assert.equal(store.read('_default'), store.readCurrentOrDefault());
    const copy = store.currentOrDefault();
    copy.name = 'Changed in the copy';
    assert.equal(store.readCurrentOrDefault().name, 'Default');
    const text = readFileSync(join(folder, '_default.profile'), 'utf8').replace('name: Default', 'name: Edited by hand');
    writeFileSync(join(folder, '_default.profile'), text);
    const before = store.lastModified;
    store.refresh();
    assert.equal(store.readCurrentOrDefault().name, 'Edited by hand');
    assert.ok(store.lastModified > before, 'clients see new validators');
    rmSync(join(folder, '_default.profile'));
    store.refresh();
    assert.equal(store.read('_default'), null);
    assert.equal(store.exists('_default'), false);
  });
});

describe('profile rules', () => {
  it('sanitises ids like OctoPrint', () => {
    assert.equal(sanitizeProfileId('My Printer (v2)'), 'My_Printer_(v2)');
    assert.equal(sanitizeProfileId('a\\b'), null);
    assert.equal(sanitizeProfileId('ü'), null);
  });

  it('makes a circular bed as deep as it is wide and pads extruder offsets', () => {
    const result = validateProfile({ id: 'd', name: 'Delta', volume: { formFactor: 'circular', origin: 'center', width: 180, depth: 10 }, extruder: { count: 2 } });
    assert.ok('profile' in result);
    assert.equal(result.profile.volume.depth, 180);
    assert.deepEqual(result.profile.extruder.offsets, [[0, 0], [0, 0]]);
  });
});
