// Table tests of the response classifier, and of file-list handling in the stateful classifier.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ResponseClassifier, classifyResponse } from './response-classifier.js';
import type { FirmwareResponse } from './response-classifier.js';

describe('classifyResponse', () => {
  const cases: [string, FirmwareResponse][] = [
    ['ok', { type: 'ok', lineNumber: null, plannerRoom: null, bufferRoom: null, temperatures: null }],
    ['ok N123', { type: 'ok', lineNumber: 123, plannerRoom: null, bufferRoom: null, temperatures: null }],
    ['ok N10 P15 B3', { type: 'ok', lineNumber: 10, plannerRoom: 15, bufferRoom: 3, temperatures: null }],
    [
      'ok T:210.0 /210.0 B:60.0 /60.0 @:0 B@:0',
      { type: 'ok', lineNumber: null, plannerRoom: null, bufferRoom: null, temperatures: { heaters: { tool0: { actual: 210, target: 210 }, bed: { actual: 60, target: 60 } } } },
    ],
    ['Resend: 12', { type: 'resend', lineNumber: 12 }],
    ['Resend:12', { type: 'resend', lineNumber: 12 }],
    ['rs N12', { type: 'resend', lineNumber: 12 }],
    ['rs 12', { type: 'resend', lineNumber: 12 }],
    ['resend: N:12', { type: 'resend', lineNumber: 12 }],
    ['Error:checksum mismatch, Last Line: 11', { type: 'error', error: { kind: 'communication', message: 'checksum mismatch, Last Line: 11', lastLine: 11, continues: false } }],
    ['Error:Printer halted. kill() called!', { type: 'error', error: { kind: 'halted', message: 'Printer halted. kill() called!', lastLine: null, continues: false } }],
    ['echo:busy: processing', { type: 'busy', reason: 'processing' }],
    ['busy: paused for user', { type: 'busy', reason: 'paused for user' }],
    ['wait', { type: 'wait' }],
    ['start', { type: 'start' }],
    ['\u0000\u00ffstart', { type: 'start' }],
    ['T:210.0 /210.0 B:60.0 /60.0 T0:210.0 /210.0 T1:25.0 /0.0 C:30.0 /0.0 @:0 B@:0', {
      type: 'temperature',
      temperatures: { heaters: { tool0: { actual: 210, target: 210 }, tool1: { actual: 25, target: 0 }, bed: { actual: 60, target: 60 }, chamber: { actual: 30, target: 0 } } },
    }],
    ['X:0.00 Y:0.00 Z:0.00 E:0.00 Count X:0 Y:0 Z:0', { type: 'position', position: { x: 0, y: 0, z: 0, e: 0, extruders: [] } }],
    ['FIRMWARE_NAME:Marlin Argonaut Virtual PROTOCOL_VERSION:1.0', { type: 'firmware', info: { name: 'Marlin Argonaut Virtual', fields: { FIRMWARE_NAME: 'Marlin Argonaut Virtual', PROTOCOL_VERSION: '1.0' } } }],
    ['Cap:AUTOREPORT_TEMP:1', { type: 'capability', capability: { name: 'AUTOREPORT_TEMP', enabled: true } }],
    ['Begin file list', { type: 'sd', reply: { kind: 'file-list-begin' } }],
    ['SD printing byte 123/456', { type: 'sd', reply: { kind: 'printing-byte', position: 123, total: 456 } }],
    ['echo:SD card ok', { type: 'sd', reply: { kind: 'card-ok' } }],
    ['Not SD printing', { type: 'sd', reply: { kind: 'not-printing' } }],
    ['Done printing file', { type: 'sd', reply: { kind: 'done-printing' } }],
    ['File opened: x.gco Size: 9', { type: 'sd', reply: { kind: 'file-opened', name: 'x.gco', size: 9 } }],
    ['File selected', { type: 'sd', reply: { kind: 'file-selected' } }],
    ['Writing to file: x.gco', { type: 'sd', reply: { kind: 'writing-file', name: 'x.gco' } }],
    ['Done saving file.', { type: 'sd', reply: { kind: 'done-saving' } }],
    ['//action:pause', { type: 'action', action: 'pause', parameters: '' }],
    ['//action:notification Heating done', { type: 'action', action: 'notification', parameters: 'Heating done' }],
    ['echo:Unknown command: "G999"', { type: 'unknown-command', command: 'G999' }],
    ['echo:Active Extruder: 0', { type: 'echo', text: 'Active Extruder: 0' }],
    ['', { type: 'empty' }],
    ['Marlin bugfix', { type: 'other', text: 'Marlin bugfix' }],
  ];
  for (const [line, expected] of cases) it(JSON.stringify(line), () => assert.deepEqual(classifyResponse(line), expected));
});

describe('ResponseClassifier', () => {
  it('turns lines between Begin and End file list into entries', () => {
    const classifier = new ResponseClassifier();
    const lines = ['Begin file list', 'CUBE.GCO 1234', 'T:1.GCO 5', 'End file list', 'ok', 'T:20.0 /0.0'];
    assert.deepEqual(
      lines.map((l) => classifier.classify(l)).map((r) => (r.type === 'sd' ? r.reply.kind : r.type)),
      ['file-list-begin', 'file-entry', 'file-entry', 'file-list-end', 'ok', 'temperature'],
    );
  });
  it('leaves the list when an ok arrives before its end', () => {
    const classifier = new ResponseClassifier();
    classifier.classify('Begin file list');
    assert.equal(classifier.classify('ok').type, 'ok');
    assert.equal(classifier.classify('T:20.0 /0.0').type, 'temperature');
  });
  it('reset() forgets a half-read list', () => {
    const classifier = new ResponseClassifier();
    classifier.classify('Begin file list');
    classifier.reset();
    assert.equal(classifier.classify('T:20.0 /0.0').type, 'temperature');
  });
});
