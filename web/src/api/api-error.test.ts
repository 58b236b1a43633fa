// Unit tests of the error sentences the UI shows for each kind of failed request.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError, errorText, explainStatus } from './api-error.js';

describe('explainStatus', () => {
  it('puts the common failures into words', () => {
    assert.match(explainStatus(0, ''), /could not be reached/);
    assert.match(explainStatus(400, 'CSRF validation failed'), /security token is out of date/);
    assert.match(explainStatus(403, "You don't have the permission to access the requested resource."), /don't have permission to do this/);
    assert.match(explainStatus(403, 'Please reauthenticate with your credentials'), /password again/);
    assert.match(explainStatus(409, 'Printer is not operational'), /not connected/);
    assert.match(explainStatus(413, ''), /larger than the server accepts/);
    assert.match(explainStatus(502, ''), /status 502/);
  });

  it('keeps specific server messages, and says when a rate limit ends', () => {
    assert.equal(explainStatus(409, 'Trying to delete a file that is currently in use'), 'Trying to delete a file that is currently in use');
    assert.equal(explainStatus(403, 'File already exists, cannot overwrite'), 'File already exists, cannot overwrite');
    assert.equal(explainStatus(429, 'Too many attempts.', 45), 'Too many attempts. You can try again in about 45 seconds.');
    assert.equal(explainStatus(429, 'Too many attempts.', 600), 'Too many attempts. You can try again in about 10 minutes.');
  });

  it('marks the reauthentication 403', () => {
    assert.equal(new ApiError(403, 'Please reauthenticate with your credentials', 'x').needsReauthentication, true);
    assert.equal(new ApiError(403, 'Forbidden', 'x').needsReauthentication, false);
    assert.equal(errorText(new ApiError(404, '', 'Gone')), 'Gone');
    assert.equal(errorText('plain'), 'plain');
  });
});
