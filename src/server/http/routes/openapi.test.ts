// GET /api/openapi.json: every route fastify has registered is documented, with its permission; examples validate.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Value } from 'typebox/value';
import { createTestApp } from '../../../../test/support/test-app.js';
import type { TestApp } from '../../../../test/support/test-app.js';
import { tagFor } from './openapi.js';

type Json = Record<string, unknown>;

/** Routes as fastify's router knows them (independent of the document): parsed from printRoutes()' radix tree. */
function routesOf(tree: string): Array<{ path: string; method: string }> {
  const routes: Array<{ path: string; method: string }> = [];
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const match = /^([│ ]*)[├└]── (.*?)(?: \(([^)]*)\))?$/.exec(line);
    if (!match) continue;
    const depth = (match[1] as string).length / 4;
    stack[depth] = match[2] as string;
    stack.length = depth + 1;
    if (!match[3]) continue;
    const path = stack.join('');
    for (const method of match[3].split(',').map((m) => m.trim())) routes.push({ path, method });
  }
  return routes;
}

/** fastify's `/a/:b/*` as OpenAPI's `/a/{b}/{*}`. */
function openApiPath(path: string): string {
  return path.replace(/:(\w+)/g, '{$1}').replace(/\*/g, '{*}');
}

/** Inlines `#/components/schemas/...` references so an example can be checked against a plain schema. */
function inline(schema: unknown, components: Json, depth = 0): unknown {
  if (depth > 50 || typeof schema !== 'object' || schema === null) return schema;
  if (Array.isArray(schema)) return schema.map((item) => inline(item, components, depth + 1));
  const ref = (schema as Json).$ref;
  if (typeof ref === 'string' && ref.startsWith('#/components/schemas/')) {
    return inline(components[ref.slice('#/components/schemas/'.length)], components, depth + 1);
  }
  return Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, inline(value, components, depth + 1)]));
}

function examplesOf(media: Json): unknown[] {
  if ('example' in media) return [media.example];
  if (media.examples && typeof media.examples === 'object') return Object.values(media.examples as Record<string, { value: unknown }>).map((e) => e.value);
  return [];
}

