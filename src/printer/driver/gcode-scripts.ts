// OctoPrint's GCODE scripts (config.yaml scripts.gcode.*): the lines to send at each moment of a print or connection.
import { prepareCommand, withoutClientFraming } from '../protocol/index.js';

export const SCRIPT_NAMES = [
  'afterPrinterConnected',
  'beforePrinterDisconnected',
  'beforePrintStarted',
  'afterPrintDone',
  'afterPrintCancelled',
  'beforePrintPaused',
  'beforePrintResumed',
] as const;

export type ScriptName = (typeof SCRIPT_NAMES)[number];

export function isScriptName(value: unknown): value is ScriptName {
  return typeof value === 'string' && (SCRIPT_NAMES as readonly string[]).includes(value);
}

/**
 * The commands of a script text: comments and blank lines dropped, upper-case rules applied, the text's own line
 * numbers and checksums removed.
 * `{name}` placeholders are filled from `parameters` (unknown ones are left as they are).
 */
export function scriptCommands(text: string, parameters: Readonly<Record<string, unknown>> = {}): string[] {
  const commands: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const filled = raw.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (all, name: string) => {
      const value = parameters[name];
      return typeof value === 'number' || typeof value === 'string' ? String(value) : all;
    });
    const prepared = prepareCommand(filled);
    const command = prepared === null ? null : withoutClientFraming(prepared);
    if (command !== null) commands.push(command);
  }
  return commands;
}
