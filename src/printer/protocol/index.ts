// Public surface of src/printer/protocol: the pure Marlin serial protocol (framing, classifier, resend window, flow control).
export type { Clock } from './clock.js';
export {
  DEFAULT_UPPERCASE_EXCEPTIONS,
  commandArgument,
  commandCode,
  hasParameter,
  isGcodeCommand,
  normalizeCommand,
  numericParameter,
  prepareCommand,
  stripComment,
  withoutClientFraming,
  withoutFileFraming,
} from './gcode-command.js';
export { checksum, frameLine, lineNumberResetCommand, parseFramedLine, toPrintableAscii } from './line-framing.js';
export type { ParsedLine } from './line-framing.js';
export { DEFAULT_CHECKSUM_POLICY, LineNumbering, needsChecksum } from './line-numbering.js';
export type { ChecksumContext, ChecksumPolicyOptions, NumberedLine } from './line-numbering.js';
export { formatTemperatures, hasTemperatures, parseTemperatures } from './temperature-report.js';
export type { TemperatureReading, TemperatureReport } from './temperature-report.js';
export { parsePosition } from './position-report.js';
export type { PositionReport } from './position-report.js';
export { parseCapability, parseFirmwareInfo } from './firmware-info.js';
export type { Capability, FirmwareInfo } from './firmware-info.js';
export { isErrorLine, parseFirmwareError } from './firmware-errors.js';
export type { FirmwareError, FirmwareErrorKind } from './firmware-errors.js';
export { parseSdFileEntry, parseSdReply } from './sd-replies.js';
export type { SdReply } from './sd-replies.js';
export { ResponseClassifier, classifyResponse } from './response-classifier.js';
export { isPrinterMessage } from './printer-message.js';
export type { FirmwareResponse, OkResponse } from './response-classifier.js';
export { DEFAULT_RESEND_WINDOW_SIZE, ResendWindow } from './resend-window.js';
export type { ResendLookup, SentLine } from './resend-window.js';
export { DEFAULT_MAX_IN_FLIGHT, FlowControl } from './flow-control.js';
export type { Acknowledgement, FlowControlMode, FlowControlOptions } from './flow-control.js';
