// The file types the upload takes (OctoPrint's machine-code extensions), and the message naming them.

export const GCODE_EXTENSIONS = ['gcode', 'gco', 'g', 'gc~'] as const;

/** The file input's `accept` list. */
export const UPLOAD_ACCEPT = GCODE_EXTENSIONS.map((extension) => `.${extension}`).join(',');

export function isGcodeName(name: string): boolean {
  const dot = name.lastIndexOf('.');
  return dot > 0 && (GCODE_EXTENSIONS as readonly string[]).includes(name.slice(dot + 1).toLowerCase());
}

/** Why a file is refused: it names the types that are accepted. */
export function wrongTypeText(name: string): string {
  const list = GCODE_EXTENSIONS.map((extension) => `.${extension}`);
  return `${name} is not a G-code file. Upload G-code, with one of the endings ${list.slice(0, -1).join(', ')} or ${list.at(-1) ?? ''}; slice models into G-code first.`;
}
