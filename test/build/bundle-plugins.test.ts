// Tests of the server bundle's esbuild plugins: find-my-way with prefix matchers compiled on first use routes as before; import() of externals becomes require().
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { build } from 'esbuild';
import type { Plugin } from 'esbuild';
import { externalImportsAsRequire, lazyFastifyHttp2, lazyPrefixMatchers, lazyResolverDebug, lazyRouterPrefixes, lazyStaticGlob } from '../../scripts/bundle-plugins.mjs';

const root = new URL('../../', import.meta.url).pathname;

interface Router {
  on(method: string, path: string, handler: () => void, store?: unknown): void;
  find(method: string, path: string): { store: unknown; params: Record<string, string> } | null;
}

describe('bundle plugins', () => {
  const folder = mkdtempSync(join(tmpdir(), 'argonaut-bundle-plugins-'));
  after(() => rmSync(folder, { recursive: true, force: true }));

  async function routerFactory(name: string, plugins: Plugin[]): Promise<() => Router> {
    const output = await build({
      stdin: { contents: "module.exports = require('find-my-way');", resolveDir: root, loader: 'js' },
      bundle: true,
      platform: 'node',
      format: 'cjs',
      write: false,
      logLevel: 'silent',
      plugins,
    });
    const file = join(folder, `${name}.cjs`);
    writeFileSync(file, output.outputFiles[0]?.text ?? '');
    return createRequire(import.meta.url)(file) as () => Router;
  }

  it('routes exactly as find-my-way itself, on the first lookup and after', async () => {
    const patched = (await routerFactory('patched', [lazyRouterPrefixes]))();
    const original = (await routerFactory('original', []))();
    const routes = ['/api/version', '/api/files', '/api/files/local', '/api/files/:origin', '/api/files/:origin/*', '/api/filesystem', '/api/printer', '/api/printer/tool', '/api/printer/bed', '/api/printerprofiles/:id', '/assets/*', '/', '/login', '/plugin/appkeys/probe', '/plugin/appkeys/request', '/api/job'];
    for (const router of [patched, original]) for (const path of routes) router.on('GET', path, () => undefined, path);
    const lookups = ['/api/version', '/api/versio', '/api/versions', '/api/files', '/api/files/', '/api/files/local', '/api/files/sdcard', '/api/files/local/a/b.gcode', '/api/filesystem', '/api/filesys', '/api/printer/tool', '/api/printer/bedx', '/api/printerprofiles/_default', '/assets/index.js', '/login', '/logi', '/plugin/appkeys/request', '/plugin/appkeys/requests', '/api/job', '/api/jo', '/', '/nothing', '/api/printer/chamber'];
    for (let pass = 0; pass < 2; pass += 1) {
      for (const path of lookups) {
        const expected = original.find('GET', path);
        const found = patched.find('GET', path);
        assert.deepEqual(found && { store: found.store, params: { ...found.params } }, expected && { store: expected.store, params: { ...expected.params } }, `${path}, pass ${pass}`);
      }
    }
    assert.equal(patched.find('GET', '/api/files/local')?.store, '/api/files/local');
    assert.equal(patched.find('GET', '/api/versio'), null);
  });

  it('refuses a find-my-way that no longer has the shape the patch relies on', () => {
    assert.throws(() => lazyPrefixMatchers('function somethingElse () {}'), /find-my-way\/lib\/node\.js changed/);
  });

  it('requires glob in @fastify/static when it lists files, not when the plugin loads', () => {
    const source = readFileSync(createRequire(import.meta.url).resolve('@fastify/static'), 'utf8');
    const patched = lazyStaticGlob(source);
    assert.doesNotMatch(patched, /^const \{ glob \} = require\('glob'\)/m);
    assert.match(patched, /const glob = \(\.\.\.args\) => require\('glob'\)\.glob\(\.\.\.args\)/);
    // Only that line changes.
    assert.equal(patched.split('\n').length, source.split('\n').length);
    assert.throws(() => lazyStaticGlob('module.exports = {}'), /@fastify\/static\/index\.js changed/);
  });

  it('requires node:http2 in fastify only when a server asks for HTTP/2', () => {
    const source = readFileSync(join(dirname(createRequire(import.meta.url).resolve('fastify')), 'lib', 'server.js'), 'utf8');
    const patched = lazyFastifyHttp2(source);
    assert.doesNotMatch(patched, /^const http2 = require\('node:http2'\)/m);
    assert.equal(patched.split('\n').length, source.split('\n').length);
    // The stand-in gives the real constructors on use.
    const line = patched.split('\n').find((text) => text.startsWith('const http2 = '));
    const http2 = new Function('require', `${line ?? ''}; return http2;`)(createRequire(import.meta.url)) as { createServer(): { close(): void } };
    const server = http2.createServer();
    assert.equal(server.constructor.name, 'Http2Server');
    server.close();
    assert.throws(() => lazyFastifyHttp2(`${source}\nhttp2.connect()`), /fastify\/lib\/server\.js changed/);
  });

  it('makes the debug logger of json-schema-resolver on its first line, not when the module loads', () => {
    const swagger = createRequire(createRequire(import.meta.url).resolve('@fastify/swagger'));
    const source = readFileSync(swagger.resolve('json-schema-resolver'), 'utf8');
    const patched = lazyResolverDebug(source);
    assert.equal(patched.split('\n').length, source.split('\n').length);
    const line = patched.split('\n').find((text) => text.includes('debugLog ??=')) ?? '';
    // The module's own require, recording what it loads.
    const resolverRequire = createRequire(swagger.resolve('json-schema-resolver'));
    const required: string[] = [];
    const recording = (name: string): unknown => {
      required.push(name);
      return resolverRequire(name) as unknown;
    };
    const debug = new Function('require', `${line}; return debug;`)(recording) as (...args: unknown[]) => void;
    assert.deepEqual(required, []);
    debug('Generating %d refs', 3);
    debug('Generating %d refs', 4);
    assert.deepEqual(required, ['debug']);
    assert.throws(() => lazyResolverDebug(`${source}\ndebug.enabled`), /json-schema-resolver\/ref-resolver\.js changed/);
  });

  it('turns import() of an external package into a require() when first called', async () => {
    const output = await build({
      stdin: { contents: "export const load = () => import('serialport');", resolveDir: root, loader: 'ts' },
      bundle: true,
      platform: 'node',
      format: 'cjs',
      write: false,
      logLevel: 'silent',
      external: ['serialport'],
      plugins: [externalImportsAsRequire(['serialport', '@serialport/*'], root)],
    });
    const text = output.outputFiles[0]?.text ?? '';
    assert.match(text, /require\("serialport"\)/);
    assert.doesNotMatch(text, /import\(/);
  });
});
