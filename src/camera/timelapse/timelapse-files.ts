// The timelapse folders on disk: rendered movies, and captured frames grouped by their print's prefix.
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/** A rendered movie as GET /api/timelapse lists it (the HTTP layer adds `url`). */
export interface MovieEntry {
  name: string;
  display: string;
  size: string;
  bytes: number;
  date: string;
  timestamp: number;
}

/** Frames of one print not rendered yet. */
export interface CaptureGroup {
  name: string;
  count: number;
  size: string;
  bytes: number;
  date: string;
  /** Oldest frame's time, seconds since the epoch (used for cleaning; not sent). */
  timestamp: number;
}

const MOVIE_EXTENSIONS = new Set(['.mpg', '.mpeg', '.mp4', '.m4v', '.mkv']);
const FRAME = /^(.+)-(\d+)\.jpg$/;

/** A plain file name: no folders, not hidden, no control characters. */
export function isPlainName(name: string): boolean {
  return name.length > 0 && name.length <= 255 && !name.startsWith('.') && !/[/\\\0-\x1f]/.test(name);
}

export function isMovieName(name: string): boolean {
  return isPlainName(name) && MOVIE_EXTENSIONS.has(path.extname(name).toLowerCase());
}

/** Frame file name `<prefix>-<n>.jpg`, OctoPrint's capture format. */
export function frameName(prefix: string, index: number): string {
  return `${prefix}-${index}.jpg`;
}

/** The prefix a frame file belongs to, or null for anything else. */
export function framePrefix(name: string): string | null {
  return FRAME.exec(name)?.[1] ?? null;
}

/** OctoPrint's size text: one decimal and B, KB, MB, GB or TB (steps of 1024). */
export function formatSize(bytes: number): string {
  let value = bytes;
  for (const unit of ['B', 'KB', 'MB', 'GB']) {
    if (Math.abs(value) < 1024) return `${value.toFixed(1)}${unit}`;
    value /= 1024;
  }
  return `${value.toFixed(1)}TB`;
}

/** OctoPrint's date text, local time: `YYYY-MM-DD HH:MM`. */
export function formatDate(seconds: number): string {
  const d = new Date(seconds * 1000);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

export async function listMovies(folder: string): Promise<MovieEntry[]> {
  const movies: MovieEntry[] = [];
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    if (!entry.isFile() || !isMovieName(entry.name)) continue;
    const info = await stat(path.join(folder, entry.name)).catch(() => null);
    if (!info) continue;
    const timestamp = Math.floor(info.mtimeMs / 1000);
    movies.push({ name: entry.name, display: entry.name, size: formatSize(info.size), bytes: info.size, date: formatDate(timestamp), timestamp });
  }
  return movies.sort((a, b) => b.timestamp - a.timestamp || a.name.localeCompare(b.name));
}

export async function listCaptureGroups(folder: string): Promise<CaptureGroup[]> {
  const groups = new Map<string, { count: number; bytes: number; oldest: number }>();
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const prefix = entry.isFile() ? framePrefix(entry.name) : null;
    if (!prefix) continue;
    const info = await stat(path.join(folder, entry.name)).catch(() => null);
    if (!info) continue;
    const group = groups.get(prefix) ?? { count: 0, bytes: 0, oldest: Infinity };
    group.count += 1;
    group.bytes += info.size;
    group.oldest = Math.min(group.oldest, Math.max(info.mtimeMs, info.ctimeMs) / 1000);
    groups.set(prefix, group);
  }
  return [...groups]
    .map(([name, g]) => ({ name, count: g.count, size: formatSize(g.bytes), bytes: g.bytes, date: formatDate(Math.floor(g.oldest)), timestamp: g.oldest }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The frame files of one prefix, in capture order. */
export async function framesOf(folder: string, prefix: string): Promise<string[]> {
  const frames: Array<{ name: string; index: number }> = [];
  for (const name of await readdir(folder)) {
    const match = FRAME.exec(name);
    if (match?.[1] === prefix) frames.push({ name, index: Number(match[2]) });
  }
  return frames.sort((a, b) => a.index - b.index).map((frame) => frame.name);
}

/** Deletes every frame of one prefix; returns how many went. */
export async function deleteFrames(folder: string, prefix: string): Promise<number> {
  const frames = await framesOf(folder, prefix);
  await Promise.all(frames.map((name) => rm(path.join(folder, name), { force: true })));
  return frames.length;
}
