// Browser test: with the users in a shared PostgreSQL store (a real server), the header says when that database is away and stops saying so when it is back.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { withBrowserPage } from '../support/browser-page.js';
import { startPostgres } from '../support/postgres-server.js';

const database = await startPostgres();
const url = await database.createDatabase('ui_store');

describe('UI: shared store status', () => {
  const ui = withBrowserPage({
    server: { withAdmin: true, config: `accessControl:\n  store: ${url}\n  storeGraceSeconds: 600\nplugins:\n  discovery:\n    enabled: false\n` },
    logIn: true,
  });
  after(async () => {
    await database.close();
  });

  it('shows a notice while the database is unreachable, with until when known keys still work', async () => {
    const { page } = ui;
    const notice = page.locator('.store-status');
    assert.equal(await notice.count(), 0, 'no notice while the database answers');
    await database.stop();
    await notice.filter({ hasText: 'cannot be reached' }).waitFor({ timeout: 30_000 });
    assert.match((await notice.textContent()) ?? '', /work until/);
    await ui.browser.screenshot('ui-shared-store-away');
    await database.start();
    await notice.waitFor({ state: 'detached', timeout: 30_000 });
  });
});
