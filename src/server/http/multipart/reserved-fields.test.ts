// The field names upload proxies reserve are recognised, and ordinary names are not.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isReservedUploadField } from './reserved-fields.js';

describe('isReservedUploadField', () => {
  it('recognises file.* and <field>.name / .path, whatever the case', () => {
    for (const name of ['file.name', 'file.path', 'file.size', 'file.content_type', 'FILE.PATH', 'upload.name', 'gcode.path', ' file.path ']) {
      assert.ok(isReservedUploadField(name), name);
    }
  });

  it('leaves ordinary fields alone', () => {
    for (const name of ['file', 'path', 'filename', 'name', 'select', 'print', 'userdata', 'foldername', '.path', 'filepath']) {
      assert.ok(!isReservedUploadField(name), name);
    }
  });
});
