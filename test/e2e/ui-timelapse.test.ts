// Browser test at phone width: the Timelapse screen lists a movie and plays it, renders unrendered captures, deletes a
// movie, and shows a render's pushed progress; nothing scrolls sideways.
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { withBrowserPage } from '../support/browser-page.js';
import { generateJpegFrames, writeTestMovie } from '../support/jpeg-camera.js';
import { openScreen } from '../support/ui-session.js';
import { until } from '../support/until.js';

const MOVIE = 'benchy_20250301100000.mp4';
const CAPTURES = 'cube_20250301110000';

describe('UI: the Timelapse screen', () => {
  const ui = withBrowserPage({
    server: { withAdmin: true },
    viewport: { width: 390, height: 844 },
    logIn: true,
    async prepare(server) {
      writeTestMovie(join(server.app.basedir.timelapse, MOVIE), 2);
      generateJpegFrames(10).forEach((frame, i) => writeFileSync(join(server.app.basedir.timelapseTmp, `${CAPTURES}-${i}.jpg`), frame));
    },
  });

  it('lists and plays a movie, renders the captures, and deletes a movie', async () => {
    const { page } = ui;
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Timelapse', exact: true }).scrollIntoViewIfNeeded();
    await openScreen(page, 'Timelapse');
    const movie = page.locator(`li[data-movie="${MOVIE}"]`);
    await movie.waitFor();
    assert.match((await movie.textContent()) ?? '', /KB · \d{4}-\d\d-\d\d/);
    assert.equal(await movie.getByRole('link', { name: `Download ${MOVIE}` }).getAttribute('href'), `/downloads/timelapse/${MOVIE}`);

    await movie.getByRole('button', { name: `Play ${MOVIE}` }).click();
    const video = movie.locator('video');
    await video.waitFor();
    assert.equal(await video.getAttribute('src'), `/downloads/timelapse/${MOVIE}`);
    // The browser fetched the movie (with the session cookie) and read its header: the duration is known.
    await page.waitForFunction(`document.querySelector('li[data-movie="${MOVIE}"] video').readyState >= 1`, undefined, { timeout: 20_000 });
    const duration = (await page.evaluate(`document.querySelector('li[data-movie="${MOVIE}"] video').duration`)) as number;
    assert.ok(Math.abs(duration - 2) < 0.3, `duration ${duration}`);
    const overflow = (await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')) as number;
    assert.ok(overflow <= 0, `the screen is ${overflow} px wider than the phone`);
    await ui.browser.screenshot('ui-timelapse-phone');

    const captures = page.locator(`li[data-unrendered="${CAPTURES}"]`);
    await captures.getByText('10 frames').waitFor();
    await captures.getByRole('button', { name: `Render ${CAPTURES}` }).click();
    await page.locator(`li[data-movie="${CAPTURES}.mp4"]`).waitFor({ timeout: 60_000 });
    await captures.waitFor({ state: 'detached' });
    await page.getByText('No captures are waiting to be rendered.').waitFor();

    await movie.getByRole('button', { name: `Delete ${MOVIE}` }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await movie.waitFor({ state: 'detached' });
    assert.equal(existsSync(join(ui.server.app.basedir.timelapse, MOVIE)), false);
    await page.locator(`li[data-movie="${CAPTURES}.mp4"]`).waitFor();
    assert.deepEqual(ui.browser.externalRequests, []);
    assert.deepEqual(ui.browser.pageErrors, []);
  });

  it('shows the progress of a render as the server pushes it, and hides it when the movie is done', async () => {
    const { page } = ui;
    const { app } = ui.server;
    await openScreen(page, 'Timelapse');
    const movie = { gcode: 'bunny.gcode', movie: join(app.basedir.timelapse, 'bunny_20250301120000.mp4'), movie_basename: 'bunny_20250301120000.mp4', movie_prefix: 'bunny_20250301120000' };
    app.events.emit('MovieRendering', movie);
    const bar = page.getByRole('progressbar', { name: 'Rendering the timelapse' });
    await bar.waitFor();
    app.push.sendMessage('renderProgress', { progress: 42 });
    await until(async () => (await bar.getAttribute('aria-valuenow')) === '42', 'the bar at 42 %', 20_000);
    app.events.emit('MovieDone', movie);
    await bar.waitFor({ state: 'detached' });
    assert.deepEqual(ui.browser.pageErrors, []);
  });
});

