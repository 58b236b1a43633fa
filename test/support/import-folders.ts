// Folders for the OctoPrint import tests: new empty ones and OctoPrint-shaped sources, each removed by removeAll,
// and the metadata the file store keeps beside a folder's files.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeOctoPrintBasedir, octoprintFiles } from './octoprint-basedir.js';
import type { OctoPrintFiles } from './octoprint-basedir.js';

export class ImportFolders {
  private readonly made: string[] = [];

  /** `prefix` starts the name of each empty folder (one per test file, to tell leftovers apart). */
  constructor(private readonly prefix: string) {}

  /** A new empty folder under the system's temporary folder. */
  temp(): string {
    return this.keep(mkdtempSync(join(tmpdir(), this.prefix)));
  }

  /** A new OctoPrint basedir holding `files`. */
  source(files: OctoPrintFiles = octoprintFiles()): string {
    return this.keep(makeOctoPrintBasedir(files));
  }

  /** Removes every folder made so far. */
  removeAll(): void {
    for (const dir of this.made.splice(0)) rmSync(dir, { recursive: true, force: true });
  }

  private keep(dir: string): string {
    this.made.push(dir);
    return dir;
  }
}

/** The `.metadata.json` of a file store folder, by file name. */
export function readMetadata(folder: string): Record<string, Record<string, unknown>> {
  return JSON.parse(readFileSync(join(folder, '.metadata.json'), 'utf8')) as Record<string, Record<string, unknown>>;
}
