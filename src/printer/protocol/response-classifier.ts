// Response classifier: turns each line the firmware sends into a typed message the driver can act on.
import { parseCapability, parseFirmwareInfo } from './firmware-info.js';
import type { Capability, FirmwareInfo } from './firmware-info.js';
import { parseFirmwareError } from './firmware-errors.js';
import type { FirmwareError } from './firmware-errors.js';
import { parsePosition } from './position-report.js';
import type { PositionReport } from './position-report.js';
import { parseSdFileEntry, parseSdReply } from './sd-replies.js';
import type { SdReply } from './sd-replies.js';
import { hasTemperatures, parseTemperatures } from './temperature-report.js';
import type { TemperatureReport } from './temperature-report.js';

export interface OkResponse {
  readonly type: 'ok';
  /** ADVANCED_OK: the last line number the firmware took (`ok N10`), else null. */
  readonly lineNumber: number | null;
  /** ADVANCED_OK: free planner (move) slots (`P15`), else null. */
  readonly plannerRoom: number | null;
  /** ADVANCED_OK: free command buffer slots (`B3`), else null. */
  readonly bufferRoom: number | null;
  /** Temperatures carried by the ok (`ok T:210.0 /210.0 ...`), else null. */
  readonly temperatures: TemperatureReport | null;
}

export type FirmwareResponse =
  | OkResponse
  | { readonly type: 'resend'; readonly lineNumber: number }
  | { readonly type: 'error'; readonly error: FirmwareError }
  | { readonly type: 'busy'; readonly reason: string }
  | { readonly type: 'wait' }
  | { readonly type: 'start' }
  | { readonly type: 'temperature'; readonly temperatures: TemperatureReport }
  | { readonly type: 'position'; readonly position: PositionReport }
  | { readonly type: 'firmware'; readonly info: FirmwareInfo }
  | { readonly type: 'capability'; readonly capability: Capability }
  | { readonly type: 'sd'; readonly reply: SdReply }
  | { readonly type: 'action'; readonly action: string; readonly parameters: string }
  | { readonly type: 'unknown-command'; readonly command: string }
  | { readonly type: 'echo'; readonly text: string }
  | { readonly type: 'empty' }
  | { readonly type: 'other'; readonly text: string };

const RESEND = /^(?:resend|rs)\s*:?\s*(?:N\s*:?\s*)?(\d+)/i;
const ADVANCED_N = /(?:^|\s)N(\d+)/;
const ADVANCED_P = /(?:^|\s)P(\d+)/;
const ADVANCED_B = /(?:^|\s)B(\d+)/;
const BUSY = /^(?:echo:\s*)?busy:\s*(.*)$/i;
const ACTION = /^\/\/\s*action:\s*(\S+)\s*(.*)$/;
const UNKNOWN = /^(?:echo:\s*)?unknown command:\s*"?(.*?)"?\s*$/i;
const OK_PLAIN: OkResponse = { type: 'ok', lineNumber: null, plannerRoom: null, bufferRoom: null, temperatures: null };

function parseOk(text: string): OkResponse {
  const rest = text.slice(2).trim();
  if (rest === '') return OK_PLAIN;
  const n = ADVANCED_N.exec(rest);
  const p = ADVANCED_P.exec(rest);
  const b = ADVANCED_B.exec(rest);
  return {
    type: 'ok',
    lineNumber: n ? Number(n[1]) : null,
    plannerRoom: p ? Number(p[1]) : null,
    bufferRoom: b ? Number(b[1]) : null,
    temperatures: hasTemperatures(rest) ? parseTemperatures(rest) : null,
  };
}

/** Classifies one line from the firmware, without context (file-list entries need {@link ResponseClassifier}). */
export function classifyResponse(line: string): FirmwareResponse {
  const text = line.trim();
  if (text === '') return { type: 'empty' };
  if (text === 'ok') return OK_PLAIN;
  if (text.startsWith('ok ') || text.startsWith('ok\t')) return parseOk(text);
  const resend = RESEND.exec(text);
  if (resend) return { type: 'resend', lineNumber: Number(resend[1]) };
  const error = parseFirmwareError(text);
  if (error) return { type: 'error', error };
  const busy = BUSY.exec(text);
  if (busy) return { type: 'busy', reason: (busy[1] ?? '').trim() };
  if (text === 'wait') return { type: 'wait' };
  if (text.replace(/[^\x20-\x7e]/g, '') === 'start') return { type: 'start' };
  const action = ACTION.exec(text);
  if (action) return { type: 'action', action: action[1] ?? '', parameters: (action[2] ?? '').trim() };
  const info = parseFirmwareInfo(text);
  if (info) return { type: 'firmware', info };
  const capability = parseCapability(text);
  if (capability) return { type: 'capability', capability };
  const sd = parseSdReply(text);
  if (sd) return { type: 'sd', reply: sd };
  const unknown = UNKNOWN.exec(text);
  if (unknown) return { type: 'unknown-command', command: unknown[1] ?? '' };
  const position = parsePosition(text);
  if (position) return { type: 'position', position };
  if (hasTemperatures(text)) {
    const temperatures = parseTemperatures(text);
    if (temperatures) return { type: 'temperature', temperatures };
  }
  if (text.startsWith('echo:')) return { type: 'echo', text: text.slice(5).trim() };
  return { type: 'other', text };
}

/** Classifies lines in order, knowing when it is inside an SD file list so that entries come out as `file-entry`. */
export class ResponseClassifier {
  private inFileList = false;

  classify(line: string): FirmwareResponse {
    if (this.inFileList) {
      const text = line.trim();
      if (text.toLowerCase() === 'end file list') {
        this.inFileList = false;
        return { type: 'sd', reply: { kind: 'file-list-end' } };
      }
      // An ok or an error inside a list means the list was cut short.
      const response = classifyResponse(text);
      if (response.type === 'ok' || response.type === 'error' || response.type === 'start') {
        this.inFileList = false;
        return response;
      }
      if (text === '') return response;
      return { type: 'sd', reply: parseSdFileEntry(text) };
    }
    const response = classifyResponse(line);
    if (response.type === 'sd' && response.reply.kind === 'file-list-begin') this.inFileList = true;
    return response;
  }

  /** Forgets a half-read file list (after a reconnect). */
  reset(): void {
    this.inFileList = false;
  }
}
