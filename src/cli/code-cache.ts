// Runs a CommonJS file through node:vm with a V8 code cache on disk, so a later start skips compiling it again.
import { isAscii } from 'node:buffer';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Script, constants } from 'node:vm';

/** What became of the cache files: one was used, V8 refused one, one was for other source, or there was none. */
export type CacheOutcome = 'accepted' | 'rejected' | 'stale' | 'missing';

export interface CachedScript {
  /** `module.exports` of the file after it ran. */
  exports: unknown;
  cache: CacheOutcome;
  /**
   * Writes a new cache (the code V8 compiled so far, so call it once the work worth caching has run) unless the one
   * read was used; gives the file written, or null. Never throws: without a cache the next start only compiles again.
   */
  saveCache(): string | null;
}

/** Bytes before V8's data in a cache file: the SHA-256 of the source it was made from. */
const DIGEST_BYTES = 32;
/** V8 checks a cache against the source's length only, not its text: the digest in front catches a rebuilt file of the same length. */
function digestOf(source: Buffer): Buffer {
  return createHash('sha256').update(source).digest();
}

function readCache(cacheFiles: readonly string[], digest: Buffer): { data: Buffer | undefined; outcome: CacheOutcome } {
  let outcome: CacheOutcome = 'missing';
  for (const file of cacheFiles) {
    let content: Buffer;
    try {
      content = readFileSync(file);
    } catch {
      continue;
    }
    if (content.length > DIGEST_BYTES && content.subarray(0, DIGEST_BYTES).equals(digest)) return { data: content.subarray(DIGEST_BYTES), outcome: 'accepted' };
    outcome = 'stale';
  }
  return { data: undefined, outcome };
}

/** Temp file + rename, so a reader (another start at the same moment) sees a whole cache or none. */
function writeCache(file: string, digest: Buffer, data: Buffer): boolean {
  const temporary = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(temporary, Buffer.concat([digest, data]));
    renameSync(temporary, file);
    return true;
  } catch {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // The folder could not be made: there is no temp file.
    }
    return false;
  }
}

/**
 * Runs `file` (CommonJS) as Node's module loader would — same wrapper, `require` relative to it, `import()` through
 * the main loader — compiled from the first of `cacheFiles` made from the same source, if any. A new cache goes to
 * the first of `cacheFiles` that can be written.
 */
export function runWithCodeCache(file: string, cacheFiles: readonly string[]): CachedScript {
  const source = readFileSync(file);
  const digest = digestOf(source);
  const read = readCache(cacheFiles, digest);
  // The wrapper adds no line before the source, so positions in stack traces stay right.
  // ASCII (as the server bundle is) reads faster as Latin-1, which gives the same text.
  const text = isAscii(source) ? source.toString('latin1') : source.toString('utf8');
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${text}\n})`, {
    filename: file,
    cachedData: read.data,
    // import() in the script goes through the main loader (Node 20 warns that this is experimental, and a callback
    // of our own would need --experimental-vm-modules): the server bundle turns its import() into require().
    importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const cache: CacheOutcome = read.data && script.cachedDataRejected === true ? 'rejected' : read.outcome;
  const module = { exports: {} as unknown };
  const wrapper = script.runInThisContext() as (exports: unknown, require: NodeRequire, module: { exports: unknown }, filename: string, dirname: string) => void;
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  return {
    exports: module.exports,
    cache,
    saveCache: () => {
      if (cache === 'accepted') return null;
      let data: Buffer;
      try {
        data = script.createCachedData();
      } catch {
        return null;
      }
      return cacheFiles.find((cacheFile) => writeCache(cacheFile, digest, data)) ?? null;
    },
  };
}
