// Browser test: the Control tab (jog with the X/Y/Z read-out, extrude/retract with a tool, fan, motors off, feed and flow
// rates, config.yaml's custom controls) and the System menu (only configured commands, each confirmed first).
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Locator } from 'playwright-core';
import { withBrowserPage } from '../support/browser-page.js';
import { until } from '../support/until.js';
import { openScreen } from '../support/ui-session.js';
import { ADMIN } from '../support/ui-server.js';

const scripts = mkdtempSync(join(tmpdir(), 'argonaut-ui-control-'));
const record = join(scripts, 'record.mjs');
writeFileSync(record, "import { writeFileSync } from 'node:fs';\nwriteFileSync(process.argv[2], JSON.stringify(process.argv.slice(3)));\n");
const marker = (name: string): string => join(scripts, name);
const quote = (text: string): string => `'${text}'`;
const node = (...args: string[]): string => [process.execPath, ...args].map(quote).join(' ');

const CONFIG = `
plugins:
  virtual_printer:
    instant: true
    numExtruders: 2
server:
  commands:
    serverRestartCommand: ${JSON.stringify(node(record, marker('restart.json')))}
system:
  actions:
    - action: hello
      name: Say hello
      command: ${JSON.stringify(node(record, marker('hello.json'), 'hi'))}
      confirm: Say hello to the workshop?
scripts:
  gcode:
    afterPrintDone: M117 Done script ran
controls:
  - name: Fan tools
    layout: horizontal
    children:
      - name: Set fan
        command: M106 S%(speed)s
        input:
          - name: Fan PWM
            parameter: speed
            default: 100
            slider:
              min: 0
              max: 255
      - name: Park head
        commands:
          - G1 X5 Y5 F3000
          - M117 Parked
        confirm: Move the head to the corner?
  - name: Reports
    children:
      - name: Where am I
        command: M114
        regex: 'X:([-\\d.]+) Y:([-\\d.]+)'
        template: 'Head at X {0}, Y {1}'
      - name: Run the done script
        script: afterPrintDone
`;

