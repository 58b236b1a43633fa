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
