// Steps the browser tests share: logging in through the login form and opening a screen.
import type { Page } from 'playwright-core';

export async function logIn(page: Page, baseUrl: string, user: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.getByLabel('Username').fill(user);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('navigation', { name: 'Screens' }).waitFor();
}

/** Opens a screen by its navigation link, e.g. "Files". */
export async function openScreen(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name, exact: true }).click();
  await page.locator('.main-nav a[aria-current="page"]', { hasText: name }).waitFor();
}
