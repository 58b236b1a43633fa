// OctoPrint's basedir, read-only: where its files are (config.yaml may move folders elsewhere), and reading YAML safely.
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseDocument } from 'yaml';

export type YamlResult = { state: 'missing' } | { state: 'ok'; data: unknown } | { state: 'bad'; reason: string };

export interface OctoPrintLayout {
  root: string;
  configFile: string;
  usersFile: string;
  groupsFile: string;
  appkeysFile: string;
  uploads: string;
  printerProfiles: string;
  /** Holds gcode/<name> script files. */
  scripts: string;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value at a dotted path of parsed YAML, or undefined. */
export function valueAt(data: unknown, path: string): unknown {
  let value = data;
  for (const part of path.split('.')) {
    if (!isRecord(value)) return undefined;
    value = value[part];
  }
  return value;
}

/** A short, one-line reason from a file-system error. */
export function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOENT') return 'it does not exist';
  if (code === 'EISDIR') return 'it is a folder';
  const message = error instanceof Error ? error.message : String(error);
  return (message.split('\n')[0] ?? message).trim();
}

/** Reads and parses a YAML file (YAML 1.1, as PyYAML writes it); never writes. */
export async function readYamlFile(file: string): Promise<YamlResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'missing' };
    return { state: 'bad', reason: `cannot be read: ${reasonOf(error)}` };
  }
  try {
    const document = parseDocument(text, { version: '1.1', prettyErrors: false });
    const first = document.errors[0];
    if (first) return { state: 'bad', reason: `is not valid YAML: ${reasonOf(first)}` };
    return { state: 'ok', data: document.toJS({ maxAliasCount: 1000 }) ?? undefined };
  } catch (error) {
    return { state: 'bad', reason: `is not valid YAML: ${reasonOf(error)}` };
  }
}

function folderSetting(root: string, config: unknown, path: string, fallback: string): string {
  const value = valueAt(config, path);
  return typeof value === 'string' && value.trim() !== '' ? resolve(root, value) : join(root, fallback);
}

/** Where OctoPrint keeps each thing, honouring `folder.*` and `accessControl.userfile/groupfile` in its config.yaml. */
export function octoPrintLayout(root: string, config: unknown): OctoPrintLayout {
  const abs = resolve(root);
  const data = folderSetting(abs, config, 'folder.data', 'data');
  return {
    root: abs,
    configFile: join(abs, 'config.yaml'),
    usersFile: folderSetting(abs, config, 'accessControl.userfile', 'users.yaml'),
    groupsFile: folderSetting(abs, config, 'accessControl.groupfile', 'groups.yaml'),
    appkeysFile: join(data, 'appkeys', 'keys.yaml'),
    uploads: folderSetting(abs, config, 'folder.uploads', 'uploads'),
    printerProfiles: folderSetting(abs, config, 'folder.printerProfiles', 'printerProfiles'),
    scripts: folderSetting(abs, config, 'folder.scripts', 'scripts'),
  };
}
