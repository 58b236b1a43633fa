// The 8.3 name a file gets on the printer's SD card (OctoPrint's DOS name rule): lower case, ~N on a clash.

/** Extensions kept as they are; any other becomes `gco`. */
const KEPT_EXTENSIONS = new Set(['gco', 'g']);

function valid(text: string): string {
  return text
    .toLowerCase()
    .replace(/\s+/g, '_')
    .replace(/[^a-z0-9_\-!#$%&'(){}^~`]/g, '');
}

/**
 * The card name for a host file `name` (its folder is dropped): 8.3, lower case, `.gco` unless it ends in `.gco`/`.g`;
 * a name longer than 8 or taken by one of `existing` becomes `prefix~N`. Throws when no free name is left.
 */
export function sdFileName(name: string, existing: readonly string[]): string {
  const base = name.slice(name.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  const stem = dot > 0 ? base.slice(0, dot) : base;
  const ext = dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
  const extension = valid(KEPT_EXTENSIONS.has(ext) ? ext : 'gco').slice(0, 3);
  const filename = valid(stem) || 'file';
  const taken = new Set(existing.map((entry) => entry.replace(/^\//, '').toLowerCase()));
  const full = (prefix: string): string => (extension ? `${prefix}.${extension}` : prefix);
  if (filename.length <= 8 && !taken.has(full(filename))) return full(filename);
  for (let counter = 1; counter < 100; counter++) {
    const digits = String(counter).length;
    const candidate = full(`${filename.slice(0, 7 - digits)}~${counter}`);
    if (!taken.has(candidate)) return candidate;
  }
  throw new Error(`No free name on the SD card for ${name}`);
}
