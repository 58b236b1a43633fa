// Rules for new accounts: which user names are allowed, and the password policy.
import { ArgonautError } from '../shared/index.js';
import { MAX_PASSWORD_BYTES } from './password-hasher.js';

/** Names that mean something special to OctoPrint clients (`_api` was OctoPrint's global-key user). */
const RESERVED_NAMES = new Set(['_api']);

export const MAX_NAME_LENGTH = 64;

/** A user name as names are compared: Unicode-normalised and lower case (`Alice` and `alice` are one user). */
export function comparableUserName(name: string): string {
  return name.normalize('NFKC').toLowerCase();
}

const comparable = comparableUserName;

/**
 * Checks a new user name against the rules and the existing names. Throws 400 (`invalid`) for a bad or
 * case-insensitively clashing name, 409 (`conflict`) when exactly that name exists.
 */
export function checkNewUserName(name: unknown, existing: Iterable<string>): string {
  if (typeof name !== 'string' || name.length === 0) throw new ArgonautError('invalid', 'Username invalid: the name is empty.');
  if (name.length > MAX_NAME_LENGTH) throw new ArgonautError('invalid', `Username invalid: at most ${MAX_NAME_LENGTH} characters.`);
  if (RESERVED_NAMES.has(comparable(name))) throw new ArgonautError('invalid', `Username invalid: "${name}" is reserved.`);
  if (/[\u0000-\u001f\u007f-\u009f]/.test(name)) throw new ArgonautError('invalid', 'Username invalid: control characters are not allowed.');
  if (name.includes(':')) throw new ArgonautError('invalid', 'Username invalid: ":" is not allowed.');
  if (name.trim() !== name) throw new ArgonautError('invalid', 'Username invalid: it may not start or end with a space.');
  if (!/^[\p{L}\p{N}._@+\- ]+$/u.test(name)) {
    throw new ArgonautError('invalid', 'Username invalid: use letters, digits, spaces and . _ - @ + only.');
  }
  const wanted = comparable(name);
  for (const other of existing) {
    if (other === name) throw new ArgonautError('conflict', `User ${name} already exists`);
    if (comparable(other) === wanted) {
      throw new ArgonautError('invalid', `Username invalid: it differs only in case from the existing user ${other}.`);
    }
  }
  return name;
}

/** Checks a new password against the policy; throws 400 (`invalid`) with the reason. */
export function checkNewPassword(password: unknown, minimumLength: number): string {
  if (typeof password !== 'string' || password.length === 0) throw new ArgonautError('invalid', 'The password is missing.');
  if ([...password].length < minimumLength) {
    throw new ArgonautError('invalid', `The password is too short: at least ${minimumLength} characters.`);
  }
  if (Buffer.byteLength(password, 'utf8') > MAX_PASSWORD_BYTES) {
    throw new ArgonautError('invalid', `The password is too long: at most ${MAX_PASSWORD_BYTES} bytes.`);
  }
  return password;
}
