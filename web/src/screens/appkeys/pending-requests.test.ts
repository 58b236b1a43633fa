// Unit tests of the app key request queue: parsing push and API entries, who decides, no duplicates.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addRequest, isForUser, parseRequest, removeRequest } from './pending-requests.js';

describe('pending app key requests', () => {
  it('reads a push request and a pending API entry', () => {
    const pushed = parseRequest({ type: 'request_access', app_name: 'Slicer', user_token: 'u1', user_id: null, remote_address: '10.0.0.2', permissions: ['FILES_UPLOAD', 7] });
    assert.deepEqual(pushed, { userToken: 'u1', appName: 'Slicer', userId: null, remoteAddress: '10.0.0.2', permissions: ['FILES_UPLOAD'] });
    const listed = parseRequest({ app_id: 'Phone', user_id: 'anna', user_token: 'u2' });
    assert.equal(listed?.appName, 'Phone');
    assert.equal(listed?.permissions, null);
    assert.equal(parseRequest({ app_name: 'No token' }), null);
  });

  it('shows a request to its named user, or to everyone when none is named', () => {
    const open = parseRequest({ app_name: 'A', user_token: 't' });
    const named = parseRequest({ app_name: 'A', user_token: 't', user_id: 'anna' });
    assert.ok(open && named);
    assert.equal(isForUser(open, 'bob'), true);
    assert.equal(isForUser(named, 'anna'), true);
    assert.equal(isForUser(named, 'bob'), false);
  });

  it('queues each request once and removes it by token', () => {
    const request = parseRequest({ app_name: 'A', user_token: 't' });
    assert.ok(request);
    const queue = addRequest(addRequest([], request), request);
    assert.equal(queue.length, 1);
    assert.deepEqual(removeRequest(queue, 't'), []);
  });
});