describe('UI: control tab and system menu', () => {
  const ui = withBrowserPage({
    server: { withAdmin: true, config: CONFIG },
    // A printer with two hotends, so the extruder panel offers a tool choice.
    async prepare(server) {
      const key = await server.app.access.accounts.generateApiKey(ADMIN.name);
      const patched = await fetch(`${server.baseUrl}/api/printerprofiles/_default`, {
        method: 'PATCH',
        headers: { 'X-Api-Key': key, 'Content-Type': 'application/json' },
        body: JSON.stringify({ profile: { extruder: { count: 2 } } }),
      });
      assert.equal(patched.status, 200, await patched.text());
    },
    logIn: true,
  });
  after(() => rmSync(scripts, { recursive: true, force: true }));

  /** The commands the virtual printer accepted so far. */
  const received = async (): Promise<string[]> => (await ui.server.app.printer.virtualRecord()).received ?? [];
  const waitForCommand = (pattern: RegExp): Promise<void> => until(async () => (await received()).some((line) => pattern.test(line)), `the printer to receive ${pattern}`, 20_000, 100);
  const panel = (title: string): Locator => ui.page.locator('.panel', { has: ui.page.getByRole('heading', { name: title, exact: true }) });

  before(async () => {
    const { page } = ui;
    await page.getByLabel('Serial port').selectOption('VIRTUAL');
    await page.getByRole('button', { name: 'Connect' }).click();
    await page.getByRole('status', { name: 'Printer: Operational' }).waitFor({ timeout: 60_000 });
    await openScreen(page, 'Control');
  });

  it('has no jog panel on the dashboard any more: motion lives in the Control tab', async () => {
    const { page } = ui;
    await openScreen(page, 'Dashboard');
    await page.getByRole('heading', { name: 'Connection' }).first().waitFor();
    assert.equal(await page.getByRole('heading', { name: 'Move and home' }).count(), 0);
    await openScreen(page, 'Control');
  });

  it('homes, jogs X, Y and Z and reads the position of all three axes from the printer', async () => {
    const motion = panel('Move and home');
    const axis = (name: 'x' | 'y' | 'z') => motion.locator(`[data-position="${name}"]`);
    await motion.getByRole('button', { name: 'Home all axes' }).click();
    for (const name of ['x', 'y', 'z'] as const) await axis(name).filter({ hasText: /^0$/ }).waitFor();
    await motion.getByRole('radio', { name: '10 mm', exact: true }).check();
    await motion.getByRole('button', { name: 'Move X +10 mm' }).click();
    await axis('x').filter({ hasText: /^10$/ }).waitFor();
    await motion.getByRole('radio', { name: '1 mm', exact: true }).check();
    await motion.getByRole('button', { name: 'Move Y +1 mm' }).click();
    await axis('y').filter({ hasText: /^1$/ }).waitFor();
    await motion.getByRole('button', { name: 'Move Z +1 mm' }).click();
    await motion.getByRole('button', { name: 'Move Z +1 mm' }).click();
    await axis('z').filter({ hasText: /^2$/ }).waitFor();
    assert.equal(await axis('x').textContent(), '10');
    await motion.getByRole('button', { name: 'Motors off' }).click();
    await waitForCommand(/^M18\b/);
  });

  it('extrudes and retracts a chosen length with a chosen tool', async () => {
    const extruder = panel('Extruder');
    await extruder.getByLabel('Tool').selectOption({ label: 'Tool 2 (T1)' });
    await extruder.getByLabel('Length (mm)').fill('7.5');
    await extruder.getByRole('button', { name: 'Extrude' }).click();
    await waitForCommand(/^G1 E7\.5\b/);
    const lines = await received();
    const extruded = lines.findIndex((line) => /^G1 E7\.5\b/.test(line));
    assert.ok(lines.slice(0, extruded).some((line) => /^T1\b/.test(line)), 'the second tool is selected before extruding');
    await extruder.getByRole('button', { name: 'Retract' }).click();
    await waitForCommand(/^G1 E-7\.5\b/);
  });

  it('sets feed and flow rates with sliders, and switches the fan on at a speed and off', async () => {
    const rates = panel('Speed, flow and fan');
    await rates.getByLabel('Feed rate').fill('120');
    await rates.getByRole('button', { name: 'Set feed rate' }).click();
    await waitForCommand(/^M220 S120\b/);
    await rates.getByLabel('Flow rate').fill('90');
    await rates.getByRole('button', { name: 'Set flow rate' }).click();
    await waitForCommand(/^M221 S90\b/);
    await rates.getByLabel('Fan speed').fill('50');
    await rates.getByRole('button', { name: 'Fan on' }).click();
    await waitForCommand(/^M106 S128\b/);
    await rates.getByRole('button', { name: 'Fan off' }).click();
    await waitForCommand(/^M107\b/);
  });

  it("draws config.yaml's custom controls: sections, a slider input, a confirm prompt, feedback and a script", async () => {
    const { page } = ui;
    const custom = panel('Custom controls');
    await custom.getByText('Fan tools', { exact: true }).waitFor();
    await custom.getByText('Reports', { exact: true }).waitFor();
    // An input with a slider fills the command's placeholder.
    await custom.getByLabel('Fan PWM').fill('200');
    await custom.getByRole('button', { name: 'Set fan' }).click();
    await waitForCommand(/^M106 S200\b/);
    // A confirm prompt: going back sends nothing, proceeding sends the commands.
    await custom.getByRole('button', { name: 'Park head' }).click();
    const dialog = page.getByRole('dialog', { name: 'Park head' });
    await dialog.getByText('Move the head to the corner?').waitFor();
    await dialog.getByRole('button', { name: 'Go back' }).click();
    assert.equal((await received()).some((line) => line.startsWith('M117 Parked')), false);
    await custom.getByRole('button', { name: 'Park head' }).click();
    await dialog.getByRole('button', { name: 'Proceed' }).click();
    await waitForCommand(/^M117 Parked/);
    // Feedback: the answer to M114 through the template (the head was parked at X5 Y5).
    await custom.getByRole('button', { name: 'Where am I' }).click();
    await custom.getByText(/^Head at X 5(\.0+)?, Y 5(\.0+)?$/).waitFor();
    // A script of config.yaml's scripts.gcode.
    await custom.getByRole('button', { name: 'Run the done script' }).click();
    await waitForCommand(/^M117 Done script ran/);
  });

  it('lists only the configured system commands, and runs one only after its confirmation', async () => {
    const { page } = ui;
    await page.locator('.system-menu summary', { hasText: 'System' }).click();
    const menu = page.getByRole('menu', { name: 'System commands' });
    assert.deepEqual(await menu.getByRole('menuitem').allTextContents(), ['Restart Argonaut', 'Say hello']);
    await menu.getByRole('menuitem', { name: 'Say hello' }).click();
    const dialog = page.getByRole('dialog', { name: 'Say hello' });
    await dialog.getByText('Say hello to the workshop?').waitFor();
    await dialog.getByRole('button', { name: 'Go back' }).click();
    assert.equal(existsSync(marker('hello.json')), false, 'nothing runs without the confirmation');
    await page.locator('.system-menu summary').click();
    await menu.getByRole('menuitem', { name: 'Restart Argonaut' }).click();
    await page.getByRole('dialog', { name: 'Restart Argonaut' }).getByRole('button', { name: 'Proceed' }).click();
    await until(() => existsSync(marker('restart.json')), 'the restart command to run', 20_000);
    await page.locator('.system-menu summary').click();
    await menu.getByRole('menuitem', { name: 'Say hello' }).click();
    await dialog.getByRole('button', { name: 'Proceed' }).click();
    // The command writes its marker itself: wait until it is whole, not only there.
    await until(() => existsSync(marker('hello.json')) && readFileSync(marker('hello.json'), 'utf8').endsWith(']'), 'the custom command to run', 20_000);
    assert.deepEqual(JSON.parse(readFileSync(marker('hello.json'), 'utf8')), ['hi']);
  });
});
