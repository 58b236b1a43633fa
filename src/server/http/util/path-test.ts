// The `path` check of POST /api/util/test: existence, type and access of a server path, as OctoPrint reports them.
import { constants } from 'node:fs';
import { access, lstat, mkdir, realpath, rm, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

export interface PathTestRequest {
  path: string;
  checkType?: 'file' | 'dir';
  /** Any of r, w, x. */
  checkAccess?: string[];
  allowCreateDir?: boolean;
  checkWritableDir?: boolean;
}

export interface PathTestResult {
  path: string;
  exists: boolean;
  typeok: boolean;
  broken_symlink: boolean;
  access: boolean;
  result: boolean;
}

const ACCESS_MODES: Record<string, number> = { r: constants.R_OK, w: constants.W_OK, x: constants.X_OK };

/** `~` expanded, made absolute (against the server's working folder, as OctoPrint does). */
export function normalisePath(path: string): string {
  if (path.trim() === '') return '';
  const expanded = path === '~' ? homedir() : path.startsWith('~/') ? join(homedir(), path.slice(2)) : path;
  return isAbsolute(expanded) ? resolve(expanded) : resolve(process.cwd(), expanded);
}

function failed(path: string, brokenSymlink = false, exists = false): PathTestResult {
  return { path, exists, typeok: false, broken_symlink: brokenSymlink, access: false, result: false };
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

export async function testPath(request: PathTestRequest): Promise<PathTestResult> {
  const given = normalisePath(request.path);
  if (given === '') return failed(given);
  const real = await realpath(given).catch(() => given);
  const checkType = request.checkType;
  const modes = (request.checkAccess ?? []).filter((mode) => mode in ACCESS_MODES);
  const allowCreate = request.allowCreateDir === true && checkType === 'dir';
  const checkWritable = request.checkWritableDir === true && checkType === 'dir';
  if (checkWritable && !modes.includes('w')) modes.push('w');

  let present = await exists(real);
  if (!present) {
    const link = await lstat(given).catch(() => null);
    if (link?.isSymbolicLink()) return failed(given, true);
    if (!allowCreate) return failed(real);
    try {
      await mkdir(real, { recursive: true });
      present = true;
    } catch {
      return failed(real);
    }
  }

  const info = await stat(real);
  const typeok = checkType === 'file' ? info.isFile() : checkType === 'dir' ? info.isDirectory() : present;
  let accessible: boolean = present;
  if (modes.length > 0) {
    const mode = modes.reduce((all, letter) => all | (ACCESS_MODES[letter] as number), 0);
    accessible = await access(real, mode).then(
      () => true,
      () => false,
    );
  }
  if (checkWritable) {
    const balloon = join(real, '.testballoon.txt');
    try {
      await writeFile(balloon, 'Test');
      await rm(balloon, { force: true });
    } catch {
      return { path: real, exists: present, typeok, broken_symlink: false, access: false, result: false };
    }
  }
  return { path: real, exists: present, typeok, broken_symlink: false, access: accessible, result: present && typeok && accessible };
}
