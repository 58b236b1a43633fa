// Finds the ffmpeg (and ffprobe) binaries: the configured path, else the system's PATH, else the npm package's own.
import { accessSync, constants, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** Where a found binary came from, for the log and the UI. */
export type BinarySource = 'configured' | 'system' | 'bundled';

export interface FoundBinary {
  path: string;
  source: BinarySource;
}

/** What to look for: the tool's name, and the npm package that ships it for this platform. */
interface Tool {
  name: 'ffmpeg' | 'ffprobe';
  bundle: string;
}

const FFMPEG: Tool = { name: 'ffmpeg', bundle: '@ffmpeg-installer/ffmpeg' };
const FFPROBE: Tool = { name: 'ffprobe', bundle: '@ffprobe-installer/ffprobe' };

export interface LocateOptions {
  /** The user's setting (`webcam.ffmpeg`); used when it names an executable file. */
  configured?: string | null;
  /** The PATH to search; the process's own by default. */
  searchPath?: string;
}

/** ffmpeg: `webcam.ffmpeg` when it is an executable, else the first on PATH, else the bundled one; undefined when none is there. */
export function locateFfmpeg(options: LocateOptions = {}): FoundBinary | undefined {
  return locate(FFMPEG, options);
}

/** ffprobe, found the same way (a configured ffmpeg path points to its sibling ffprobe). */
export function locateFfprobe(options: LocateOptions = {}): FoundBinary | undefined {
  const configured = options.configured ? path.join(path.dirname(options.configured), 'ffprobe') : undefined;
  return locate(FFPROBE, { ...options, configured });
}

function locate(tool: Tool, options: LocateOptions): FoundBinary | undefined {
  if (options.configured && isExecutable(options.configured)) return { path: options.configured, source: 'configured' };
  const onPath = searchPath(tool.name, options.searchPath ?? process.env.PATH ?? '');
  if (onPath) return { path: onPath, source: 'system' };
  const bundled = bundledPath(tool.bundle);
  return bundled ? { path: bundled, source: 'bundled' } : undefined;
}

function searchPath(name: string, searchPathValue: string): string | undefined {
  for (const dir of searchPathValue.split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

/** The installer packages export `{ path }` of the binary shipped in their per-platform optional dependency. */
function bundledPath(packageName: string): string | undefined {
  try {
    const required = createRequire(import.meta.url)(packageName) as { path?: unknown };
    return typeof required.path === 'string' && isExecutable(required.path) ? required.path : undefined;
  } catch {
    return undefined; // the package, or its binary for this platform, is not installed
  }
}

function isExecutable(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
