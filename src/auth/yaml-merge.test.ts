// The three-way merge of a shared YAML file: each side's changes kept, removals win, lists of records merged by id.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mergeChanges } from './yaml-merge.js';

describe('mergeChanges', () => {
  it('keeps what each side changed, down to single fields', () => {
    const base = { alice: { password: 'a', settings: { theme: 'light' } }, bob: { password: 'b' } };
    const ours = { alice: { password: 'a', settings: { theme: 'dark' } }, bob: { password: 'b' } };
    const theirs = { alice: { password: 'a2', settings: { theme: 'light' } }, bob: { password: 'b' }, carol: { password: 'c' } };
    assert.deepEqual(mergeChanges(base, ours, theirs), { alice: { password: 'a2', settings: { theme: 'dark' } }, bob: { password: 'b' }, carol: { password: 'c' } });
  });

  it('lets a removal on either side win over a change on the other; the same value changed twice is ours', () => {
    const base = { alice: { active: true, n: 1 }, bob: { active: true } };
    assert.deepEqual(mergeChanges(base, { alice: { active: true, n: 2 }, bob: { active: true } }, { bob: { active: true } }), { bob: { active: true } });
    assert.deepEqual(mergeChanges(base, { alice: { active: true, n: 1 } }, { alice: { active: true, n: 1 }, bob: { active: false } }), { alice: { active: true, n: 1 } });
    assert.deepEqual(mergeChanges({ x: 1 }, { x: 2 }, { x: 3 }), { x: 2 });
  });

  it('merges lists of records by id and takes other lists whole', () => {
    const base = { alice: [{ id: 'k1', used: 1 }, { id: 'k2', used: 1 }] };
    const ours = { alice: [{ id: 'k1', used: 5 }, { id: 'k2', used: 5 }] };
    const theirs = { alice: [{ id: 'k1', used: 1 }, { id: 'k3', used: 0 }] };
    assert.deepEqual(mergeChanges(base, ours, theirs), { alice: [{ id: 'k1', used: 5 }, { id: 'k3', used: 0 }] });
    assert.deepEqual(mergeChanges({ g: ['a'] }, { g: ['a', 'b'] }, { g: ['c'] }), { g: ['a', 'b'] });
  });
});
