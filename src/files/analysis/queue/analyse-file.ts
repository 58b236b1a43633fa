// Analyses one file on disk by reading it through the analyser in large chunks (current thread).
import { open } from 'node:fs/promises';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { GcodeAnalysis } from '../../../shared/index.js';
import { GcodeAnalyser } from '../index.js';
import type { GcodeAnalyserOptions } from '../index.js';

/** Bytes read so far out of the file's size. */
export interface AnalysisProgress {
  bytes: number;
  total: number;
}

export interface AnalyseFileOptions {
  analyser?: GcodeAnalyserOptions;
  /** Bytes read at a time. */
  chunkSize?: number;
  /** Aborting rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Awaited between chunks: resolves when the analysis may go on (pausing). */
  gate?: () => Promise<void> | undefined;
}

export const DEFAULT_CHUNK_SIZE = 1024 * 1024;

/**
 * Reads `path` through a {@link GcodeAnalyser} in chunks, reporting progress after every chunk. One buffer is reused
 * for every chunk (the analyser keeps nothing of it), so memory stays flat and no fresh pages are faulted in per
 * chunk, whatever the file size. Used by the worker thread, and directly by the CLI (`argonaut analyse FILE`).
 */
export async function analyseFile(
  path: string,
  onProgress?: (progress: AnalysisProgress) => void,
  options: AnalyseFileOptions = {},
): Promise<GcodeAnalysis> {
  const { signal, gate } = options;
  signal?.throwIfAborted();
  const file = await open(path, 'r');
  try {
    const total = (await file.stat()).size;
    const analyser = new GcodeAnalyser(options.analyser);
    const buffer = new Uint8Array(Math.max(1, options.chunkSize ?? DEFAULT_CHUNK_SIZE));
    for (;;) {
      signal?.throwIfAborted();
      const { bytesRead } = await file.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      analyser.feed(buffer.subarray(0, bytesRead));
      onProgress?.({ bytes: analyser.bytesProcessed, total });
      // Let messages (pause, abort) in between chunks.
      await nextTurn();
      for (let wait = gate?.(); wait && !signal?.aborted; wait = gate?.()) await wait;
    }
    signal?.throwIfAborted();
    return analyser.finish();
  } finally {
    await file.close();
  }
}
