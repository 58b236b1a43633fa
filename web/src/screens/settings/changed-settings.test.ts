// A settings save carries only what the user changed in the form.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { changedSettings } from './changed-settings.js';

describe('changedSettings', () => {
  it('keeps only the changed keys, section by section', () => {
    const start = { serial: { log: false, port: 'AUTO', baudrate: 0 }, appearance: { name: 'A' } };
    const next = { serial: { log: true, port: 'AUTO', baudrate: 0 }, appearance: { name: 'A' } };
    assert.deepEqual(changedSettings(next, start), { serial: { log: true } });
  });

  it('compares lists as a whole and sends nothing when nothing changed', () => {
    const profiles = [{ name: 'PLA', extruder: 200, bed: 60 }];
    assert.deepEqual(changedSettings({ temperature: { profiles } }, { temperature: { profiles: structuredClone(profiles) } }), {});
    const edited = [{ name: 'PLA', extruder: 205, bed: 60 }];
    assert.deepEqual(changedSettings({ temperature: { profiles: edited } }, { temperature: { profiles } }), { temperature: { profiles: edited } });
  });

  it('sends a key the start did not have', () => {
    assert.deepEqual(changedSettings({ api: { allowCrossOrigin: true } }, {}), { api: { allowCrossOrigin: true } });
  });
});
