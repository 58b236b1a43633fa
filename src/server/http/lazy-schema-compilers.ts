// Fastify's own schema compilers (Ajv, fast-json-stringify), each route's validators and serializers built on first use instead of at start.
import AjvCompiler from '@fastify/ajv-compiler';
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import type { FastifyServerOptions } from 'fastify';

type Validator = ((data: unknown, context?: unknown) => unknown) & { errors?: unknown; schemaEnv?: unknown };
type Serializer = (data: unknown) => string;
type CompilerFactory<T> = (externalSchemas: unknown, options: unknown) => (route: unknown) => T;

/**
 * A validator that compiles its schema when first called. Fastify reads `errors` off the function after a failed
 * check, and passes Ajv's root context (so that defaults and coercion can replace the value) to a function with a
 * `schemaEnv`, which every Ajv validator has: both are kept.
 */
export function lazyValidator(compile: () => Validator): Validator {
  let compiled: Validator | null = null;
  const validate: Validator = (data, context) => {
    compiled ??= compile();
    const result = context === undefined ? compiled(data) : compiled(data, context);
    validate.errors = compiled.errors;
    return result;
  };
  validate.schemaEnv = true;
  validate.errors = null;
  return validate;
}

/** A serializer that compiles its schema when first called. */
export function lazySerializer(compile: () => Serializer): Serializer {
  let compiled: Serializer | null = null;
  return (data) => (compiled ??= compile())(data);
}

/**
 * The `schemaController` option of Fastify: its default compilers, unchanged, each route's code compiled on the
 * route's first request. Compiling every route's schemas at start took a sixth of the startup time, and their
 * generated code stayed in memory for routes an idle server never answers. The route schemas are ours and fixed
 * (their tests compile them). Note: with a custom compiler Fastify leaves header schemas as written (it lowercases
 * their keys for its default one); no route has one.
 */
export function lazySchemaController(): NonNullable<FastifyServerOptions['schemaController']> {
  const validators = (AjvCompiler as unknown as () => CompilerFactory<Validator>)();
  const serializers = (SerializerSelector as unknown as () => CompilerFactory<Serializer>)();
  const buildValidator: CompilerFactory<Validator> = (externalSchemas, options) => {
    const compile = validators(externalSchemas, options);
    return (route) => lazyValidator(() => compile(route));
  };
  const buildSerializer: CompilerFactory<Serializer> = (externalSchemas, options) => {
    const compile = serializers(externalSchemas, options);
    return (route) => lazySerializer(() => compile(route));
  };
  return { compilersFactory: { buildValidator, buildSerializer } } as unknown as NonNullable<FastifyServerOptions['schemaController']>;
}
