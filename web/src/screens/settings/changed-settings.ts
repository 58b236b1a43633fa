// The part of a settings body that differs from what the form started from: a save sends only what the user changed.

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Keeps the keys of `next` whose values differ from `start` (nested sections compared key by key, lists and
 * plain values as a whole), so that settings changed meanwhile elsewhere (the CLI, an editor, another browser)
 * are not written back with the values this form loaded.
 */
export function changedSettings(next: Record<string, unknown>, start: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(next)) {
    const before = start[key];
    if (isRecord(value) && isRecord(before)) {
      const inner = changedSettings(value, before);
      if (Object.keys(inner).length > 0) result[key] = inner;
    } else if (JSON.stringify(value) !== JSON.stringify(before)) {
      result[key] = value;
    }
  }
  return result;
}
