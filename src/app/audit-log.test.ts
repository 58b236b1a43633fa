// The audit log file: JSON lines in call order, mode 0600, control characters and long texts cut, errors reported.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { AuditLog, MAX_FIELD_LENGTH, auditText } from './audit-log.js';

describe('AuditLog', () => {
  it('appends one JSON line per entry, in order, to a private file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'audit-'));
    try {
      const file = join(dir, 'audit.log');
      const log = new AuditLog({ file, now: () => Date.UTC(2025, 0, 2, 3, 4, 5) });
      for (let i = 0; i < 50; i += 1) log.record({ actor: 'alice', ip: '10.0.0.1', mechanism: 'password', action: `a${i}`, target: null, result: 'success', status: 200 });
      await log.flush();
      const lines = readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { action: string; ts: string });
      assert.deepEqual(lines.map((l) => l.action), Array.from({ length: 50 }, (_, i) => `a${i}`));
      assert.equal(lines[0]?.ts, '2025-01-02T03:04:05.000Z');
      assert.equal(statSync(file).mode & 0o777, 0o600);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports a write failure without throwing', async () => {
    const errors: Error[] = [];
    const log = new AuditLog({ file: join(tmpdir(), 'no-such-dir-for-audit', 'x', 'audit.log'), onError: (error) => errors.push(error) });
    log.record({ actor: null, ip: '::1', mechanism: null, action: 'x', target: null, result: 'failure', status: 400 });
    await log.flush();
    assert.equal(errors.length, 1);
  });

  it('keeps texts short and on one line', () => {
    assert.equal(auditText('a\nb\r\u0000c'), 'a b  c');
    assert.equal(auditText('x'.repeat(500))?.length, MAX_FIELD_LENGTH);
    assert.equal(auditText({ a: 1 }), null);
    assert.equal(auditText(5), '5');
  });
});
