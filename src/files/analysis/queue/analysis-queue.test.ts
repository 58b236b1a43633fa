// Tests of the analysis queue with its real worker thread: results, events, pause/resume, abort, failures.
import assert from 'node:assert/strict';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { getPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { EventBus } from '../../../events/index.js';
import type { EventPayloads } from '../../../events/index.js';
import { AnalysisAbortedError, AnalysisQueue, analyseFile } from './index.js';
import type { AnalysisProgressEvent } from './index.js';
import { until } from '../../../../test/support/until.js';

const FIXTURES = new URL('../../../../test/fixtures/gcode/', import.meta.url);
const TORUS = fileURLToPath(new URL('torus.gcode', FIXTURES));
const BUNNY = fileURLToPath(new URL('bunny.gcode', FIXTURES));
const COPIES = 4;

// Every assert.ok carries a message: without one, a failing assert.ok re-reads the source, which can hang under tsx.

/** Nice values of this process's threads (Linux). */
async function threadNiceValues(): Promise<number[]> {
  const threads = await readdir('/proc/self/task');
  const stats = await Promise.all(threads.map((tid) => readFile(`/proc/self/task/${tid}/stat`, 'utf8').catch(() => '')));
  return stats.map((stat) => Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]));
}

/** Waits for `condition` (polling), failing after `timeoutMs`. */

