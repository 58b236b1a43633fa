// Unit tests of the selector equality tests: shallow compares one level by reference, jsonEqual compares content.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jsonEqual, keepIfEqual, shallowEqual } from './equality.js';

describe('shallowEqual', () => {
  it('is true for the same value and for objects whose fields are the same references', () => {
    const flags = { printing: false };
    assert.equal(shallowEqual(1, 1), true);
    assert.equal(shallowEqual(Number.NaN, Number.NaN), true);
    assert.equal(shallowEqual(null, null), true);
    assert.equal(shallowEqual({ flags, text: 'Operational' }, { flags, text: 'Operational' }), true);
    assert.equal(shallowEqual(['a', flags], ['a', flags]), true);
  });

  it('is false when a field changes, is missing or is a new object with the same content', () => {
    assert.equal(shallowEqual({ a: 1 }, { a: 2 }), false);
    assert.equal(shallowEqual({ a: 1 }, { a: 1, b: 2 }), false);
    assert.equal(shallowEqual({ a: undefined }, { b: undefined }), false);
    assert.equal(shallowEqual({ flags: { printing: false } }, { flags: { printing: false } }), false);
    assert.equal(shallowEqual([1, 2], { 0: 1, 1: 2 }), false);
    assert.equal(shallowEqual(null, {}), false);
    assert.equal(shallowEqual(0, -0), false);
  });
});

describe('jsonEqual and keepIfEqual', () => {
  it('compares parsed JSON values by content at any depth', () => {
    const one = JSON.parse('{"text":"Operational","flags":{"printing":false,"ready":true},"list":[1,{"x":null}]}') as unknown;
    const two = JSON.parse('{"flags":{"ready":true,"printing":false},"text":"Operational","list":[1,{"x":null}]}') as unknown;
    assert.equal(jsonEqual(one, two), true);
    assert.equal(jsonEqual(one, JSON.parse('{"text":"Operational","flags":{"printing":true,"ready":true},"list":[1,{"x":null}]}')), false);
    assert.equal(jsonEqual([1, [2]], [1, [2, 3]]), false);
    assert.equal(jsonEqual({ a: null }, { a: {} }), false);
  });

  it('keeps the previous object when the next one has the same content', () => {
    const previous = { completion: null, printTime: null };
    assert.equal(keepIfEqual(previous, { completion: null, printTime: null }), previous);
    const changed = { completion: 5, printTime: 2 };
    assert.equal(keepIfEqual<object>(previous, changed), changed);
  });
});
