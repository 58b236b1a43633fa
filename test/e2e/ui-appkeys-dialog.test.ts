// Browser test: the app keys auth dialog in real Chromium (strict CSP, script file): log in, narrow, allow; deny.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { withBrowserPage } from '../support/browser-page.js';

/** An app: asks for a key and polls once a second (as Cura and OctoApp do) until it has an answer. */
async function appAsks(base: string, body: Record<string, unknown>): Promise<{ dialog: string; answer: Promise<{ status: number; apiKey: string | null }>; stop(): void }> {
  const response = await fetch(`${base}/plugin/appkeys/request`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  assert.equal(response.status, 201);
  const location = response.headers.get('location') as string;
  const { auth_dialog: dialog } = (await response.json()) as { auth_dialog: string };
  let timer: NodeJS.Timeout | undefined;
  const answer = new Promise<{ status: number; apiKey: string | null }>((resolve) => {
    const tick = async () => {
      const poll = await fetch(location);
      const data = (await poll.json()) as { api_key?: string };
      if (poll.status === 202) timer = setTimeout(() => void tick(), 1_000);
      else resolve({ status: poll.status, apiKey: data.api_key ?? null });
    };
    void tick();
  });
  return { dialog, answer, stop: () => clearTimeout(timer) };
}

describe('UI: app keys auth dialog', () => {
  const ui = withBrowserPage({
    server: { withAdmin: true, config: 'plugins:\n  discovery:\n    enabled: false\n' },
    prepare: (server) => server.app.access.accounts.addUser({ name: 'alice', password: 'alice-password', active: true, groups: ['users'] }),
    buildUi: false,
  });

  it('logs alice in, lets her narrow what the app may do, and the app gets a key with only that', async () => {
    const app = await appAsks(ui.server.baseUrl, { app: 'Slicer', user: 'alice' });
    try {
      const { page } = ui;
      await page.goto(app.dialog);
      await page.getByText('Slicer').first().waitFor();
      assert.equal(await page.getByLabel('User name').inputValue(), 'alice');
      await page.getByLabel('Password').fill('alice-password');
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.getByRole('button', { name: 'Allow' }).waitFor();
      for (const box of await page.getByRole('checkbox').all()) {
        if ((await box.getAttribute('value')) !== 'STATUS') await box.uncheck();
      }
      await page.getByRole('button', { name: 'Allow' }).click();
      await page.getByText('Access allowed.').waitFor();
      const answer = await app.answer;
      assert.equal(answer.status, 200);
      const me = await fetch(`${ui.server.baseUrl}/api/currentuser`, { headers: { 'X-Api-Key': answer.apiKey as string } });
      const body = (await me.json()) as { name: string; permissions: string[] };
      assert.equal(body.name, 'alice');
      assert.deepEqual(body.permissions, ['STATUS']);
    } finally {
      app.stop();
    }
  });

  it('denies, and the app hears 404', async () => {
    const app = await appAsks(ui.server.baseUrl, { app: 'Stranger' });
    try {
      const { page } = ui;
      await page.goto(app.dialog);
      await page.getByRole('button', { name: 'Deny' }).click();
      await page.getByText('Access denied.').waitFor();
      assert.equal((await app.answer).status, 404);
      assert.deepEqual(ui.browser.pageErrors, []);
      assert.deepEqual(ui.browser.consoleErrors.filter((line) => /Content Security Policy|Refused/i.test(line)), [], 'nothing blocked by the CSP');
      assert.deepEqual(ui.browser.externalRequests, []);
    } finally {
      app.stop();
    }
  });
});
