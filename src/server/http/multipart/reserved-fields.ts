// Field names that upload-offloading proxies (nginx's upload module, OctoPrint's own) set for a received file.
/** The suffixes such a proxy appends to the upload's field name: `file.name`, `file.path`, `file.size`, ... */
const RESERVED_SUFFIXES = ['.name', '.path', '.size', '.content_type'];

/**
 * Whether a client-sent field or query name could pose as what an upload proxy says about a file it stored
 * (`file.path` pointing at any file on the host). Such names are refused wherever they appear.
 */
export function isReservedUploadField(name: string): boolean {
  const lower = name.trim().toLowerCase();
  return RESERVED_SUFFIXES.some((suffix) => lower.endsWith(suffix) && lower.length > suffix.length);
}

export const RESERVED_FIELD_MESSAGE = 'Reserved upload field names (like file.name or file.path) are not allowed';
