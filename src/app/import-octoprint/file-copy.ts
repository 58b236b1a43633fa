// Reading OctoPrint's files without changing them: SHA-1 of the content, and a copy (with that hash) into Argonaut's temp folder.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { open, readFile, rm, utimes } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** SHA-1 of a file's content, as OctoPrint's metadata `hash`. */
export async function sha1OfFile(path: string): Promise<string> {
  const hash = createHash('sha1');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Copies a file to a new temp file in `folder` (flushed to disk, with the source's modification time) and returns its
 * path and SHA-1. The temp file is removed again when anything fails.
 */
export async function copyToTemp(source: string, stats: Stats, folder: string): Promise<{ temp: string; hash: string }> {
  const temp = join(folder, `octoprint-import-${randomBytes(8).toString('hex')}.part`);
  const hash = createHash('sha1');
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(createReadStream(source), tap, createWriteStream(temp, { flags: 'wx', mode: 0o644 }));
    const handle = await open(temp, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await utimes(temp, stats.atimeMs / 1000, stats.mtimeMs / 1000);
    return { temp, hash: hash.digest('hex') };
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/**
 * A folder's `.metadata.json` (or, from OctoPrint before 1.3.9, `.metadata.yaml` parsed by the caller): the map of
 * entry name to metadata. Missing means empty; a broken file is an error the caller reports.
 */
export async function readMetadataJson(folder: string): Promise<Record<string, unknown> | null> {
  let text: string;
  try {
    text = await readFile(join(folder, '.metadata.json'), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('it does not hold a map of entries');
  return parsed as Record<string, unknown>;
}
