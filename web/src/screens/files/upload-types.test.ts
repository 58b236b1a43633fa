// Which names the upload takes, and the message that names the accepted types.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isGcodeName, UPLOAD_ACCEPT, wrongTypeText } from './upload-types.js';

describe('upload types', () => {
  it('takes G-code endings in any case and names them when refusing', () => {
    assert.equal(isGcodeName('part.GCODE'), true);
    assert.equal(isGcodeName('part.gco'), true);
    assert.equal(isGcodeName('model.stl'), false);
    assert.equal(isGcodeName('gcode'), false);
    assert.equal(UPLOAD_ACCEPT, '.gcode,.gco,.g,.gc~');
    assert.equal(wrongTypeText('model.stl'), 'model.stl is not a G-code file. Upload G-code, with one of the endings .gcode, .gco, .g or .gc~; slice models into G-code first.');
  });
});
