// Runs the `argonaut` command from the CommonJS server bundle (dist/argonaut.cjs) with a V8 code cache for each command.
import { createHash } from 'node:crypto';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { runWithCodeCache } from './code-cache.js';
import type { CacheOutcome } from './code-cache.js';

interface CliBundle {
  runCli(argv: string[]): Promise<number>;
}

/** The user's cache folder: $XDG_CACHE_HOME, %LOCALAPPDATA% on Windows, else ~/.cache; null if there is no home folder. */
export function userCacheFolder(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home: () => string = homedir): string | null {
  if (env.XDG_CACHE_HOME) return env.XDG_CACHE_HOME;
  if (platform === 'win32' && env.LOCALAPPDATA) return env.LOCALAPPDATA;
  try {
    return join(home(), '.cache');
  } catch {
    // No home folder (a service user without one): the cache beside the bundle is the only place.
    return null;
  }
}

/**
 * Where the cache of `command` may live, in order: dist/.code-cache/ beside the bundle, else (dist/ not writable, as
 * in a system-wide install) the user's cache folder, under a name that tells installs apart. Each command has its
 * own cache (V8 caches what ran): the short `user` commands do not replace what `serve` compiled.
 */
export function codeCacheFiles(bundle: string, argv: readonly string[], userCache: string | null = userCacheFolder()): string[] {
  const first = argv[0];
  const command = first !== undefined && /^[a-z][a-z-]{0,31}$/.test(first) ? first : 'other';
  const name = `${basename(bundle)}-${command}.v8`;
  const install = createHash('sha256').update(bundle).digest('hex').slice(0, 16);
  const beside = join(dirname(bundle), '.code-cache', name);
  return userCache === null ? [beside] : [beside, join(userCache, 'argonaut', 'code-cache', install, name)];
}

/**
 * Runs the command line `argv` with the bundle's `runCli`; gives its exit code. Once the command has done its work
 * (for `serve`, once it listens) the code compiled so far is cached for the next start of the same command, if it
 * succeeded.
 */
export async function runBundle(bundle: string, argv: string[], cacheFiles: readonly string[] = codeCacheFiles(bundle, argv)): Promise<{ code: number; cache: CacheOutcome }> {
  const loaded = runWithCodeCache(bundle, cacheFiles);
  const code = await (loaded.exports as CliBundle).runCli(argv);
  // A mistyped command line is not worth a cache file of its own.
  if (code === 0) loaded.saveCache();
  return { code, cache: loaded.cache };
}
