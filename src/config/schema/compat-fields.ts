// OctoPrint's settings that Argonaut keeps for its clients: tables of API path, config.yaml path and default, made into schema fields.
import { isField } from './fields.js';
import type { FieldSpec, SectionSpec } from './fields.js';

/** One of OctoPrint's settings: where it is in /api/settings, where it is kept in config.yaml, and its field. */
export interface CompatSetting {
  /** Dotted path in the JSON of GET/POST /api/settings. */
  readonly api: string;
  /** Dotted path in config.yaml: OctoPrint's own, so that the same file means the same in both. */
  readonly config: string;
  readonly spec: FieldSpec;
  /** The API shows the stored value divided by this (OctoPrint stores seconds where its API shows minutes). */
  readonly apiDivisor?: number;
  /** Only administrators see it (OctoPrint's accessControl section). */
  readonly admin?: boolean;
}

export const KEPT_DOC = 'Kept for OctoPrint clients (stored and returned by /api/settings); Argonaut does not act on it.';

/** A row whose config.yaml key differs from its API key, or that needs more than its default. */
interface Row {
  readonly row: true;
  readonly config?: string;
  readonly value: unknown;
  readonly doc?: string;
  readonly enum?: readonly string[];
  readonly apiDivisor?: number;
}

/** A row kept at another config.yaml key (relative to the table's section), or with a doc or allowed values. */
export function at(config: string | undefined, value: unknown, extra: Omit<Row, 'row' | 'config' | 'value'> = {}): Row {
  return { row: true, config, value, ...extra };
}

function isRow(value: unknown): value is Row {
  return typeof value === 'object' && value !== null && (value as { row?: unknown }).row === true;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const checkList = (value: unknown): string | null => (Array.isArray(value) ? null : 'a list');
const checkSection = (value: unknown): string | null => (isRecord(value) ? null : 'a section of keys');

/** The field for a default value: its kind follows the value (null and empty lists accept any value of their kind). */
export function keptField(value: unknown, doc: string = KEPT_DOC, enumValues?: readonly string[]): FieldSpec {
  // A setting with a doc of its own does something in Argonaut: it belongs in the README's table.
  const compat = doc === KEPT_DOC ? ({ compat: true } as const) : {};
  if (typeof value === 'boolean') return { kind: 'boolean', default: value, doc, ...compat };
  if (typeof value === 'number') return { kind: 'number', default: value, doc, ...compat };
  if (typeof value === 'string') return enumValues ? { kind: 'string', default: value, doc, enum: enumValues, ...compat } : { kind: 'string', default: value, doc, ...compat };
  if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string')) return { kind: 'stringList', default: value, doc, ...compat };
  if (Array.isArray(value) && value.length > 0 && value.every((v) => Number.isInteger(v))) return { kind: 'integerList', default: value, doc, ...compat };
  if (Array.isArray(value)) return { kind: 'any', default: value, doc, check: checkList, ...compat };
  if (isRecord(value)) return { kind: 'any', default: value, doc, check: checkSection, ...compat };
  return { kind: 'any', default: value, doc, ...compat };
}

/**
 * A table of one API section: `{apiKey: default}` or `{apiKey: at('config.key', default)}`, with config.yaml keys
 * relative to `configSection` (the API section unless given).
 */
export function keptTable(apiSection: string, rows: Readonly<Record<string, unknown>>, configSection = apiSection, admin = false): CompatSetting[] {
  return Object.entries(rows).map(([key, raw]) => {
    const row = isRow(raw) ? raw : at(undefined, raw);
    return {
      api: `${apiSection}.${key}`,
      config: `${configSection}.${row.config ?? key}`,
      spec: keptField(row.value, row.doc, row.enum),
      ...(row.apiDivisor ? { apiDivisor: row.apiDivisor } : {}),
      ...(admin ? { admin } : {}),
    };
  });
}

/** A plugin's settings (`plugins.<id>.<key>`), the same path in the API and in config.yaml. */
export function keptPlugin(id: string, defaults: Readonly<Record<string, unknown>>): CompatSetting[] {
  return keptTable(`plugins.${id}`, defaults);
}

function withField(section: SectionSpec, parts: readonly string[], spec: FieldSpec): SectionSpec {
  const [head, ...rest] = parts as [string, ...string[]];
  const existing = section[head];
  if (rest.length === 0) {
    if (existing !== undefined) throw new Error(`The setting ${head} is in the schema twice.`);
    return { ...section, [head]: spec };
  }
  if (existing !== undefined && isField(existing)) throw new Error(`The setting ${head} is a value, not a section.`);
  return { ...section, [head]: withField(existing ?? {}, rest, spec) };
}

/** The schema with the kept settings added at their config.yaml paths (a path twice is a programming error). */
export function withKeptSettings<S extends SectionSpec>(schema: S, settings: readonly CompatSetting[]): S {
  let result: SectionSpec = schema;
  for (const setting of settings) result = withField(result, setting.config.split('.'), setting.spec);
  return result as S;
}

/** The value of a kept setting in a resolved config (these are not in the Config type). */
export function keptValue(config: unknown, path: string): unknown {
  let value = config;
  for (const part of path.split('.')) {
    if (!isRecord(value)) return undefined;
    value = value[part];
  }
  return value;
}
