// Table tests of SD card reply parsing.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseSdFileEntry, parseSdReply } from './sd-replies.js';
import type { SdReply } from './sd-replies.js';

describe('parseSdReply', () => {
  const cases: [string, SdReply | null][] = [
    ['Begin file list', { kind: 'file-list-begin' }],
    ['End file list', { kind: 'file-list-end' }],
    ['echo:SD card ok', { kind: 'card-ok' }],
    ['SD card ok', { kind: 'card-ok' }],
    ['echo:SD init fail', { kind: 'card-init-failed' }],
    ['echo:SD card released', { kind: 'card-released' }],
    ['SD printing byte 123/456', { kind: 'printing-byte', position: 123, total: 456 }],
    ['Not SD printing', { kind: 'not-printing' }],
    ['Done printing file', { kind: 'done-printing' }],
    ['File opened: cube.gco Size: 4096', { kind: 'file-opened', name: 'cube.gco', size: 4096 }],
    ['File opened: my file.gco Size: 12', { kind: 'file-opened', name: 'my file.gco', size: 12 }],
    ['File selected', { kind: 'file-selected' }],
    ['Writing to file: upload.gco', { kind: 'writing-file', name: 'upload.gco' }],
    ['Done saving file.', { kind: 'done-saving' }],
    ['File deleted:old.gco', { kind: 'file-deleted', name: 'old.gco' }],
    ['Deletion failed, File: nope.gco.', { kind: 'deletion-failed', name: 'nope.gco' }],
    ['echo:open failed, File: nope.gco.', { kind: 'open-failed', name: 'nope.gco' }],
    ['ok', null],
    ['echo:busy: processing', null],
  ];
  for (const [line, expected] of cases) it(line, () => assert.deepEqual(parseSdReply(line), expected));
});

describe('parseSdFileEntry', () => {
  const cases: [string, { name: string; size: number | null; longName: string | null }][] = [
    ['CUBE.GCO 1234', { name: 'CUBE.GCO', size: 1234, longName: null }],
    ['/FOLDER/PART~1.GCO 99 Part With Spaces.gcode', { name: '/FOLDER/PART~1.GCO', size: 99, longName: 'Part With Spaces.gcode' }],
    ['A.GCO 5 "quoted name.gcode"', { name: 'A.GCO', size: 5, longName: 'quoted name.gcode' }],
    ['NOSIZE.GCO', { name: 'NOSIZE.GCO', size: null, longName: null }],
  ];
  for (const [line, expected] of cases) {
    it(line, () => assert.deepEqual(parseSdFileEntry(line), { kind: 'file-entry', ...expected }));
  }
});
