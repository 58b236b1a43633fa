// The settings JSON for readers with different permissions (identities built directly, no HTTP).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { guestIdentity } from '../../../auth/index.js';
import type { PermissionKey } from '../../../auth/index.js';
import { resolveConfig } from '../../../config/index.js';
import { buildSettingsJson } from './settings-dump.js';

const config = resolveConfig({ webcam: { stream: 'http://cam/stream', snapshot: '' } }).config;
const build = (...permissions: PermissionKey[]) =>
  buildSettingsJson({
    config,
    identity: guestIdentity(new Set(permissions)),
    folders: { uploads: '/u', logs: '/l', timelapse: '/t', watched: '/w' },
    connection: { ports: ['/dev/ttyUSB0'], baudrates: [115200] },
    controls: [{ name: 'Fan', children: [] }],
    notices: { restartNeeded: ['server.port'], configProblem: 'config.yaml is not valid YAML: oops.' },
  });

describe('settings JSON', () => {
  it('shows custom controls only with CONTROL and the webcam only with WEBCAM', () => {
    assert.deepEqual(build('SETTINGS_READ').controls, []);
    assert.deepEqual(build('SETTINGS_READ', 'CONTROL').controls, [{ name: 'Fan', children: [] }]);
    assert.deepEqual(build('SETTINGS_READ').webcam, {});
    const webcam = build('SETTINGS_READ', 'WEBCAM').webcam as Record<string, unknown>;
    assert.equal(webcam.streamUrl, 'http://cam/stream');
    assert.equal(webcam.webcamEnabled, true);
    assert.equal(webcam.defaultWebcam, 'classic');
    assert.equal(webcam.snapshotWebcam, null, 'no snapshot URL, no snapshot webcam');
  });

  it('shows accessControl only to admins, and never an API key', () => {
    assert.equal('accessControl' in build('SETTINGS_READ', 'SETTINGS', 'SYSTEM'), false);
    const admin = build('ADMIN');
    assert.deepEqual(admin.accessControl, { autologinLocal: false, autologinHeadsupAcknowledged: false });
    assert.deepEqual(admin.api, { allowCrossOrigin: false, key: null });
    assert.deepEqual(admin.controls, [{ name: 'Fan', children: [] }], 'ADMIN implies CONTROL');
  });

  it("gives Argonaut's notices to every reader, the problem's wording only to admins", () => {
    assert.deepEqual(build('ADMIN').argonaut, { restartNeeded: ['server.port'], configProblem: 'config.yaml is not valid YAML: oops.' });
    assert.deepEqual(build('SETTINGS_READ').argonaut, { restartNeeded: ['server.port'], configProblem: 'config.yaml cannot be read; an administrator has to fix it.' });
  });

  it('reports no webcam without a stream URL, whatever webcamEnabled says', () => {
    const none = buildSettingsJson({
      config: resolveConfig({ webcam: { webcamEnabled: true } }).config,
      identity: guestIdentity(new Set(['ADMIN'])),
      folders: { uploads: '/u', logs: '/l', timelapse: '/t', watched: '/w' },
      connection: { ports: [], baudrates: [] },
      controls: [],
      notices: { restartNeeded: [], configProblem: null },
    }).webcam as Record<string, unknown>;
    assert.equal(none.webcamEnabled, false);
    assert.deepEqual(none.webcams, []);
    assert.equal(none.streamUrl, '');
  });

  it('takes the port options from the connection and the folders from the server', () => {
    const json = build('SETTINGS_READ');
    assert.deepEqual((json.serial as Record<string, unknown>).portOptions, ['/dev/ttyUSB0']);
    assert.deepEqual((json.serial as Record<string, unknown>).baudrateOptions, [115200]);
    assert.deepEqual(json.folder, { uploads: '/u', logs: '/l', timelapse: '/t', watched: '/w' });
  });
});
