// Unit tests of the store and of slice watching: a listener hears of a change only when its selected slice changes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { shallowEqual } from './equality.js';
import { createStore, takeSlice, watchSlice } from './store.js';
import type { SliceHolder } from './store.js';

interface Shape {
  state: { text: string };
  logs: string[];
}

describe('store slices', () => {
  it('takeSlice keeps the held slice while new ones are equal', () => {
    const holder: SliceHolder<{ a: number }> = { current: null };
    assert.equal(takeSlice(holder, { a: 1 }, shallowEqual), true);
    const held = holder.current;
    assert.equal(takeSlice(holder, { a: 1 }, shallowEqual), false);
    assert.equal(holder.current, held);
    assert.equal(takeSlice(holder, { a: 2 }, shallowEqual), true);
    assert.deepEqual(holder.current?.value, { a: 2 });
  });

  it('watchSlice ignores changes outside the slice and reports changes inside it', () => {
    const state = { text: 'Operational' };
    const store = createStore<Shape>({ state, logs: [] });
    const holder: SliceHolder<{ state: Shape['state'] }> = { current: null };
    let changes = 0;
    const stop = watchSlice(store, holder, () => (s: Shape) => ({ state: s.state }), () => shallowEqual, () => (changes += 1));
    assert.equal(changes, 1, 'the first look at the store fills the holder');
    store.update((s) => ({ ...s, logs: [...s.logs, 'Recv: ok'] }));
    store.update((s) => ({ ...s, logs: [...s.logs, 'Send: M105'] }));
    assert.equal(changes, 1, 'log lines alone do not change the slice');
    store.update((s) => ({ ...s, state: { text: 'Printing' } }));
    assert.equal(changes, 2);
    assert.equal(holder.current?.value.state.text, 'Printing');
    stop();
    store.update((s) => ({ ...s, state: { text: 'Operational' } }));
    assert.equal(changes, 2, 'no reports after unsubscribing');
  });

  it('watchSlice with Object.is reports every new reference', () => {
    const store = createStore<Shape>({ state: { text: 'Operational' }, logs: [] });
    const holder: SliceHolder<Shape['state']> = { current: null };
    let changes = 0;
    watchSlice(store, holder, () => (s: Shape) => s.state, () => Object.is, () => (changes += 1));
    store.update((s) => ({ ...s, state: { text: 'Operational' } }));
    assert.equal(changes, 2);
  });
});
