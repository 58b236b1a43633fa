// OctoPrint's uploads folder as a tree of files and folders, each with its entry from the folder's .metadata.json.
import { lstat, readdir } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { join } from 'node:path';
import { readMetadataJson } from './file-copy.js';
import type { ImportReport } from './import-report.js';
import { isRecord, readYamlFile, reasonOf } from './octoprint-source.js';

export interface SourceFile {
  kind: 'file';
  name: string;
  /** Path below the uploads folder, `/`-separated, as OctoPrint names it. */
  path: string;
  diskPath: string;
  stats: Stats;
  metadata: Record<string, unknown>;
}

export interface SourceFolder {
  kind: 'folder';
  name: string;
  path: string;
  diskPath: string;
  metadata: Record<string, unknown>;
  children: SourceEntry[];
}

export type SourceEntry = SourceFile | SourceFolder;

export interface SourceTree {
  children: SourceEntry[];
  fileCount: number;
}

/** The folder's metadata map: `.metadata.json`, else an old `.metadata.yaml`; a broken one is reported and ignored. */
async function folderMetadata(folder: string, report: ImportReport): Promise<Record<string, unknown>> {
  try {
    const json = await readMetadataJson(folder);
    if (json) return json;
  } catch (error) {
    report.add('files', 'problem', join(folder, '.metadata.json'), `${reasonOf(error)}; the files of this folder come without OctoPrint's metadata (Argonaut analyses them again)`);
    return {};
  }
  const yaml = await readYamlFile(join(folder, '.metadata.yaml'));
  if (yaml.state === 'ok' && isRecord(yaml.data)) return yaml.data;
  if (yaml.state === 'bad') report.add('files', 'problem', join(folder, '.metadata.yaml'), `${yaml.reason}; the files of this folder come without OctoPrint's metadata`);
  return {};
}

async function readFolder(diskPath: string, path: string, report: ImportReport, counter: { files: number }): Promise<SourceEntry[]> {
  const metadata = await folderMetadata(diskPath, report);
  const names = (await readdir(diskPath)).filter((name) => !name.startsWith('.')).sort();
  const entries: SourceEntry[] = [];
  for (const name of names) {
    const childDisk = join(diskPath, name);
    const childPath = path === '' ? name : `${path}/${name}`;
    const entryMetadata = isRecord(metadata[name]) ? metadata[name] : {};
    let stats: Stats;
    try {
      stats = await lstat(childDisk);
    } catch (error) {
      report.add('files', 'problem', childDisk, `cannot be read: ${reasonOf(error)}`);
      continue;
    }
    if (stats.isSymbolicLink()) {
      report.add('files', 'not-imported', childPath, 'a symbolic link (Argonaut stores only real files and folders)');
    } else if (stats.isDirectory()) {
      try {
        const children = await readFolder(childDisk, childPath, report, counter);
        entries.push({ kind: 'folder', name, path: childPath, diskPath: childDisk, metadata: entryMetadata, children });
      } catch (error) {
        report.add('files', 'problem', childDisk, `cannot be read: ${reasonOf(error)}; nothing in it is imported`);
      }
    } else if (stats.isFile()) {
      counter.files += 1;
      entries.push({ kind: 'file', name, path: childPath, diskPath: childDisk, stats, metadata: entryMetadata });
    } else {
      report.add('files', 'not-imported', childPath, 'not a regular file');
    }
  }
  return entries;
}

/** Reads the whole uploads tree (names and metadata only); a missing uploads folder is an empty tree. */
export async function readSourceTree(root: string, report: ImportReport): Promise<SourceTree> {
  const counter = { files: 0 };
  try {
    const children = await readFolder(root, '', report, counter);
    return { children, fileCount: counter.files };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') report.add('files', 'problem', root, `cannot be read: ${reasonOf(error)}; no file imported`);
    return { children: [], fileCount: 0 };
  }
}
