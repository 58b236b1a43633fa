// Part header text as OctoPrint reads it: UTF-8 when the bytes are valid UTF-8, else ISO-8859-1; names in NFC.
import { httpErrors, MESSAGES } from '../errors.js';

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Busboy hands us non-extended parameter values (`name="…"`, `filename="…"`) decoded as ISO-8859-1, one character
 * per byte, so no byte is lost. This turns them into text the way OctoPrint does: UTF-8 first, ISO-8859-1 as the
 * fallback. Values that already hold characters above U+00FF came from an RFC 5987 `filename*` and stay as they are.
 */
export function decodeHeaderText(text: string | undefined): string {
  // Busboy gives no name at all for a part whose Content-Disposition lacks `name=` (that crashed the server once).
  if (typeof text !== 'string') return '';
  let ascii = true;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code > 0xff) return text.normalize('NFC');
    if (code > 0x7f) ascii = false;
  }
  if (ascii) return text;
  try {
    return STRICT_UTF8.decode(Buffer.from(text, 'latin1')).normalize('NFC');
  } catch {
    return text.normalize('NFC');
  }
}

/** The uploaded file's name: decoded, and refused (400) when it carries a line break (header injection). */
export function decodeFilename(raw: string | undefined): string {
  if (raw === undefined) throw httpErrors.badRequest(MESSAGES.invalidFileName);
  const name = decodeHeaderText(raw);
  if (/[\r\n]/.test(name)) throw httpErrors.badRequest(MESSAGES.invalidFileName);
  return name;
}

/** The `boundary` parameter of a multipart Content-Type, or null when missing or longer than RFC 2046 allows. */
export function multipartBoundary(contentType: string): string | null {
  for (const parameter of contentType.split(';').slice(1)) {
    const at = parameter.indexOf('=');
    if (at === -1) continue;
    if (parameter.slice(0, at).trim().toLowerCase() !== 'boundary') continue;
    let value = parameter.slice(at + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    return value.length >= 1 && value.length <= 70 ? value : null;
  }
  return null;
}

export function isMultipart(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() === 'multipart/form-data';
}
