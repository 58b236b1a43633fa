// Route schemas compiled on first use: the same answers, errors and coercion as Fastify's default compilers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import Fastify from 'fastify';
import { lazySchemaController, lazyValidator } from './lazy-schema-compilers.js';

async function appWith(lazy: boolean) {
  const app = Fastify(lazy ? { schemaController: lazySchemaController() } : {});
  app.post(
    '/things/:id',
    {
      schema: {
        params: { type: 'object', properties: { id: { type: 'integer' } }, required: ['id'] },
        querystring: { type: 'object', properties: { full: { type: 'boolean', default: false } } },
        body: { type: 'object', properties: { name: { type: 'string', minLength: 1 } }, required: ['name'] },
        response: { 200: { type: 'object', properties: { id: { type: 'integer' }, full: { type: 'boolean' }, name: { type: 'string' } } } },
      },
    },
    async (request) => ({ ...(request.params as object), ...(request.query as object), ...(request.body as object), secret: 'not in the schema' }),
  );
  await app.ready();
  return app;
}

test('validators and serializers compiled on first use answer as the default ones do', async () => {
  const [eager, lazy] = await Promise.all([appWith(false), appWith(true)]);
  try {
    const requests = [
      { method: 'POST' as const, url: '/things/7', payload: { name: 'cube' } },
      { method: 'POST' as const, url: '/things/7?full=true', payload: { name: 'cube' } },
      { method: 'POST' as const, url: '/things/seven', payload: { name: 'cube' } },
      { method: 'POST' as const, url: '/things/7', payload: { name: '' } },
      { method: 'POST' as const, url: '/things/7', payload: {} },
    ];
    for (const request of requests) {
      const [expected, actual] = await Promise.all([eager.inject(request), lazy.inject(request)]);
      assert.equal(actual.statusCode, expected.statusCode, request.url);
      assert.deepEqual(actual.json(), expected.json(), request.url);
    }
    // Coercion and defaults reach the handler; fields outside the response schema are left out.
    assert.deepEqual((await lazy.inject({ method: 'POST', url: '/things/7', payload: { name: 'cube' } })).json(), { id: 7, full: false, name: 'cube' });
    assert.equal((await lazy.inject({ method: 'POST', url: '/things/seven', payload: { name: 'cube' } })).statusCode, 400);
  } finally {
    await Promise.all([eager.close(), lazy.close()]);
  }
});

test('a lazy validator compiles once, on its first call, and keeps the errors of the last call', () => {
  let compiled = 0;
  const real = Object.assign((data: unknown) => {
    real.errors = data === 1 ? null : [{ message: 'not one' }];
    return data === 1;
  }, { errors: null as unknown });
  const validate = lazyValidator(() => {
    compiled += 1;
    return real;
  });
  assert.equal(compiled, 0);
  assert.equal(validate(2), false);
  assert.deepEqual(validate.errors, [{ message: 'not one' }]);
  assert.equal(validate(1), true);
  assert.equal(validate.errors, null);
  assert.equal(compiled, 1);
});