describe('GET /api/openapi.json', () => {
  let t: TestApp;
  let document: Json;
  before(async () => {
    t = await createTestApp({ config: 'accessControl:\n  enabled: false\nplugins:\n  discovery:\n    enabled: false\n' });
    const response = await t.app.http.inject({ method: 'GET', url: '/api/openapi.json' });
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /application\/json/);
    document = response.json();
  });
  after(() => t.close());

  it('is an OpenAPI 3.1 document with the credentials schemes', () => {
    assert.equal(document.openapi, '3.1.0');
    const info = document.info as Json;
    assert.equal(typeof info.title, 'string');
    const schemes = (document.components as Json).securitySchemes as Json;
    assert.deepEqual(Object.keys(schemes).sort(), ['apiKey', 'bearer', 'session']);
  });

  it('documents every route fastify has registered', () => {
    const routes = routesOf(t.app.http.printRoutes()).filter((route) => route.method !== 'HEAD' && route.method !== 'OPTIONS');
    assert.ok(routes.length >= 10, `found ${routes.length} routes`);
    assert.ok(routes.some((route) => route.path === '/api/system/commands/:source/:action' && route.method === 'POST'), 'nested routes are parsed');
    const paths = document.paths as Record<string, Json>;
    const missing = routes.filter((route) => !paths[openApiPath(route.path)]?.[route.method.toLowerCase()]);
    assert.deepEqual(missing, [], 'routes missing from the document');
    assert.ok(paths['/api/system/commands/{source}/{action}']?.post, 'parametric paths use {name}');
  });

  it('names the permission of every API route (x-permission)', () => {
    const missing: string[] = [];
    for (const [path, item] of Object.entries(document.paths as Record<string, Record<string, Json>>)) {
      for (const [method, operation] of Object.entries(item)) {
        const permission = operation['x-permission'];
        assert.equal(typeof permission, 'string', `${method} ${path}`);
        const api = /^\/(api|plugin|downloads|sockjs)(\/|$)/.test(path);
        if (api && permission === 'unspecified') missing.push(`${method.toUpperCase()} ${path}`);
        if (permission !== 'none' && permission !== 'unspecified') assert.ok(operation.security, `${method} ${path} lists its credentials`);
      }
    }
    assert.deepEqual(missing, [], 'API routes without config.permission');
    const paths = document.paths as Record<string, Record<string, Json>>;
    assert.equal(paths['/api/version']?.get?.['x-permission'], 'STATUS');
    assert.equal(paths['/api/system/commands/{source}/{action}']?.post?.['x-permission'], 'SYSTEM');
    assert.equal(paths['/online.txt']?.get?.['x-permission'], 'none');
  });

  it('has response and request examples that validate against their schemas', () => {
    const components = ((document.components as Json).schemas ?? {}) as Json;
    let checked = 0;
    for (const [path, item] of Object.entries(document.paths as Record<string, Record<string, Json>>)) {
      for (const [method, operation] of Object.entries(item)) {
        const medias: Array<[string, Json]> = [];
        for (const [status, response] of Object.entries((operation.responses ?? {}) as Record<string, Json>)) {
          for (const media of Object.values((response.content ?? {}) as Record<string, Json>)) medias.push([status, media]);
        }
        const body = operation.requestBody as Json | undefined;
        for (const media of Object.values((body?.content ?? {}) as Record<string, Json>)) medias.push(['request', media]);
        for (const [where, media] of medias) {
          const schema = inline(media.schema, components);
          for (const example of examplesOf(media)) {
            checked += 1;
            assert.ok(Value.Check(schema as never, example), `${method.toUpperCase()} ${path} ${where}: example does not match its schema`);
          }
        }
      }
    }
    assert.ok(checked >= 10, `only ${checked} examples found`);
  });

  it('sorts routes into tags by area', () => {
    assert.equal(tagFor('/api/system/commands/core/shutdown'), 'system');
    assert.equal(tagFor('/api/plugin/appkeys'), 'appkeys');
    assert.equal(tagFor('/plugin/discovery/discovery.xml'), 'discovery');
    assert.equal(tagFor('/online.txt'), 'misc');
  });

  it('rejects a wrong example (the check can fail)', () => {
    const settings = (document.paths as Record<string, Record<string, Json>>)['/api/settings']?.get as Json;
    const media = ((settings.responses as Record<string, Json>)['200']?.content as Record<string, Json>)['application/json'] as Json;
    const broken = structuredClone(examplesOf(media)[0]) as Json;
    (broken.api as Json).allowCrossOrigin = 'yes';
    assert.equal(Value.Check(inline(media.schema, {}) as never, broken), false);
  });
});

describe('GET /api/openapi.html', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ config: 'plugins:\n  discovery:\n    enabled: false\n' });
  });
  after(() => t.close());

  it('renders every documented operation with its permission, for anyone, without scripts', async () => {
    const response = await t.app.http.inject({ method: 'GET', url: '/api/openapi.html' });
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /^text\/html/);
    assert.ok(response.headers['content-security-policy'], 'the UI page policy applies');
    const html = response.body;
    assert.doesNotMatch(html, /<script/i);
    const document = (await t.app.http.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    for (const [path, item] of Object.entries(document.paths)) {
      for (const method of Object.keys(item)) {
        assert.ok(html.includes(`<span class="method ${method}">${method.toUpperCase()}</span> <code>${path.replace(/&/g, '&amp;')}</code>`), `${method} ${path}`);
      }
    }
    assert.match(html, /<code>\/api\/settings<\/code> <span class="perm">SETTINGS_READ<\/span>/);
  });
});
