// Browser test: the camera on the dashboard and the Webcam tab at phone width — real frames from ffmpeg's testsrc, flipped as configured, and the message when there is none.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { testPatternInput } from '../support/fake-camera.js';
import { withBrowserPage } from '../support/browser-page.js';
import { openScreen } from '../support/ui-session.js';
import { until } from '../support/until.js';

const CONFIG = [
  'plugins:',
  '  discovery:',
  '    enabled: false',
  'camera:',
  '  source: local',
  '  lingerSeconds: 1',
  `  inputArgs: ${JSON.stringify(testPatternInput('320x240', 5))}`,
  'webcam:',
  '  flipH: true',
  '',
].join('\n');

describe('UI: webcam', () => {
  const ui = withBrowserPage({ server: { withAdmin: true, config: CONFIG }, logIn: true, viewport: { width: 390, height: 844 } });

  /** The width of the picture the browser decoded (0 until a frame arrived). */
  const pictureWidth = (): Promise<number> => ui.page.locator('.webcam-image').evaluate((image) => (image as unknown as { naturalWidth: number }).naturalWidth);

  it('shows the live picture on the dashboard, flipped, within a phone-wide screen', async () => {
    const { page } = ui;
    await openScreen(page, 'Dashboard');
    const image = page.locator('.panel .webcam-image');
    await image.waitFor({ timeout: 60_000 });
    await until(async () => (await pictureWidth()) > 0, 'a decoded frame on the dashboard', 60_000, 100);
    assert.equal(await pictureWidth(), 320);
    assert.match(String(await image.evaluate((element) => (element as unknown as { style: { transform: string } }).style.transform)), /scaleX\(-1\)/);
    const box = await image.boundingBox();
    assert.ok(box && box.width > 0 && box.x + box.width <= 391, `the picture fits the phone's width (${JSON.stringify(box)})`);
    assert.ok(ui.server.app.camera.capturing, 'ffmpeg reads the camera while the picture is shown');
  });

  it('shows it on the Webcam tab with a full-screen button', async () => {
    const { page } = ui;
    await openScreen(page, 'Webcam');
    await page.locator('.webcam-image').waitFor({ timeout: 60_000 });
    await until(async () => (await pictureWidth()) > 0, 'a decoded frame on the Webcam tab', 60_000, 100);
    await page.getByRole('button', { name: 'Full screen' }).waitFor();
  });

  it('says plainly when no camera is configured', async () => {
    const { page } = ui;
    await ui.server.app.config.set('camera.source', 'none');
    await page.reload();
    await openScreen(page, 'Webcam');
    await page.getByText('No camera is configured.').waitFor();
  });

  it('turns the camera on from Settings → Camera, in effect at once', async () => {
    const { page } = ui;
    await openScreen(page, 'Settings');
    const card = page.locator('.panel', { has: page.getByRole('heading', { name: 'Camera' }) });
    await card.getByText('ffmpeg: using the copy bundled with Argonaut.').waitFor();
    await card.getByLabel('Picture source').selectOption('local');
    await card.getByLabel('Frames per second').fill('5');
    await card.getByRole('button', { name: 'Save' }).click();
    await card.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    assert.equal(ui.server.app.config.config.camera.source, 'local');
    assert.equal(ui.server.app.config.config.camera.framerate, 5);
    await openScreen(page, 'Webcam');
    await page.locator('.webcam-image').waitFor({ timeout: 60_000 });
    await until(async () => (await pictureWidth()) > 0, 'a decoded frame after turning the camera on', 60_000, 100);
  });
});
