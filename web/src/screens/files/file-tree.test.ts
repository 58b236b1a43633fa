// Unit tests of the file-tree helpers behind the files screen: folders, search, sorting.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FileEntry } from '../../api/types.js';
import { allFolders, entriesIn, filamentLength, parentOf, searchEntries, sortEntries } from './file-tree.js';

function file(path: string, extra: Partial<FileEntry> = {}): FileEntry {
  const name = path.split('/').pop() ?? path;
  return { name, display: name, path, type: 'machinecode', typePath: ['machinecode', 'gcode'], origin: 'local', refs: { resource: '' }, ...extra };
}

function folder(path: string, children: FileEntry[]): FileEntry {
  const name = path.split('/').pop() ?? path;
  return { name, display: name, path, type: 'folder', typePath: ['folder'], origin: 'local', refs: { resource: '' }, children };
}

const tree: FileEntry[] = [
  file('torus.gcode', { date: 5 }),
  folder('parts', [file('parts/Bracket Left.gcode', { date: 9 }), folder('parts/small', [file('parts/small/nut.gcode')])]),
  file('box.gcode', { date: 7 }),
];

describe('file tree helpers', () => {
  it('lists a folder, a nested folder, and reports a missing one', () => {
    assert.deepEqual(entriesIn(tree, '')?.map((e) => e.path), ['torus.gcode', 'parts', 'box.gcode']);
    assert.deepEqual(entriesIn(tree, 'parts/small')?.map((e) => e.path), ['parts/small/nut.gcode']);
    assert.equal(entriesIn(tree, 'nothing'), null);
  });

  it('searches names and paths by every word, case-insensitively, at any depth', () => {
    assert.deepEqual(searchEntries(tree, 'BRACKET left').map((e) => e.path), ['parts/Bracket Left.gcode']);
    assert.deepEqual(searchEntries(tree, 'small').map((e) => e.path), ['parts/small', 'parts/small/nut.gcode']);
    assert.deepEqual(searchEntries(tree, '   '), []);
  });

  it('sorts folders first, then by name (numeric-aware) or newest first', () => {
    assert.deepEqual(sortEntries([...tree], 'name').map((e) => e.path), ['parts', 'box.gcode', 'torus.gcode']);
    assert.deepEqual(sortEntries([...tree], 'date').map((e) => e.path), ['parts', 'box.gcode', 'torus.gcode']);
    const numbered = [file('part10.gcode'), file('part9.gcode')];
    assert.deepEqual(sortEntries(numbered, 'name').map((e) => e.path), ['part9.gcode', 'part10.gcode']);
  });

  it('lists every folder and finds parents', () => {
    assert.deepEqual(allFolders(tree), ['parts', 'parts/small']);
    assert.equal(parentOf('parts/small/nut.gcode'), 'parts/small');
    assert.equal(parentOf('box.gcode'), '');
  });

  it('adds up filament over all tools', () => {
    const analysed = file('two.gcode', {
      gcodeAnalysis: {
        filament: { tool0: { length: 100, volume: 1 }, tool1: { length: 50.5, volume: 0.5 } },
        dimensions: { width: 1, depth: 1, height: 1 },
        printingArea: { minX: 0, maxX: 1, minY: 0, maxY: 1, minZ: 0, maxZ: 1 },
        travelArea: { minX: 0, maxX: 1, minY: 0, maxY: 1, minZ: 0, maxZ: 1 },
        travelDimensions: { width: 1, depth: 1, height: 1 },
      },
    });
    assert.equal(filamentLength(analysed), 150.5);
    assert.equal(filamentLength(file('none.gcode')), null);
  });
});
