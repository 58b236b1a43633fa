// config.yaml `system.actions` (custom system commands), `controls` (custom printer controls) and `terminalFilters`.
import { field } from './fields.js';

export interface SystemAction {
  /** Identifier used in /api/system/commands/custom/<action>; "divider" draws a line in menus. */
  action: string;
  name?: string;
  /** Command line, run without a shell. */
  command?: string;
  /** Confirmation text shown before running it. */
  confirm?: string | false;
  /** Answer at once and run in the background. */
  async?: boolean;
  /** Ignore a failing exit code. */
  ignore?: boolean;
}

export interface TerminalFilter {
  name: string;
  /** JavaScript regular expression matched against terminal lines. */
  regex: string;
}

/** One of OctoPrint's custom controls: a button (command, commands or script, maybe with inputs), or a container. */
export type CustomControl = Record<string, unknown> & { name?: string; children?: CustomControl[] };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkActions(value: unknown): string | null {
  const expected = 'a list of {action, name, command} entries (command run without a shell)';
  if (!Array.isArray(value)) return expected;
  for (const entry of value) {
    if (!isRecord(entry) || typeof entry.action !== 'string' || entry.action.length === 0) return expected;
    if (entry.action === 'divider') continue;
    if (typeof entry.name !== 'string' || typeof entry.command !== 'string') return expected;
    if (entry.confirm !== undefined && entry.confirm !== false && typeof entry.confirm !== 'string') return expected;
    for (const flag of ['async', 'ignore'] as const) {
      if (entry[flag] !== undefined && typeof entry[flag] !== 'boolean') return expected;
    }
  }
  return null;
}

function checkFilters(value: unknown): string | null {
  const expected = 'a list of {name, regex} entries';
  if (!Array.isArray(value)) return expected;
  for (const entry of value) {
    if (!isRecord(entry) || typeof entry.name !== 'string' || typeof entry.regex !== 'string') return expected;
  }
  return null;
}

function checkControls(value: unknown): string | null {
  const expected = 'a list of controls as OctoPrint has them ({name, command | commands | script, ...} or {name, children: [...]})';
  const valid = (entries: unknown, depth: number): boolean =>
    Array.isArray(entries) &&
    depth <= 10 &&
    entries.every((entry) => isRecord(entry) && (entry.name === undefined || typeof entry.name === 'string') && (entry.children === undefined || valid(entry.children, depth + 1)));
  return valid(value, 0) ? null : expected;
}

export const controlsField = field.any<CustomControl[]>([], 'Custom controls (buttons for G-code commands or scripts) offered to clients, as in OctoPrint.', checkControls);

export const systemSchema = {
  actions: field.any<SystemAction[]>([], 'Custom system commands offered under /api/system/commands/custom.', checkActions),
} as const;

export const terminalFiltersField = field.any<TerminalFilter[]>(
  [
    { name: 'Suppress temperature messages', regex: '(Send: (N\\d+\\s+)?M105)|(Recv:\\s+(ok\\s+([PBN]\\d+\\s+)*)?([BCLPR]|T\\d*):-?\\d+)' },
    { name: 'Suppress SD status messages', regex: '(Send: (N\\d+\\s+)?M27)|(Recv: SD printing byte)|(Recv: Not SD printing)' },
    {
      name: 'Suppress position messages',
      regex: '(Send:\\s+(N\\d+\\s+)?M114)|(Recv:\\s+(ok\\s+)?X:[+-]?([0-9]*[.])?[0-9]+\\s+Y:[+-]?([0-9]*[.])?[0-9]+\\s+Z:[+-]?([0-9]*[.])?[0-9]+\\s+E\\d*:[+-]?([0-9]*[.])?[0-9]+).*',
    },
    { name: 'Suppress wait responses', regex: 'Recv: wait' },
    { name: 'Suppress processing responses', regex: 'Recv: (echo:\\s*)?busy:\\s*processing' },
  ],
  'Filters offered in the terminal tab to hide noisy lines.',
  checkFilters,
);
