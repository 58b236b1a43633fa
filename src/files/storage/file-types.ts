// The extension tree of storable files (OctoPrint's machinecode + model types) and what each one is served as.

/** Type tree: top-level type → sub-type → extensions (lower case, without the dot). */
const EXTENSION_TREE: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  machinecode: { gcode: ['gcode', 'gco', 'g', 'gc~'] },
  model: { stl: ['stl'], obj: ['obj'], '3mf': ['3mf'], amf: ['amf'] },
};

/** Content type a download of each sub-type gets; anything else is served as an octet stream. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  gcode: 'text/plain; charset=utf-8',
};

/** The extension of a file name, lower case without the dot ('' when there is none). */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/** OctoPrint's typePath, e.g. ['machinecode', 'gcode']; null for a type that may not be stored. */
export function typePathOf(name: string): string[] | null {
  const extension = extensionOf(name);
  if (extension === '') return null;
  for (const [type, subtypes] of Object.entries(EXTENSION_TREE)) {
    for (const [subtype, extensions] of Object.entries(subtypes)) {
      if (extensions.includes(extension)) return [type, subtype];
    }
  }
  return null;
}

export function isAllowedFile(name: string): boolean {
  return typePathOf(name) !== null;
}

/** Whether the name is of the given type at any level of the tree ('machinecode', 'gcode', 'model', 'stl', ...). */
export function isFileOfType(name: string, type: string): boolean {
  return typePathOf(name)?.includes(type) ?? false;
}

export function isMachineCode(name: string): boolean {
  return isFileOfType(name, 'machinecode');
}

export function isGcode(name: string): boolean {
  return isFileOfType(name, 'gcode');
}

/** The Content-Type a download of this file is served with. */
export function contentTypeOf(name: string): string {
  const subtype = typePathOf(name)?.[1];
  return (subtype && CONTENT_TYPES[subtype]) ?? 'application/octet-stream';
}
