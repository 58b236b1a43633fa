// Checks what clients send about app keys: app names, user names, permission scopes and lifetimes.
import { ArgonautError } from '../../shared/index.js';
import { isPermissionKey } from '../permissions.js';
import type { PermissionKey } from '../permissions.js';

export const MAX_APP_NAME_LENGTH = 200;
/** The longest lifetime a key may be given: ten years. */
export const MAX_LIFETIME_SECONDS = 10 * 366 * 86_400;

const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** The app name of a request or command (OctoPrint's 400 "No app name provided" when missing). */
export function checkAppName(value: unknown): string {
  if (value === undefined || value === null) throw new ArgonautError('invalid', 'No app name provided');
  if (typeof value !== 'string') throw new ArgonautError('invalid', 'The app name must be a string.');
  const name = value.trim();
  if (name.length === 0) throw new ArgonautError('invalid', 'No app name provided');
  if (name.length > MAX_APP_NAME_LENGTH) throw new ArgonautError('invalid', `The app name may have at most ${MAX_APP_NAME_LENGTH} characters.`);
  if (CONTROL_CHARACTERS.test(name)) throw new ArgonautError('invalid', 'The app name may not contain control characters.');
  return name;
}

/** The optional user a request names; empty means none (as in OctoPrint). */
export function checkRequestedUser(value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string' || value.length > MAX_APP_NAME_LENGTH || CONTROL_CHARACTERS.test(value)) {
    throw new ArgonautError('invalid', 'user must be a user name.');
  }
  return value;
}

/** An optional scope: a non-empty list of permission keys, or null (absent) for all of the user's permissions. */
export function checkScope(value: unknown): PermissionKey[] | null {
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value)) throw new ArgonautError('invalid', 'permissions must be a list of permission keys.');
  for (const key of value) if (!isPermissionKey(key)) throw new ArgonautError('invalid', `Unknown permission: ${String(key)}`);
  if (value.length === 0) throw new ArgonautError('invalid', 'permissions must name at least one permission.');
  return [...new Set(value as PermissionKey[])];
}

/** An optional lifetime in seconds (`expires_in`), as milliseconds; null when absent. */
export function checkLifetime(value: unknown): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > MAX_LIFETIME_SECONDS) {
    throw new ArgonautError('invalid', `expires_in must be a number of seconds between 1 and ${MAX_LIFETIME_SECONDS}.`);
  }
  return Math.ceil(value) * 1000;
}

/** An approver's scope: within what the app asked for (narrowing only); the app's scope when none is given. */
export function narrowScope(asked: readonly PermissionKey[] | null, given: PermissionKey[] | null): readonly PermissionKey[] | null {
  if (given === null) return asked;
  if (asked !== null) {
    const outside = given.filter((key) => !asked.includes(key));
    if (outside.length > 0) throw new ArgonautError('invalid', `The app did not ask for: ${outside.join(', ')}`);
  }
  return given;
}

/** The shorter of two optional lifetimes. */
export function shorterLifetime(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.min(a, b);
}
