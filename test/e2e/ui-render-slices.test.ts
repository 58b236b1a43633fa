// Browser test: push messages that bring only new log lines re-render the terminal, and not the header, the
// job panel or the files screen with its table (each counted through the page's render counter).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { withBrowserPage } from '../support/browser-page.js';
import { logIn, openScreen } from '../support/ui-session.js';
import { ADMIN } from '../support/ui-server.js';
import { until } from '../support/until.js';

type Counts = Record<string, number>;

/** Run in the page before the app loads: creates the render counter and keeps every push frame received. */
const INSTRUMENT = `(() => {
  window.__argonautRenders = {};
  window.__pushFrames = [];
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(url, protocols) {
      super(url, protocols);
      this.addEventListener('message', (event) => {
        if (typeof event.data === 'string') window.__pushFrames.push(event.data);
      });
    }
  };
})()`;

async function counts(page: Page): Promise<Counts> {
  return (await page.evaluate('({ ...window.__argonautRenders })')) as Counts;
}

/** The push `current` messages (parsed out of the SockJS frames) whose log lines include `marker`. */
async function messagesWith(page: Page, marker: string): Promise<Array<Record<string, unknown>>> {
  const frames = (await page.evaluate('window.__pushFrames')) as string[];
  const messages = frames
    .filter((frame) => frame.startsWith('a['))
    .flatMap((frame) => JSON.parse(frame.slice(1)) as unknown[])
    .map((item) => (typeof item === 'string' ? JSON.parse(item) : item) as Record<string, unknown>);
  return messages.flatMap((message) => {
    const current = message.current as { logs?: string[] } | undefined;
    return current?.logs?.some((line) => line.includes(marker)) ? [current as Record<string, unknown>] : [];
  });
}

/** Lets Preact finish the renders a message scheduled (they run in microtasks, well before two frames pass). */
async function settle(page: Page): Promise<void> {
  await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
}

describe('UI: a log-only push message re-renders only the terminal', () => {
  let apiKey = '';
  const ui = withBrowserPage({
    server: { withAdmin: true },
    // One file, so the files table has a row to draw.
    async prepare(server) {
      apiKey = await server.app.access.accounts.generateApiKey(ADMIN.name);
      const form = new FormData();
      form.append('file', new Blob(['G28\nG1 X10 Y10 Z0.2 E1\n']), 'cube.gcode');
      const upload = await fetch(`${server.baseUrl}/api/files/local`, { method: 'POST', headers: { 'X-Api-Key': apiKey }, body: form });
      assert.equal(upload.status, 201);
    },
  });
  let probes = 0;

  /** Sends `M117 <marker>` to the idle printer and waits until the page received the push message with it. */
  async function probe(page: Page): Promise<Array<Record<string, unknown>>> {
    probes += 1;
    const marker = `render-probe-${probes}`;
    const sent = await fetch(`${ui.server.baseUrl}/api/printer/command`, {
      method: 'POST',
      headers: { 'X-Api-Key': apiKey, 'Content-Type': 'application/json' },
      body: JSON.stringify({ commands: [`M117 ${marker}`] }),
    });
    assert.equal(sent.status, 204, await sent.text());
    let found: Array<Record<string, unknown>> = [];
    await until(async () => (found = await messagesWith(page, marker)).length > 0, `the push message with ${marker}`, 20_000, 50);
    await settle(page);
    return found;
  }

  /** Probes (at most five times) until a round leaves `names` alone, as the connection may still be settling. */
  async function quietRound(page: Page, names: string[]): Promise<void> {
    for (let round = 0; round < 5; round += 1) {
      const start = await counts(page);
      await probe(page);
      const end = await counts(page);
      if (names.every((name) => end[name] === start[name])) return;
    }
  }

  /** Five log-only messages leave the components `names` without a render. */
  async function assertUntouched(page: Page, names: string[]): Promise<void> {
    await quietRound(page, names);
    const before = await counts(page);
    const messages = [];
    for (let round = 0; round < 5; round += 1) messages.push(...(await probe(page)));
    const after = await counts(page);
    process.stdout.write(`# renders before/after 5 log-only messages: ${JSON.stringify({ before, after })}\n`);
    // Every message carried the same state and job: only the log lines (and perhaps temperatures) were new.
    const states = new Set(messages.map((message) => JSON.stringify([message.state, message.job, message.progress])));
    assert.equal(states.size, 1, 'the probe messages all carry the same state, job and progress');
    for (const name of names) {
      assert.ok((before[name] ?? 0) > 0, `${name} rendered at least once before (the counter works)`);
      assert.equal(after[name], before[name], `${name} did not re-render for log lines`);
    }
  }

  it('connects the virtual printer with the render counter on', async () => {
    const { page, server } = ui;
    await page.addInitScript(INSTRUMENT);
    await logIn(page, server.baseUrl, ADMIN.name, ADMIN.password);
    await page.getByLabel('Serial port').selectOption('VIRTUAL');
    await page.getByRole('button', { name: 'Connect' }).click();
    await page.getByRole('status', { name: 'Printer: Operational' }).waitFor({ timeout: 20_000 });
    await until(async () => ((await counts(page))['header'] ?? 0) > 0, 'the header to count its renders');
  });

  it('leaves the header and the job panel alone on the dashboard', async () => {
    await assertUntouched(ui.page, ['header', 'job-panel']);
  });

  it('leaves the files screen and its table alone', async () => {
    const { page } = ui;
    await openScreen(page, 'Files');
    await page.locator('.file-table').getByText('cube.gcode').waitFor();
    await assertUntouched(page, ['header', 'files-screen']);
  });

  it('re-renders the terminal for each message, and still not the header', async () => {
    const { page } = ui;
    await openScreen(page, 'Terminal');
    await page.getByLabel('Printer log').waitFor();
    const before = await counts(page);
    await probe(page);
    await page.getByLabel('Printer log').filter({ hasText: `render-probe-${probes}` }).waitFor();
    const after = await counts(page);
    process.stdout.write(`# terminal renders before/after 1 log-only message: ${JSON.stringify({ before, after })}\n`);
    assert.ok((after['terminal'] ?? 0) > (before['terminal'] ?? 0), 'the terminal re-rendered with the new line');
    assert.equal(after['header'], before['header'], 'the header did not re-render');
  });
});
