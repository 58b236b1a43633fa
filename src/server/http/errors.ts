// HTTP errors: one error class, the domain-code → status table, and OctoPrint's standard messages.
import { NOT_OPERATIONAL } from '../../shared/index.js';
import type { ErrorCode } from '../../shared/index.js';

export const STATUS_FOR_CODE: Record<ErrorCode, number> = {
  invalid: 400,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'not-operational': 409,
  'too-large': 413,
  'unsupported-type': 415,
  'rate-limited': 429,
  unavailable: 503,
};

export const MESSAGES = {
  notFound: 'The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.',
  methodNotAllowed: 'The method is not allowed for the requested URL.',
  conflict: 'A conflict happened while processing the request. The resource might have been modified while the request was being processed.',
  forbidden: "You don't have the permission to access the requested resource. It is either read-protected or not readable by the server.",
  notJson: "Did not attempt to load JSON data because the request Content-Type was not 'application/json'.",
  badJson: 'The browser (or proxy) sent a request that this server could not understand.',
  tooLarge: 'The request body is larger than this server accepts.',
  reauthenticate: 'Please reauthenticate with your credentials',
  csrf: 'CSRF validation failed',
  commandInvalid: 'command is invalid',
  mandatoryMissing: 'Mandatory parameters missing',
  notOperational: NOT_OPERATIONAL,
  internal: 'Something went wrong on the server; the details are in its log.',
  uploadInterrupted: 'The upload was interrupted',
  alreadyPrinting: 'Printer is already printing, cannot select a new file',
  invalidFileName: 'Can not upload file, invalid file name',
  noSlicer: 'Cannot slice file, no slicer available',
  notMachinecode: 'Cannot select file for printing, not a machinecode file',
  sdDisabled: 'SD support is disabled',
  noGrantPermission: 'No permission to grant app access',
  fileInUse: 'Trying to delete a file that is currently in use',
  noUpload: 'No file to upload and no folder to create',
  noAnalysis: 'No analysis possible',
} as const;

/**
 * An answer with an error status. It is a reply, not a fault: the error handler sends it and never logs it, so no
 * stack trace is captured (capturing one was the largest cost of a 403 or 409 answer).
 */
export class HttpError extends Error {
  declare readonly statusCode: number;
  declare readonly headers: Record<string, string>;

  constructor(statusCode: number, message: string, headers: Record<string, string> = {}) {
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      super(message);
    } finally {
      Error.stackTraceLimit = stackTraceLimit;
    }
    this.statusCode = statusCode;
    this.headers = headers;
    this.name = 'HttpError';
  }
}

export const httpErrors = {
  badRequest: (message: string) => new HttpError(400, message),
  /** 400 `<name> is invalid`, OctoPrint's words for a parameter of the wrong type or range. */
  invalidParameter: (name: string) => new HttpError(400, `${name} is invalid`),
  forbidden: (message: string = MESSAGES.forbidden) => new HttpError(403, message),
  notFound: (message: string = MESSAGES.notFound) => new HttpError(404, message),
  conflict: (message: string) => new HttpError(409, message),
  notOperational: () => new HttpError(409, MESSAGES.notOperational),
  unsupportedType: (message: string = MESSAGES.notJson) => new HttpError(415, message),
  tooLarge: (message: string = MESSAGES.tooLarge) => new HttpError(413, message),
};
