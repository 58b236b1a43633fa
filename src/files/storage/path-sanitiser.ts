// File and folder names as OctoPrint sanitises them (Unicode kept, NFC), and storage paths that never leave uploads/.
import { ArgonautError } from '../../shared/index.js';

/** Characters no stored name may contain: Windows-reserved ones plus the shell metacharacters ; & $. */
const FORBIDDEN_CHARACTERS = /["*:<>?|;&$]/g;
/** C0 and C1 control characters, DEL, and the Unicode bidirectional overrides that can disguise a name. */
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const RESERVED_NAMES = new Set([
  'CON', 'PRN', 'AUX', 'CLOCK$', 'NUL',
  ...[1, 2, 3, 4, 5, 6, 7, 8, 9].flatMap((n) => [`COM${n}`, `LPT${n}`]),
]);
const MAX_NAME_BYTES = 255;

export function invalidName(message = 'invalid file name'): ArgonautError {
  return new ArgonautError('invalid', message);
}

function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** Shortens the stem (never the extension) until the whole name fits in 255 UTF-8 bytes. */
function truncate(name: string): string {
  if (utf8Length(name) <= MAX_NAME_BYTES) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 && utf8Length(name.slice(dot)) < 32 ? name.slice(dot) : '';
  const budget = MAX_NAME_BYTES - utf8Length(extension);
  let stem = '';
  let used = 0;
  for (const character of extension ? name.slice(0, dot) : name) {
    used += utf8Length(character);
    if (used > budget) break;
    stem += character;
  }
  return stem.trimEnd() + extension;
}

/** Strips leading dots and surrounding spaces, and trailing dots, until nothing changes. */
function trimName(name: string): string {
  let previous: string;
  let current = name;
  do {
    previous = current;
    current = current.trim().replace(/^\.+/, '').replace(/\.+$/, '');
  } while (current !== previous);
  return current;
}

/**
 * Sanitises one file or folder name: NFC, control and forbidden characters removed, no leading dot (hidden files),
 * no trailing dot or space, Windows device names suffixed with `_`, at most 255 bytes. A name containing `/` or `\`
 * is refused (OctoPrint raises too), and so is a name that is empty once sanitised.
 */
export function sanitizeName(name: string): string {
  const normalised = name.normalize('NFC');
  if (normalised.includes('/') || normalised.includes('\\')) throw invalidName();
  let result = trimName(normalised.replace(CONTROL_CHARACTERS, '').replace(FORBIDDEN_CHARACTERS, ''));
  const dot = result.indexOf('.');
  const stem = dot === -1 ? result : result.slice(0, dot);
  if (RESERVED_NAMES.has(stem.toUpperCase())) result = `${stem}_${result.slice(stem.length)}`;
  result = trimName(truncate(result));
  if (result === '') throw invalidName();
  return result;
}

/** Whether the name is already in sanitised form (such names are the only ones the API addresses). */
export function isSanitizedName(name: string): boolean {
  try {
    return sanitizeName(name) === name;
  } catch {
    return false;
  }
}

/**
 * A path a client asks to create or write to (upload `path`, `foldername`, move/copy `destination`), turned into
 * sanitised segments below the uploads root. A leading `/` or `./` means the root (OctoPrint's UI sends
 * `/name` to rename at the top level); empty segments are dropped; `.` and `..` segments are refused.
 */
export function sanitizeUserPath(path: string): string[] {
  let text = path.normalize('NFC');
  if (text.startsWith('./')) text = text.slice(2);
  else if (text.startsWith('/')) text = text.slice(1);
  const segments: string[] = [];
  for (const segment of text.split('/')) {
    if (segment === '') continue;
    if (segment === '.' || segment === '..') throw invalidName('invalid path: relative segments are not allowed');
    segments.push(sanitizeName(segment));
  }
  return segments;
}

/**
 * A path the API addresses (`/api/files/local/<path>`, downloads): valid only when every segment is already in
 * sanitised form, as OctoPrint's `_validate` demands. Null otherwise (the routes answer 404).
 */
export function parseStoragePath(path: string): string[] | null {
  if (path === '' || path.startsWith('/') || path.endsWith('/')) return null;
  const segments = path.split('/');
  return segments.every(isSanitizedName) ? segments : null;
}

export function joinStoragePath(segments: readonly string[]): string {
  return segments.join('/');
}
