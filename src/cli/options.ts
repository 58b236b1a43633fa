// Options shared by every command: the basedir, and turning user mistakes into one clear line.
import { defaultBasedir } from '../config/index.js';

export function resolveBasedir(option: string | undefined): string {
  return option ?? defaultBasedir();
}

/** An error a user caused (unknown user, bad value): printed as one line, exit code 1, no stack trace. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}
