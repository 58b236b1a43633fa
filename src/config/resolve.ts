// Turns the raw contents of config.yaml into a complete, validated Config: defaults, warnings, errors.
import { checkField, configSchema, isField } from './schema/index.js';
import type { Config, FieldSpec, SectionSpec } from './schema/index.js';

export interface ResolvedConfig {
  config: Config;
  /** Unknown keys and ignored settings, in words. */
  warnings: string[];
  /** Invalid values, each naming the key, the value and what is allowed. */
  errors: string[];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 60 ? text.slice(0, 57) + '...' : text;
}

function cloneDefault(value: unknown): unknown {
  return value === undefined ? undefined : structuredClone(value);
}

function resolveSection(spec: SectionSpec, raw: unknown, path: string, out: ResolvedConfig): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  const source = isPlainObject(raw) ? raw : {};
  if (raw !== undefined && raw !== null && !isPlainObject(raw)) {
    out.errors.push(`${path || 'config.yaml'} must be a section of keys, not ${describe(raw)}.`);
  }
  for (const [key, child] of Object.entries(spec)) {
    const childPath = path ? `${path}.${key}` : key;
    const value = source[key];
    if (isField(child)) {
      result[key] = resolveField(child, value, childPath, out);
    } else {
      result[key] = resolveSection(child, value, childPath, out);
    }
  }
  for (const key of Object.keys(source)) {
    if (!(key in spec)) out.warnings.push(`Unknown setting ${path ? `${path}.${key}` : key} in config.yaml is ignored.`);
  }
  return result;
}

function resolveField(spec: FieldSpec, value: unknown, path: string, out: ResolvedConfig): unknown {
  if (value === undefined || (value === null && spec.kind !== 'optionalString' && spec.kind !== 'any')) {
    return cloneDefault(spec.default);
  }
  const problem = checkField(spec, value);
  if (problem) {
    out.errors.push(`${path} is ${describe(value)}, but it must be ${problem}.`);
    return cloneDefault(spec.default);
  }
  return cloneDefault(value);
}

export function resolveConfig(raw: unknown): ResolvedConfig {
  const out: ResolvedConfig = { config: {} as Config, warnings: [], errors: [] };
  out.config = resolveSection(configSchema, raw ?? {}, '', out) as Config;
  if (isPlainObject(raw) && isPlainObject(raw.api) && typeof raw.api.key === 'string' && raw.api.key.length > 0) {
    out.warnings.push('api.key in config.yaml is ignored: Argonaut has no global API key. Give each user or app its own key.');
  }
  decideLocalhostProxies(raw, out);
  return out;
}

/**
 * trustLocalhostProxies defaults to on, but a config.yaml that lists its proxies (trustedProxies) without saying
 * anything about loopback meant those proxies only: then 127.0.0.1 and ::1 are not trusted, and the log says so.
 */
function decideLocalhostProxies(raw: unknown, out: ResolvedConfig): void {
  const server = isPlainObject(raw) ? raw.server : undefined;
  const proxy = isPlainObject(server) ? server.reverseProxy : undefined;
  if (!isPlainObject(proxy) || !('trustedProxies' in proxy) || 'trustLocalhostProxies' in proxy) return;
  if (!out.config.server?.reverseProxy) return;
  out.config.server.reverseProxy.trustLocalhostProxies = false;
  out.warnings.push(
    'config.yaml lists server.reverseProxy.trustedProxies but does not set trustLocalhostProxies, so only the listed proxies are trusted, not 127.0.0.1 or ::1. ' +
      'Set server.reverseProxy.trustLocalhostProxies: true to trust a proxy on this machine too.',
  );
}

/** Finds the schema entry at a dotted path, or null. */
export function schemaAt(path: string): FieldSpec | SectionSpec | null {
  let node: FieldSpec | SectionSpec = configSchema;
  for (const part of path.split('.')) {
    if (isField(node)) return null;
    const next: FieldSpec | SectionSpec | undefined = (node as SectionSpec)[part];
    if (next === undefined) return null;
    node = next;
  }
  return node;
}

/** Validates one value for a dotted path; returns null when valid, else an error sentence. */
export function checkValueAt(path: string, value: unknown): string | null {
  const spec = schemaAt(path);
  if (spec === null) return `There is no setting ${path}.`;
  if (!isField(spec)) {
    const scratch: ResolvedConfig = { config: {} as Config, warnings: [], errors: [] };
    resolveSection(spec, value, path, scratch);
    return scratch.errors[0] ?? null;
  }
  const problem = value === null && spec.kind !== 'optionalString' && spec.kind !== 'any' ? 'not null' : checkField(spec, value);
  return problem ? `${path} is ${describe(value)}, but it must be ${problem}.` : null;
}
