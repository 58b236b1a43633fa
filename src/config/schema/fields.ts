// The small language config.yaml's schema is written in: typed fields with defaults, docs and limits.
export type FieldSpec = (
  | { kind: 'string'; default: string; doc: string; enum?: readonly string[] }
  | { kind: 'optionalString'; default: string | null; doc: string }
  | { kind: 'integer'; default: number; doc: string; min?: number; max?: number }
  | { kind: 'number'; default: number; doc: string; min?: number; max?: number }
  | { kind: 'boolean'; default: boolean; doc: string }
  | { kind: 'stringList'; default: readonly string[]; doc: string }
  | { kind: 'integerList'; default: readonly number[]; doc: string }
  | { kind: 'any'; default: unknown; doc: string; check?: (value: unknown) => string | null }
) & {
  /** Read only when the server starts: a change takes effect at the next start (see atStart). */
  readonly restart?: true;
  /** One of OctoPrint's settings kept for its clients (see compat-fields.ts): left out of the README's table. */
  readonly compat?: true;
};

export interface SectionSpec {
  readonly [key: string]: FieldSpec | SectionSpec;
}

export function isField(spec: FieldSpec | SectionSpec): spec is FieldSpec {
  return typeof (spec as { kind?: unknown }).kind === 'string' && typeof (spec as { doc?: unknown }).doc === 'string';
}

type ValueOfField<F> = F extends { kind: 'string' }
  ? string
  : F extends { kind: 'optionalString' }
    ? string | null
    : F extends { kind: 'integer' | 'number' }
      ? number
      : F extends { kind: 'boolean' }
        ? boolean
        : F extends { kind: 'stringList' }
          ? string[]
          : F extends { kind: 'integerList' }
            ? number[]
            : F extends { kind: 'any'; default: infer D }
              ? D
              : never;

/** The TypeScript type of the values a schema describes. */
export type ValueOf<S> = S extends FieldSpec
  ? ValueOfField<S>
  : { -readonly [K in keyof S]: ValueOf<S[K]> };

export const field = {
  string: (value: string, doc: string, enumValues?: readonly string[]): { kind: 'string'; default: string; doc: string; enum?: readonly string[] } =>
    enumValues ? { kind: 'string', default: value, doc, enum: enumValues } : { kind: 'string', default: value, doc },
  optionalString: (value: string | null, doc: string) => ({ kind: 'optionalString', default: value, doc }) as const,
  integer: (value: number, doc: string, min?: number, max?: number) =>
    ({ kind: 'integer', default: value, doc, min, max }) as const,
  number: (value: number, doc: string, min?: number, max?: number) =>
    ({ kind: 'number', default: value, doc, min, max }) as const,
  boolean: (value: boolean, doc: string) => ({ kind: 'boolean', default: value, doc }) as const,
  stringList: (value: readonly string[], doc: string) => ({ kind: 'stringList', default: value, doc }) as const,
  integerList: (value: readonly number[], doc: string) => ({ kind: 'integerList', default: value, doc }) as const,
  any: <T>(value: T, doc: string, check?: (value: unknown) => string | null) =>
    ({ kind: 'any', default: value, doc, check }) as { kind: 'any'; default: T; doc: string; check?: (value: unknown) => string | null },
};

/** Marks a field the server reads only when it starts; its doc says so, and a running server reports the change as needing a restart. */
export function atStart<F extends FieldSpec>(spec: F): F & { readonly restart: true } {
  return { ...spec, restart: true, doc: `${spec.doc} Read when the server starts.` } as F & { readonly restart: true };
}

/** Checks one value against its field; returns null when valid, else what is allowed. */
export function checkField(spec: FieldSpec, value: unknown): string | null {
  switch (spec.kind) {
    case 'string':
      if (typeof value !== 'string') return 'a text value';
      if (spec.enum && !spec.enum.includes(value)) return `one of ${spec.enum.join(', ')}`;
      return null;
    case 'optionalString':
      return value === null || typeof value === 'string' ? null : 'a text value or null';
    case 'integer':
    case 'number': {
      const kindText = spec.kind === 'integer' ? 'a whole number' : 'a number';
      const range = rangeText(spec.min, spec.max);
      if (typeof value !== 'number' || !Number.isFinite(value)) return kindText + range;
      if (spec.kind === 'integer' && !Number.isInteger(value)) return kindText + range;
      if (spec.min !== undefined && value < spec.min) return kindText + range;
      if (spec.max !== undefined && value > spec.max) return kindText + range;
      return null;
    }
    case 'boolean':
      return typeof value === 'boolean' ? null : 'true or false';
    case 'stringList':
      return Array.isArray(value) && value.every((v) => typeof v === 'string') ? null : 'a list of text values';
    case 'integerList':
      return Array.isArray(value) && value.every((v) => Number.isInteger(v)) ? null : 'a list of whole numbers';
    case 'any':
      return spec.check ? spec.check(value) : null;
  }
}

function rangeText(min?: number, max?: number): string {
  if (min !== undefined && max !== undefined) return ` from ${min} to ${max}`;
  if (min !== undefined) return ` of at least ${min}`;
  if (max !== undefined) return ` of at most ${max}`;
  return '';
}
