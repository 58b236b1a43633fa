// The schema builders produce plain JSON Schema: required unless optional, no markers left in the output.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Value } from 'typebox/value';
import { S } from './json-schema.js';

describe('JSON Schema builders', () => {
  const schema = S.object(
    { name: S.string(), port: S.optional(S.nullable(S.integer())), tags: S.array(S.literal('a')), extra: S.record(S.boolean()) },
    { additionalProperties: false },
  );

  it('lists required properties and leaves no marker behind', () => {
    assert.deepEqual(schema.required, ['name', 'tags', 'extra']);
    assert.equal(Object.getOwnPropertySymbols((schema.properties as Record<string, object>).port).length, 0);
    assert.deepEqual(JSON.parse(JSON.stringify(schema)), schema);
  });

  it('validates what it describes', () => {
    assert.equal(Value.Check(schema as never, { name: 'x', tags: ['a'], extra: { on: true } }), true);
    assert.equal(Value.Check(schema as never, { name: 'x', port: null, tags: [], extra: {} }), true);
    assert.equal(Value.Check(schema as never, { name: 'x', port: 1.5, tags: [], extra: {} }), false);
    assert.equal(Value.Check(schema as never, { name: 'x', tags: ['b'], extra: {} }), false);
    assert.equal(Value.Check(schema as never, { tags: [], extra: {} }), false);
    assert.equal(Value.Check(schema as never, { name: 'x', tags: [], extra: { on: 'yes' } }), false);
    assert.equal(Value.Check(schema as never, { name: 'x', tags: [], extra: {}, more: 1 }), false);
  });
});
