// Tests for the local camera without an ffmpeg: viewers and snapshots get a plain sentence, nothing is started.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LocalCamera } from './local-camera.js';

describe('LocalCamera without ffmpeg', () => {
  it('ends each viewer and refuses snapshots with a sentence saying what is missing', async () => {
    const logs: string[] = [];
    const camera = new LocalCamera({ ffmpeg: () => undefined, settings: () => ({ inputArgs: [], quality: 5, lingerMs: 0 }), log: (_level, message) => logs.push(message) });
    const ended: string[] = [];
    camera.watch({ frame: () => assert.fail('no frames without ffmpeg'), end: (reason) => ended.push(reason) });
    assert.equal(ended.length, 1);
    assert.match(ended[0]!, /No ffmpeg was found/);
    assert.equal(camera.viewerCount, 0);
    assert.equal(camera.capturing, false);
    await assert.rejects(camera.snapshot(1000, 1000), /No ffmpeg was found/);
    camera.dispose();
  });
});