describe('AnalysisQueue', () => {
  let dir: string;
  let big: string;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'argonaut-analysis-'));
    big = join(dir, `bunny-x${COPIES}.gcode`);
    const bunny = await readFile(BUNNY);
    const out = createWriteStream(big);
    for (let i = 0; i < COPIES; i++) out.write(bunny);
    await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  });

  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('analyses a file in the worker, with the same result as in this thread, and announces it', async () => {
    const events = new EventBus();
    const seen: Array<[string, unknown]> = [];
    events.onAny((name, payload) => seen.push([name, payload]));
    const priorityBefore = getPriority();
    const queue = new AnalysisQueue({ events });
    const finished: string[] = [];
    queue.onFinished((path) => finished.push(path));
    try {
      const result = await queue.enqueue({ path: 'folder/torus.gcode', file: TORUS });
      assert.deepEqual(result, await analyseFile(TORUS));
      assert.ok(Math.abs((result.filament.tool0?.length ?? 0) - 521.737) < 0.01, 'torus filament');
      assert.deepEqual(finished, ['folder/torus.gcode']);
      const started = seen.find(([name]) => name === 'MetadataAnalysisStarted')?.[1] as EventPayloads['MetadataAnalysisStarted'];
      assert.deepEqual(started, { name: 'torus.gcode', path: 'folder/torus.gcode', origin: 'local', type: ['machinecode', 'gcode'] });
      const done = seen.find(([name]) => name === 'MetadataAnalysisFinished')?.[1] as EventPayloads['MetadataAnalysisFinished'];
      assert.equal(done.path, 'folder/torus.gcode');
      assert.deepEqual(done.result, result);
      if (process.platform === 'linux') {
        // The worker thread runs niced; the server's thread does not.
        assert.equal(getPriority(), priorityBefore);
        assert.ok((await threadNiceValues()).includes(Math.max(10, priorityBefore)), 'a thread at nice 10');
      }
    } finally {
      await queue.dispose();
    }
  });

  it('stops its worker thread when idle, and starts a new one for the next file', async () => {
    const queue = new AnalysisQueue({ idleStopMs: 100 });
    const workerThreads = async () => (await threadNiceValues()).filter((nice) => nice === 10).length;
    try {
      const first = await queue.enqueue({ path: 'torus.gcode', file: TORUS });
      assert.ok((await workerThreads()) > 0, 'the niced worker thread runs after an analysis');
      const deadline = Date.now() + 8000;
      while ((await workerThreads()) > 0) {
        if (Date.now() > deadline) throw new Error('the idle worker thread did not stop');
        await sleep(20);
      }
      assert.deepEqual(await queue.enqueue({ path: 'again/torus.gcode', file: TORUS }), first);
    } finally {
      await queue.dispose();
    }
  });

  describe('sharing one worker', () => {
    let queue: AnalysisQueue;

    before(() => {
      queue = new AnalysisQueue({ chunkSize: 128 * 1024 });
    });

    after(async () => {
      await queue.dispose();
    });

    it('stops making progress while paused and goes on after resume', async () => {
      const progress: AnalysisProgressEvent[] = [];
      const listening = queue.onProgress((event) => progress.push(event));
      try {
        let done = false;
        const promise = queue.enqueue({ path: 'big.gcode', file: big }).then((result) => {
          done = true;
          return result;
        });
        await until(() => progress.length > 0, 'progress.length > 0', 8000);
        queue.pause();
        assert.equal(queue.paused, true);
        await sleep(150); // a chunk already under way may still report
        const held = progress.length;
        await sleep(400);
        assert.equal(progress.length, held, 'no progress while paused');
        assert.equal(done, false);
        assert.ok((progress.at(-1)?.bytes ?? 0) < (progress.at(-1)?.total ?? 0), 'paused before the end');
        queue.resume();
        const result = await promise;
        assert.equal(progress.at(-1)?.bytes, progress.at(-1)?.total);
        assert.deepEqual(result, await analyseFile(big));
      } finally {
        listening.dispose();
        queue.resume();
      }
    });

    it('does not start queued work while paused', async () => {
      try {
        queue.pause();
        const promise = queue.enqueue({ path: 'torus.gcode', file: TORUS });
        await sleep(300);
        assert.equal(queue.current, undefined);
        assert.deepEqual(queue.queued, ['torus.gcode']);
        queue.resume();
        assert.ok((await promise).filament.tool0, 'a result');
      } finally {
        queue.resume();
      }
    });

    it('aborts a running job and a queued one, then carries on with the rest', async () => {
      const finished: string[] = [];
      const listening = queue.onFinished((path) => finished.push(path));
      try {
        const running = queue.enqueue({ path: 'big.gcode', file: big });
        const queued = queue.enqueue({ path: 'queued.gcode', file: TORUS });
        const last = queue.enqueue({ path: 'torus.gcode', file: TORUS });
        await until(() => queue.current !== undefined && queue.current.bytes > 0, 'queue.current !== undefined && queue.current.bytes > 0', 8000);
        assert.equal(queue.abort('queued.gcode'), true);
        assert.equal(queue.abort('big.gcode'), true);
        assert.equal(queue.abort('unknown.gcode'), false);
        await assert.rejects(running, AnalysisAbortedError);
        await assert.rejects(queued, AnalysisAbortedError);
        assert.ok((await last).filament.tool0, 'a result');
        assert.deepEqual(finished, ['torus.gcode']);
      } finally {
        listening.dispose();
        queue.resume();
      }
    });

    it('aborts a paused job', async () => {
      try {
        const running = queue.enqueue({ path: 'big.gcode', file: big });
        await until(() => (queue.current?.bytes ?? 0) > 0, '(queue.current?.bytes ?? 0) > 0', 8000);
        queue.pause();
        queue.abort('big.gcode');
        await assert.rejects(running, AnalysisAbortedError);
        queue.resume();
        assert.ok((await queue.enqueue({ path: 'torus.gcode', file: TORUS })).filament.tool0, 'a result');
      } finally {
        queue.resume();
      }
    });

    it('runs high-priority jobs first and rejects a missing file', async () => {
      const finished: string[] = [];
      const listening = queue.onFinished((path) => finished.push(path));
      try {
        queue.pause();
        const normal = queue.enqueue({ path: 'normal.gcode', file: TORUS });
        const urgent = queue.enqueue({ path: 'urgent.gcode', file: TORUS }, { highPriority: true });
        const missing = queue.enqueue({ path: 'missing.gcode', file: join(dir, 'missing.gcode') });
        queue.resume();
        await Promise.all([normal, urgent]);
        await assert.rejects(missing, /missing\.gcode failed/);
        assert.deepEqual(finished, ['urgent.gcode', 'normal.gcode']);
      } finally {
        listening.dispose();
        queue.resume();
      }
    });
  });

  it('rejects what is left when disposed', async () => {
    const queue = new AnalysisQueue({ chunkSize: 128 * 1024 });
    const running = queue.enqueue({ path: 'big.gcode', file: big });
    const queued = queue.enqueue({ path: 'torus.gcode', file: TORUS });
    await queue.dispose();
    await assert.rejects(running, AnalysisAbortedError);
    await assert.rejects(queued, AnalysisAbortedError);
    await assert.rejects(queue.enqueue({ path: 'late.gcode', file: TORUS }));
  });
});

describe('analyseFile', () => {
  it('reports progress up to the file size', async () => {
    const progress: number[] = [];
    const result = await analyseFile(TORUS, ({ bytes, total }) => progress.push(bytes / total), { chunkSize: 64 * 1024 });
    assert.ok(progress.length >= 4, `${progress.length} progress reports`);
    assert.equal(progress.at(-1), 1);
    assert.ok(Math.abs((result.dimensions.width ?? 0) - 38) < 1e-9, 'torus width');
  });

  it('stops when its signal aborts', async () => {
    const controller = new AbortController();
    const promise = analyseFile(BUNNY, () => controller.abort(), { chunkSize: 64 * 1024, signal: controller.signal });
    await assert.rejects(promise, { name: 'AbortError' });
  });
});
