// Browser test: the settings cards for temperature presets, G-code scripts, the header colour, the virtual printer's
// options and terminal filters — each saved to config.yaml and followed where it is used.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import type { Locator } from 'playwright-core';
import { parse } from 'yaml';
import { withBrowserPage } from '../support/browser-page.js';
import { openScreen } from '../support/ui-session.js';

type Yaml = Record<string, Record<string, unknown> | undefined>;

describe('UI: settings cards', () => {
  const ui = withBrowserPage({ server: { withAdmin: true }, logIn: true });
  before(() => openScreen(ui.page, 'Settings'));

  const config = (): Yaml => parse(readFileSync(join(ui.server.basedir, 'config.yaml'), 'utf8')) as Yaml;
  const panel = (title: string): Locator => ui.page.locator('.panel', { has: ui.page.getByRole('heading', { name: title, exact: true }) });
  const save = async (card: Locator): Promise<void> => {
    await card.getByRole('button', { name: 'Save' }).click();
    await card.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
  };

  it('adds a temperature preset, which the dashboard then offers', async () => {
    const { page } = ui;
    const presets = panel('Temperature presets');
    await presets.getByRole('button', { name: 'Add preset' }).click();
    await presets.getByLabel('Name of preset 3').fill('PETG');
    await presets.getByLabel('Hotend °C of preset 3').fill('240');
    await presets.getByLabel('Bed °C of preset 3').fill('80');
    await save(presets);
    const profiles = (config().temperature?.profiles ?? []) as Array<{ name: string; extruder: number; bed: number }>;
    assert.deepEqual(profiles.map((p) => [p.name, p.extruder, p.bed]), [
      ['ABS', 210, 100],
      ['PLA', 180, 60],
      ['PETG', 240, 80],
    ]);
    await openScreen(page, 'Dashboard');
    await page.getByLabel('Preset').locator('option', { hasText: 'PETG' }).waitFor({ state: 'attached' });
    await openScreen(page, 'Settings');
  });

  it('edits one G-code script and saves only that one', async () => {
    const scripts = panel('G-code scripts');
    await scripts.getByLabel('Script').selectOption('afterPrintDone');
    await scripts.getByLabel(/^G-code of/).fill('M117 All done\nM84');
    await save(scripts);
    const gcode = (config().scripts?.gcode ?? {}) as Record<string, string>;
    assert.equal(gcode.afterPrintDone, 'M117 All done\nM84');
    assert.deepEqual(Object.keys(gcode), ['afterPrintDone'], 'the other scripts keep their defaults, unwritten');
  });

  it('colours the header', async () => {
    const { page } = ui;
    const general = panel('General');
    await general.getByLabel('Colour').selectOption('blue');
    await save(general);
    await page.locator('header.app-header[data-color="blue"]').waitFor();
    assert.equal((config().appearance ?? {}).color, 'blue');
  });

  it("sets the virtual printer's options", async () => {
    const virtual = panel('Virtual printer');
    await virtual.getByLabel('Answer instantly (no motion or heating time)').check();
    await virtual.getByLabel('Checksum error rate (0–1)').fill('0.05');
    await save(virtual);
    const section = (config().plugins as { virtual_printer?: Record<string, unknown> } | undefined)?.virtual_printer ?? {};
    assert.equal(section.instant, true);
    assert.equal(section.checksumErrorRate, 0.05);
    assert.equal(section.dropOkRate, undefined, 'unchanged options are not written');
  });

  it('adds a terminal filter (refusing a broken expression), which the terminal then offers', async () => {
    const { page } = ui;
    const filters = panel('Terminal filters');
    await filters.getByRole('button', { name: 'Add filter' }).click();
    const count = await filters.locator('fieldset').count();
    await filters.getByLabel(`Name of filter ${count}`).fill('Hide echo lines');
    await filters.getByLabel(`Regular expression of filter ${count}`).fill('Recv: echo(');
    await filters.getByText(`Filter ${count} is not a valid regular expression.`).waitFor();
    assert.equal(await filters.getByRole('button', { name: 'Save' }).isDisabled(), true);
    await filters.getByLabel(`Regular expression of filter ${count}`).fill('Recv: echo:');
    await save(filters);
    const saved = (config().terminalFilters ?? []) as unknown as Array<{ name: string; regex: string }>;
    assert.deepEqual(saved[saved.length - 1], { name: 'Hide echo lines', regex: 'Recv: echo:' });
    await openScreen(page, 'Terminal');
    await page.getByLabel('Hide echo lines').waitFor();
  });
});
