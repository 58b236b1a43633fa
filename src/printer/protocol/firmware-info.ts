// M115 answers: the `FIRMWARE_NAME:... KEY:value` line and the `Cap:NAME:0|1` capability lines.

export interface FirmwareInfo {
  /** The value of FIRMWARE_NAME (e.g. `Marlin 2.1.2 (Sep 1 2023 12:00:00)`), or the whole line if it has none. */
  readonly name: string;
  /** Every `KEY:value` pair of the line (FIRMWARE_NAME, SOURCE_CODE_URL, PROTOCOL_VERSION, MACHINE_TYPE, ...). */
  readonly fields: Readonly<Record<string, string>>;
}

export interface Capability {
  readonly name: string;
  readonly enabled: boolean;
}

/** Keys start with a capital letter and stand at the start or after whitespace, so times like `12:00:00` are values. */
const KEY = /(?:^|\s)([A-Z][A-Z0-9_]+):/g;

/** Parses an M115 firmware line; null unless it contains `FIRMWARE_NAME:`. */
export function parseFirmwareInfo(line: string): FirmwareInfo | null {
  const start = line.indexOf('FIRMWARE_NAME:');
  if (start < 0) return null;
  const text = line.slice(start);
  const keys: { key: string; valueStart: number; keyStart: number }[] = [];
  KEY.lastIndex = 0;
  for (let match = KEY.exec(text); match !== null; match = KEY.exec(text)) {
    const key = match[1] ?? '';
    keys.push({ key, keyStart: match.index + match[0].length - key.length - 1, valueStart: match.index + match[0].length });
  }
  const fields: Record<string, string> = {};
  keys.forEach((entry, index) => {
    const next = keys[index + 1];
    fields[entry.key] = text.slice(entry.valueStart, next ? next.keyStart : text.length).trim();
  });
  return { name: fields.FIRMWARE_NAME ?? text.trim(), fields };
}

/** Parses `Cap:AUTOREPORT_TEMP:1`; null for any other line. */
export function parseCapability(line: string): Capability | null {
  const match = /^Cap:([A-Za-z0-9_]+):\s*(\d)/.exec(line.trim());
  if (!match) return null;
  return { name: (match[1] ?? '').toUpperCase(), enabled: match[2] !== '0' };
}
