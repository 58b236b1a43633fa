// esbuild plugins of the server bundle: external import() as require(), and find-my-way's prefix matchers compiled on first use.
import { readFile } from 'node:fs/promises';

/**
 * `import('serialport')` of a CommonJS package left outside the bundle becomes a require() when first needed: the
 * server bundle runs through node:vm, where import() prints an experimental warning on Node 20.
 */
export function externalImportsAsRequire(external, resolveDir) {
  const names = new RegExp(`^(${external.map((name) => name.replace(/[/.-]/g, '\\$&').replace('*', '.*')).join('|')})$`);
  return {
    name: 'external-imports-as-require',
    setup(build) {
      build.onResolve({ filter: names }, (args) => (args.kind === 'dynamic-import' ? { path: args.path, namespace: 'external-require' } : undefined));
      build.onLoad({ filter: /.*/, namespace: 'external-require' }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});`, resolveDir }));
    },
  };
}

const ORIGINAL = 'function compilePrefixMatch (prefix) {';
const LAZY = [
  'function compilePrefixMatch (prefix) {',
  '  if (prefix.length === 1) return matchSingleCharPrefix',
  '  return function matchPrefixOnFirstUse (path, i) {',
  '    const match = compilePrefixMatchNow(prefix)',
  '    this.matchPrefix = match',
  '    return match(path, i)',
  '  }',
  '}',
  '',
].join('\n');

/**
 * find-my-way's lib/node.js with each static node's prefix matcher (a `new Function`) compiled when the node is
 * first matched, not when the route is added; throws if the file no longer has the shape this relies on.
 */
export function lazyPrefixMatchers(source) {
  const count = (text) => source.split(text).length - 1;
  // One definition, one caller (as a method of the node, so `this` is the node), two assignments.
  if (count(ORIGINAL) !== 1 || count('staticChild.matchPrefix(path, pathIndex)') !== 1 || count('matchPrefix') !== 3) {
    throw new Error('find-my-way/lib/node.js changed: review lazyPrefixMatchers in scripts/bundle-plugins.mjs');
  }
  return source.replace(ORIGINAL, `${LAZY}function compilePrefixMatchNow (prefix) {`);
}

/**
 * find-my-way compiles a `new Function` for the prefix of every static node of the router when a route is added:
 * the largest single cost of registering our routes, and code a V8 code cache cannot hold. The same function is
 * compiled when the node is first matched instead and then replaces the stub on the node, so a lookup keeps its
 * unrolled comparison.
 */
export const lazyRouterPrefixes = {
  name: 'lazy-router-prefixes',
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/]find-my-way[\\/]lib[\\/]node\.js$/ }, async (args) => ({
      contents: lazyPrefixMatchers(await readFile(args.path, 'utf8')),
      loader: 'js',
    }));
  },
};

/**
 * Our own modules marked free of side effects on import, so that a module nothing uses is left out even when an
 * index.ts re-exports it: `argonaut analyse` imports the analysis through src/app's index without the server.
 */
export const unusedSourcesDropped = {
  name: 'unused-sources-dropped',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\// }, async (args) => {
      if (args.pluginData === 'unused-sources-dropped') return undefined;
      const resolved = await build.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: 'unused-sources-dropped' });
      if (resolved.errors.length > 0 || !/[\\/]src[\\/]/.test(resolved.path) || /node_modules/.test(resolved.path)) return undefined;
      return { path: resolved.path, sideEffects: false };
    });
  },
};

const STATIC_GLOB = "const { glob } = require('glob')";

/**
 * @fastify/static's index.js with the glob package required on first use: it lists files only for `wildcard: false`
 * (our UI route uses a wildcard), but loading glob at start cost the idle server about 0.4 MiB of heap. Throws if the
 * file no longer has the shape this relies on.
 */
export function lazyStaticGlob(source) {
  if (source.split(STATIC_GLOB).length !== 2 || source.split('glob(').length !== 2) {
    throw new Error('@fastify/static/index.js changed: review lazyStaticGlob in scripts/bundle-plugins.mjs');
  }
  return source.replace(STATIC_GLOB, "const glob = (...args) => require('glob').glob(...args)");
}

export const lazyStaticFileGlob = {
  name: 'lazy-static-file-glob',
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/]@fastify[\\/]static[\\/]index\.js$/ }, async (args) => ({
      contents: lazyStaticGlob(await readFile(args.path, 'utf8')),
      loader: 'js',
    }));
  },
};

const FASTIFY_HTTP2 = "const http2 = require('node:http2')";
const HTTP2_USES = new Set(['createServer', 'createSecureServer', 'Http2Server', 'Http2Session']);

/**
 * fastify's lib/server.js with node:http2 required only by a server that asks for HTTP/2 (ours never does): loading
 * it cost every start about 20 ms and 1 MiB of RSS. Throws if the file no longer has the shape this relies on (one
 * require, used only for its two server constructors; the other names are in comments).
 */
export function lazyFastifyHttp2(source) {
  const uses = [...source.matchAll(/\bhttp2\.(\w+)/g)].map((match) => match[1]);
  if (source.split(FASTIFY_HTTP2).length !== 2 || !uses.includes('createServer') || uses.some((name) => !HTTP2_USES.has(name))) {
    throw new Error('fastify/lib/server.js changed: review lazyFastifyHttp2 in scripts/bundle-plugins.mjs');
  }
  const lazy =
    "const http2 = { createServer: (...args) => require('node:http2').createServer(...args), createSecureServer: (...args) => require('node:http2').createSecureServer(...args) }";
  return source.replace(FASTIFY_HTTP2, lazy);
}

export const lazyHttp2 = {
  name: 'lazy-http2',
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/]fastify[\\/]lib[\\/]server\.js$/ }, async (args) => ({
      contents: lazyFastifyHttp2(await readFile(args.path, 'utf8')),
      loader: 'js',
    }));
  },
};

const RESOLVER_DEBUG = "const debug = require('debug')('json-schema-resolver')";

/**
 * json-schema-resolver (of @fastify/swagger) with its `debug` logger made on first use: debug loads node:tty and
 * supports-color, which cost every start about 30 ms, for lines written only while the OpenAPI document is built.
 * Throws if the file no longer has the shape this relies on (one logger, only ever called).
 */
export function lazyResolverDebug(source) {
  if (source.split(RESOLVER_DEBUG).length !== 2 || /\bdebug\.\w/.test(source)) {
    throw new Error('json-schema-resolver/ref-resolver.js changed: review lazyResolverDebug in scripts/bundle-plugins.mjs');
  }
  return source.replace(RESOLVER_DEBUG, "let debugLog; const debug = (...args) => (debugLog ??= require('debug')('json-schema-resolver'))(...args)");
}

export const lazyDebugLogger = {
  name: 'lazy-debug-logger',
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/]json-schema-resolver[\\/]ref-resolver\.js$/ }, async (args) => ({
      contents: lazyResolverDebug(await readFile(args.path, 'utf8')),
      loader: 'js',
    }));
  },
};
