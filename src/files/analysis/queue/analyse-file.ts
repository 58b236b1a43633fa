// Analyses one file on disk by streaming it through the analyser in large chunks (current thread).
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
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
  /** Bytes read at a time (the stream's highWaterMark). */
  chunkSize?: number;
  /** Aborting rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Awaited between chunks: resolves when the analysis may go on (pausing). */
  gate?: () => Promise<void> | undefined;
}

export const DEFAULT_CHUNK_SIZE = 1024 * 1024;

/**
 * Streams `path` through a {@link GcodeAnalyser}, reporting progress after every chunk. Memory stays at about one
 * chunk whatever the file size. Used by the worker thread, and directly by the CLI (`argonaut analyse FILE`).
 */
export async function analyseFile(
  path: string,
  onProgress?: (progress: AnalysisProgress) => void,
  options: AnalyseFileOptions = {},
): Promise<GcodeAnalysis> {
  const { signal, gate } = options;
  signal?.throwIfAborted();
  const total = (await stat(path)).size;
  const analyser = new GcodeAnalyser(options.analyser);
  const stream = createReadStream(path, { highWaterMark: options.chunkSize ?? DEFAULT_CHUNK_SIZE, signal });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    analyser.feed(chunk);
    onProgress?.({ bytes: analyser.bytesProcessed, total });
    // Let messages (pause, abort) in between chunks.
    await nextTurn();
    for (let wait = gate?.(); wait && !signal?.aborted; wait = gate?.()) await wait;
    signal?.throwIfAborted();
  }
  return analyser.finish();
}
