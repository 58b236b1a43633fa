// Browser test: every screen fits a phone screen without sideways scrolling, and the app works from the keyboard.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { withBrowserPage } from '../support/browser-page.js';
import { openScreen } from '../support/ui-session.js';

const SCREENS = ['Dashboard', 'Control', 'Files', 'History', 'Terminal', 'Timelapse', 'Settings', 'Access control', 'My account'];

describe('UI: phone layout and keyboard', () => {
  const ui = withBrowserPage({ server: { withAdmin: true }, viewport: { width: 390, height: 844 }, logIn: true });

  it('shows every screen on a 390 px wide phone without sideways scrolling', async () => {
    const { page } = ui;
    for (const screen of SCREENS) {
      await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: screen, exact: true }).scrollIntoViewIfNeeded();
      await openScreen(page, screen);
      await page.waitForTimeout(300);
      const overflow = (await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')) as number;
      assert.ok(overflow <= 0, `${screen} is ${overflow} px wider than the phone`);
      if (screen === 'Dashboard' || screen === 'Files') await ui.browser.screenshot(`ui-phone-${screen.toLowerCase()}`);
    }
  });

  it('is usable from the keyboard: skip link, navigation, dialogs that take and return focus', async () => {
    const { page } = ui;
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${ui.server.baseUrl}/#/`);
    await page.reload();
    await page.getByRole('heading', { name: 'Print job' }).waitFor();
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate('document.activeElement.textContent'), 'Skip to content');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate('document.activeElement.id'), 'main');

    // Tab forward from the top to the "Files" link and follow it with Enter.
    await page.evaluate('document.body.focus()');
    for (let i = 0; i < 15 && (await page.evaluate('document.activeElement.textContent')) !== 'Files'; i += 1) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.locator('.main-nav a[aria-current="page"]', { hasText: 'Files' }).waitFor();

    // A dialog takes focus, closes on Escape, and gives focus back to the button that opened it.
    await page.getByRole('button', { name: 'New folder' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').waitFor();
    assert.equal(await page.evaluate('document.activeElement.closest("dialog") !== null'), true, 'focus is inside the dialog');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    assert.equal(await page.evaluate('document.activeElement.textContent'), 'New folder');
    assert.deepEqual(ui.browser.externalRequests, []);
    assert.deepEqual(ui.browser.pageErrors, []);
  });
});
