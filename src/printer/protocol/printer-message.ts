// Which received lines are printer messages (the push `messages` list): the ones no protocol rule consumed.
import { classifyResponse } from './response-classifier.js';

/** Kinds of line the host acts on itself (acknowledgements, flow control, reports); everything else is a message. */
const CONSUMED = new Set(['ok', 'resend', 'busy', 'wait', 'empty', 'temperature', 'position', 'firmware', 'capability', 'sd']);

/**
 * Whether a line the printer sent belongs in the push `messages` list, as OctoPrint forwards the lines its
 * protocol handling did not consume: echoes, errors, action commands and free text, but not `ok`, `wait`,
 * resend requests, temperature or position reports, or the empty "Unknown command" that a blank line draws.
 */
export function isPrinterMessage(line: string): boolean {
  if (line === 'ok' || line.startsWith('ok ')) return false; // most lines of a print, decided without parsing
  const response = classifyResponse(line);
  if (CONSUMED.has(response.type)) return false;
  if (response.type === 'unknown-command') return response.command !== '';
  return true;
}
