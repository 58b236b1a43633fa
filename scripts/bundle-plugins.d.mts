// Types of scripts/bundle-plugins.mjs, for its test.
import type { Plugin } from 'esbuild';

export function externalImportsAsRequire(external: string[], resolveDir: string): Plugin;
export function lazyPrefixMatchers(source: string): string;
export const lazyRouterPrefixes: Plugin;
export function lazyStaticGlob(source: string): string;
export const lazyStaticFileGlob: Plugin;
export function lazyFastifyHttp2(source: string): string;
export const lazyHttp2: Plugin;
export function lazyResolverDebug(source: string): string;
export const lazyDebugLogger: Plugin;
