// Analysis of stored files with the real worker queue: results in metadata before the event, abort on delete,
// pause while printing, the startup backlog.
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { EventBus } from '../events/index.js';
import { FileManager } from './file-manager.js';
import { until } from '../../test/support/until.js';

const TORUS = fileURLToPath(new URL('../../test/fixtures/gcode/torus.gcode', import.meta.url));
const BUNNY = fileURLToPath(new URL('../../test/fixtures/gcode/bunny.gcode', import.meta.url));

describe('FileManager analysis', () => {
  let base: string;
  let events: EventBus;
  let files: FileManager;
  let seen: string[];

  function temp(fixture: string): string {
    const path = join(base, `in-${Math.random().toString(16).slice(2)}`);
    copyFileSync(fixture, path);
    return path;
  }

  beforeEach(async () => {
    base = mkdtempSync(join(tmpdir(), 'argonaut-fa-'));
    events = new EventBus();
    seen = [];
    events.onAny((name) => {
      if (name.startsWith('Metadata')) seen.push(name);
    });
    files = await FileManager.open({ uploads: join(base, 'uploads'), events });
  });
  afterEach(async () => {
    await files.close();
    rmSync(base, { recursive: true, force: true });
  });

  it('analyses an added G-code file and stores the result before announcing it', async () => {
    let stored: unknown;
    const finished = new Promise<void>((resolve) => {
      events.on('MetadataAnalysisFinished', (payload) => {
        assert.equal(payload.path, 'parts/torus.gcode');
        void files.getMetadata('parts/torus.gcode').then((metadata) => {
          stored = metadata?.analysis;
          resolve();
        });
      });
    });
    await files.addFile('parts/torus.gcode', temp(TORUS));
    await finished;
    const analysis = stored as { estimatedPrintTime?: number; filament?: Record<string, { length: number }> };
    assert.ok(typeof analysis.estimatedPrintTime === 'number' && analysis.estimatedPrintTime > 0, 'an estimated print time');
    assert.ok((analysis.filament?.tool0?.length ?? 0) > 0, 'filament of tool0');
    assert.deepEqual(seen, ['MetadataAnalysisStarted', 'MetadataAnalysisFinished']);
    assert.equal(await files.analyse('parts/torus.gcode'), true);
    assert.equal(await files.analyse('parts/missing.gcode'), false);
  });

  it('does not analyse models, and aborts when the file is deleted', async () => {
    await files.addFile('m.stl', temp(TORUS));
    assert.equal(await files.analyse('m.stl'), false);
    events.emit('PrintStarted', { name: 'x', path: 'x', origin: 'local', size: null, owner: null, user: null });
    await files.addFile('bunny.gcode', temp(BUNNY));
    await files.remove('bunny.gcode');
    events.emit('PrintDone', { name: 'x', path: 'x', origin: 'local', size: null, owner: null, user: null, time: 1 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Held by the print, then dropped by the delete: after the print nothing starts.
    assert.deepEqual(seen, []);
  });

  it('holds analyses while a print runs', async () => {
    events.emit('PrintStarted', { name: 'x', path: 'x', origin: 'local', size: null, owner: null, user: null });
    await files.addFile('held.gcode', temp(TORUS));
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.deepEqual(seen, [], 'nothing started during the print');
    assert.equal((await files.getMetadata('held.gcode'))?.analysis, undefined);
    events.emit('PrintCancelled', { name: 'x', path: 'x', origin: 'local', size: null, owner: null, user: null, time: 1 });
    await until(async () => (await files.getMetadata('held.gcode'))?.analysis !== undefined, 'the analysis after the print', 20_000);
  });

  it('analyses files found without analysis at startup', async () => {
    await files.close();
    const plain = await FileManager.open({ uploads: join(base, 'uploads'), events, analysis: false });
    await plain.addFile('old/torus.gcode', temp(TORUS));
    await plain.close();
    files = await FileManager.open({ uploads: join(base, 'uploads'), events });
    await until(async () => (await files.getMetadata('old/torus.gcode'))?.analysis !== undefined, 'the backlog analysis', 20_000);
  });
});
