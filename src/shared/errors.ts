// Domain errors with stable codes; the HTTP layer maps each code to OctoPrint's status.
export type ErrorCode =
  | 'invalid' // 400: bad parameters
  | 'forbidden' // 403
  | 'not-found' // 404
  | 'conflict' // 409: exists already, or busy
  | 'not-operational' // 409: the printer cannot do that now
  | 'too-large' // 413
  | 'unsupported-type' // 415
  | 'rate-limited' // 429
  | 'unavailable'; // 503

export class ArgonautError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ArgonautError';
  }
}

export function isArgonautError(error: unknown): error is ArgonautError {
  return error instanceof ArgonautError;
}

/** What every layer says when the printer cannot take a command now (OctoPrint's words; 409). */
export const NOT_OPERATIONAL = 'Printer is not operational';

/** The error of a command the printer cannot take now. */
export function notOperational(): ArgonautError {
  return new ArgonautError('not-operational', NOT_OPERATIONAL);
}
