// What differs between two configs, as dotted setting paths, and which of those a running server applies only at its next start.
import { schemaAt } from './resolve.js';
import { isField } from './schema/index.js';
import type { Config } from './schema/index.js';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The settings whose values differ (a list or structure counts as one setting), in schema order. */
export function changedPaths(before: Config, after: Config): string[] {
  const paths: string[] = [];
  const walk = (a: unknown, b: unknown, prefix: string): void => {
    if (isPlainObject(a) && isPlainObject(b) && !isSetting(prefix)) {
      for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) walk(a[key], b[key], prefix ? `${prefix}.${key}` : key);
      return;
    }
    if (JSON.stringify(a) !== JSON.stringify(b)) paths.push(prefix);
  };
  walk(before, after, '');
  return paths;
}

function isSetting(path: string): boolean {
  if (path === '') return false;
  const spec = schemaAt(path);
  return spec !== null && isField(spec);
}

/** Whether the server reads this setting only when it starts (see atStart in the schema). */
export function needsRestart(path: string): boolean {
  const spec = schemaAt(path);
  return spec !== null && isField(spec) && spec.restart === true;
}
