// Checks every catalogue case ends with: the server still answers, nothing secret leaked, nothing landed outside.
import assert from 'node:assert/strict';
import type { Reply } from './http-client.js';
import { probe } from './security-server.js';
import type { SecurityServer } from './security-server.js';

/** The server still answers GET /api/currentuser with 200, within `maxMs`. */
export async function assertAlive(server: SecurityServer, maxMs = 2000): Promise<void> {
  const { status, ms } = await probe(server.port, maxMs + 3000);
  assert.equal(status, 200, 'the server must still answer');
  assert.ok(ms < maxMs, `the server answered in ${ms} ms (limit ${maxMs} ms)`);
}

/** None of the secrets appears in the text (nor URL-encoded). */
export function assertNoSecrets(text: string, secrets: readonly string[], where: string): void {
  for (const secret of secrets) {
    assert.ok(!text.includes(secret), `${where} contains a secret (${secret.slice(0, 4)}…)`);
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) assert.ok(!text.includes(encoded), `${where} contains a URL-encoded secret`);
  }
}

/** A client error the server chose (4xx), never a success and never a 5xx. */
export function assertRefused(reply: Reply, allowed: readonly number[], what: string): void {
  assert.ok(allowed.includes(reply.status), `${what}: status ${reply.status} (expected one of ${allowed.join('/')}): ${reply.text.slice(0, 200)}`);
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
