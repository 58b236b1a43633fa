// Equality tests for store selectors: shallow (one level of Object.is) and structural (whole JSON values).

/** True when both are the same value, or objects/arrays of the same kind whose own entries are equal by `same`. */
function entriesEqual(a: unknown, b: unknown, same: (x: unknown, y: unknown) => boolean): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const aKeys = Object.keys(a);
  if (aKeys.length !== Object.keys(b).length) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  return aKeys.every((key) => Object.prototype.hasOwnProperty.call(right, key) && same(left[key], right[key]));
}

/** True when both are the same value, or objects/arrays whose own entries are Object.is-equal one level down. */
export function shallowEqual(a: unknown, b: unknown): boolean {
  return entriesEqual(a, b, Object.is);
}

/** True when two JSON-like values (what a push message parses to) have the same content, at any depth. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  return entriesEqual(a, b, jsonEqual);
}

/** The previous value when the next one has the same content, so selectors see an unchanged reference. */
export function keepIfEqual<T>(previous: T, next: T): T {
  return jsonEqual(previous, next) ? previous : next;
}
