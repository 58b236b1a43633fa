// Small JSON Schema builders for route schemas (plain objects, so the server does not load a schema library to start).

export type JsonSchema = { readonly [key: string]: unknown };
type Options = Record<string, unknown>;

/** Marks a property schema as optional inside `object()`; symbols never reach the serialised document. */
const OPTIONAL = Symbol('optional');
type Optional = JsonSchema & { readonly [OPTIONAL]: true };

function isOptional(schema: JsonSchema): schema is Optional {
  return (schema as Partial<Optional>)[OPTIONAL] === true;
}

function withoutMarker(schema: JsonSchema): JsonSchema {
  const copy: Record<string | symbol, unknown> = { ...schema };
  delete copy[OPTIONAL];
  return copy as JsonSchema;
}

export const S = {
  string: (options: Options = {}): JsonSchema => ({ type: 'string', ...options }),
  integer: (options: Options = {}): JsonSchema => ({ type: 'integer', ...options }),
  number: (options: Options = {}): JsonSchema => ({ type: 'number', ...options }),
  boolean: (options: Options = {}): JsonSchema => ({ type: 'boolean', ...options }),
  null: (options: Options = {}): JsonSchema => ({ type: 'null', ...options }),
  unknown: (options: Options = {}): JsonSchema => ({ ...options }),
  literal: (value: string | number | boolean, options: Options = {}): JsonSchema => ({ const: value, ...options }),
  union: (schemas: JsonSchema[], options: Options = {}): JsonSchema => ({ anyOf: schemas, ...options }),
  nullable: (schema: JsonSchema, options: Options = {}): JsonSchema => ({ anyOf: [schema, { type: 'null' }], ...options }),
  array: (items: JsonSchema, options: Options = {}): JsonSchema => ({ type: 'array', items, ...options }),
  /** An object whose keys are free and whose values all follow `values`. */
  record: (values: JsonSchema, options: Options = {}): JsonSchema => ({ type: 'object', additionalProperties: values, ...options }),
  optional: (schema: JsonSchema): JsonSchema => ({ ...schema, [OPTIONAL]: true }) as Optional,
  /** An object with these properties, each required unless wrapped in `S.optional`. */
  object(properties: Record<string, JsonSchema>, options: Options = {}): JsonSchema {
    const required = Object.keys(properties).filter((key) => !isOptional(properties[key] as JsonSchema));
    const clean = Object.fromEntries(Object.entries(properties).map(([key, schema]) => [key, withoutMarker(schema)]));
    return { type: 'object', ...(required.length > 0 ? { required } : {}), properties: clean, ...options };
  },
};
