// Unit tests of the worker- and process-start helpers: the built file or the sources under tsx, and one crash report at most.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { crashReport, processEntry, workerEntry } from './thread-start.js';

describe('workerEntry', () => {
  it('points at the built file beside a compiled caller, without resolving tsx', () => {
    const entry = workerEntry('file:///opt/argonaut/dist/argonaut.cjs', 'analysis-worker', () => assert.fail('tsx is not needed'));
    assert.deepEqual(entry, { code: new URL('file:///opt/argonaut/dist/analysis-worker.js'), eval: false });
  });

  it('registers tsx and then imports the sources beside a .ts caller', () => {
    const entry = workerEntry('file:///src/files/analysis/queue/worker-start.ts', 'analysis-worker', () => 'file:///node_modules/tsx/api.mjs');
    assert.equal(entry.eval, true);
    assert.equal(
      entry.code,
      'import("file:///node_modules/tsx/api.mjs").then((api) => { api.register(); return import("file:///src/files/analysis/queue/analysis-worker.ts"); });',
    );
  });
});

describe('processEntry', () => {
  it('forks the built file beside a compiled caller with no flags, without resolving tsx', () => {
    const entry = processEntry('file:///opt/argonaut/dist/argonaut.cjs', 'driver-entry', () => assert.fail('tsx is not needed'));
    assert.deepEqual(entry, { file: new URL('file:///opt/argonaut/dist/driver-entry.js'), execArgv: [] });
  });

  it('forks the sources beside a .ts caller, loaded by tsx', () => {
    const entry = processEntry('file:///src/printer/process/driver-process.ts', 'driver-entry', () => 'file:///node_modules/tsx/dist/loader.mjs');
    assert.deepEqual(entry, { file: new URL('file:///src/printer/process/driver-entry.ts'), execArgv: ['--import', 'file:///node_modules/tsx/dist/loader.mjs'] });
  });
});

describe('crashReport', () => {
  it('reports the first crash only', () => {
    const seen: string[] = [];
    const report = crashReport((error) => seen.push(error.message));
    assert.equal(report.ended, false);
    report.crash(new Error('boom'));
    report.crash(new Error('exited with code 1'));
    assert.deepEqual(seen, ['boom']);
    assert.equal(report.ended, true);
  });

  it('reports nothing once the thread is being stopped', () => {
    const seen: string[] = [];
    const report = crashReport((error) => seen.push(error.message));
    report.stopping();
    assert.equal(report.ended, true);
    report.crash(new Error('exited with code 1'));
    assert.deepEqual(seen, []);
  });
});
