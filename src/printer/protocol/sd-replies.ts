// SD card replies of Marlin: file list markers and entries, card state, print progress, file open/save/delete.

export type SdReply =
  | { readonly kind: 'file-list-begin' }
  | { readonly kind: 'file-list-end' }
  | { readonly kind: 'file-entry'; readonly name: string; readonly size: number | null; readonly longName: string | null }
  | { readonly kind: 'card-ok' }
  | { readonly kind: 'card-init-failed' }
  | { readonly kind: 'card-released' }
  | { readonly kind: 'printing-byte'; readonly position: number; readonly total: number }
  | { readonly kind: 'not-printing' }
  | { readonly kind: 'done-printing' }
  | { readonly kind: 'file-opened'; readonly name: string; readonly size: number }
  | { readonly kind: 'file-selected' }
  | { readonly kind: 'writing-file'; readonly name: string }
  | { readonly kind: 'done-saving' }
  | { readonly kind: 'file-deleted'; readonly name: string }
  | { readonly kind: 'deletion-failed'; readonly name: string }
  | { readonly kind: 'open-failed'; readonly name: string };

const PRINTING_BYTE = /^SD printing byte\s+(\d+)\s*\/\s*(\d+)/i;
const FILE_OPENED = /^File opened:\s*(.*?)\s+Size:\s*(\d+)/i;
const WRITING = /^Writing to file:\s*(.*)$/i;
const DELETED = /^File deleted:\s*(.*)$/i;
const DELETION_FAILED = /^Deletion failed,\s*File:\s*(.*?)\.?$/i;
const OPEN_FAILED = /^open failed,\s*File:\s*(.*?)\.?$/i;

/** Parses an SD reply (an `echo:` prefix is allowed); null for anything else. File entries need {@link parseSdFileEntry}. */
export function parseSdReply(line: string): SdReply | null {
  let text = line.trim();
  if (text.startsWith('echo:')) text = text.slice(5).trim();
  const lower = text.toLowerCase();
  if (lower === 'begin file list') return { kind: 'file-list-begin' };
  if (lower === 'end file list') return { kind: 'file-list-end' };
  if (lower === 'sd card ok') return { kind: 'card-ok' };
  if (lower.startsWith('sd init fail')) return { kind: 'card-init-failed' };
  if (lower === 'sd card released') return { kind: 'card-released' };
  if (lower === 'not sd printing') return { kind: 'not-printing' };
  if (lower.startsWith('done printing file')) return { kind: 'done-printing' };
  if (lower === 'file selected') return { kind: 'file-selected' };
  if (lower.startsWith('done saving file')) return { kind: 'done-saving' };
  let match = PRINTING_BYTE.exec(text);
  if (match) return { kind: 'printing-byte', position: Number(match[1]), total: Number(match[2]) };
  match = FILE_OPENED.exec(text);
  if (match) return { kind: 'file-opened', name: match[1] ?? '', size: Number(match[2]) };
  match = WRITING.exec(text);
  if (match) return { kind: 'writing-file', name: (match[1] ?? '').trim() };
  match = DELETED.exec(text);
  if (match) return { kind: 'file-deleted', name: (match[1] ?? '').trim() };
  match = DELETION_FAILED.exec(text);
  if (match) return { kind: 'deletion-failed', name: match[1] ?? '' };
  match = OPEN_FAILED.exec(text);
  if (match) return { kind: 'open-failed', name: match[1] ?? '' };
  return null;
}

/**
 * Parses a line between `Begin file list` and `End file list`: `NAME.GCO 1234` or, with long names,
 * `/DIR/NAME~1.GCO 1234 Long Name.gcode` (a quoted long name loses its quotes).
 */
export function parseSdFileEntry(line: string): SdReply & { kind: 'file-entry' } {
  const text = line.trim();
  const match = /^(\S+)(?:\s+(\d+))?(?:\s+(.*))?$/.exec(text);
  if (!match) return { kind: 'file-entry', name: text, size: null, longName: null };
  let longName = match[3]?.trim() ?? null;
  if (longName !== null && longName.length >= 2 && longName.startsWith('"') && longName.endsWith('"')) longName = longName.slice(1, -1);
  return {
    kind: 'file-entry',
    name: match[1] ?? text,
    size: match[2] === undefined ? null : Number(match[2]),
    longName: longName === '' ? null : longName,
  };
}
