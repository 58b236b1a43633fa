// SockJS framing: open, heartbeat, close and array frames out; client frames in; the escaping SockJS requires.
export const OPEN_FRAME = 'o';
export const HEARTBEAT_FRAME = 'h';

/** SockJS close codes used by this server (3000-4999 are free for applications). */
export const CLOSE_GO_AWAY = { code: 3000, reason: 'Go away!' } as const;
export const CLOSE_ANOTHER_CONNECTION = { code: 2010, reason: 'Another connection still open' } as const;

/**
 * Characters SockJS servers must send as \uXXXX escapes: controls, the ranges browsers and proxies
 * drop or normalise (soft hyphen, bidi and zero-width marks, line/paragraph separators, BOM,
 * specials) and every UTF-16 surrogate.
 */
const ESCAPABLE_SOURCE = '[\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u0600-\\u0604\\u070f\\u17b4\\u17b5\\u200c-\\u200f\\u2028-\\u202f\\u2060-\\u206f\\ufeff\\ufff0-\\uffff\\ud800-\\udfff]';
const HAS_ESCAPABLE = new RegExp(ESCAPABLE_SOURCE);

function escapeCharacter(character: string): string {
  return '\\u' + character.charCodeAt(0).toString(16).padStart(4, '0');
}

/** Escapes a JSON text for a SockJS frame; the result is still valid JSON with the same value. */
export function escapeForSockjs(json: string): string {
  return HAS_ESCAPABLE.test(json) ? json.replace(new RegExp(ESCAPABLE_SOURCE, 'g'), escapeCharacter) : json;
}

/** `c[code,"reason"]`. */
export function closeFrame(code: number, reason: string): string {
  return `c[${code},${escapeForSockjs(JSON.stringify(reason))}]`;
}

/**
 * `a[...]` holding already-escaped JSON texts. OctoPrint puts JSON objects (not strings) in the array,
 * and its client relies on that, so each element is the message object's own JSON.
 */
export function arrayFrame(escapedJsonTexts: readonly string[]): string {
  return `a[${escapedJsonTexts.join(',')}]`;
}

/**
 * Decodes what a SockJS client sent (a websocket frame or an xhr_send body): a JSON array of strings,
 * or one JSON string. Returns the message texts, or null when the frame is not valid SockJS.
 * Objects inside the array are accepted too (as their JSON), for lenient clients.
 */
export function decodeClientFrame(text: string): string[] | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value === 'string') return [value];
  if (!Array.isArray(value)) return null;
  const messages: string[] = [];
  for (const item of value) {
    if (typeof item === 'string') messages.push(item);
    else if (typeof item === 'object' && item !== null) messages.push(JSON.stringify(item));
    else return null;
  }
  return messages;
}
