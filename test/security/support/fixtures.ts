// The catalogue's fixtures: users admin/alice/bob/ro/inactive with user keys, alice's app key AppA, the virtual
// printer connected with its serial traffic captured, and sentinel files outside the basedir.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SecurityServer } from './security-server.js';

export const PASSWORDS = {
  admin: 'admin-password-1',
  alice: 'alice-password-1',
  bob: 'bob-password-1',
  ro: 'ro-password-1',
  inactive: 'inactive-password-1',
} as const;

export type FixtureUser = keyof typeof PASSWORDS;

export interface Fixtures {
  keys: Record<FixtureUser, string>;
  /** alice's application key for app `AppA`. */
  appKey: string;
  /** Every secret handed out (keys, passwords), for leak greps. */
  secrets(): string[];
}

export async function seedUsers(server: SecurityServer): Promise<Fixtures> {
  const accounts = server.app.access.accounts;
  await accounts.addUser({ name: 'admin', password: PASSWORDS.admin, active: true, groups: ['admins', 'users'] });
  await accounts.addUser({ name: 'alice', password: PASSWORDS.alice, active: true, groups: ['users'] });
  await accounts.addUser({ name: 'bob', password: PASSWORDS.bob, active: true, groups: ['users'] });
  await accounts.addUser({ name: 'ro', password: PASSWORDS.ro, active: true, groups: ['readonly'] });
  await accounts.addUser({ name: 'inactive', password: PASSWORDS.inactive, active: false, groups: ['users'] });
  const keys = {} as Record<FixtureUser, string>;
  for (const name of Object.keys(PASSWORDS) as FixtureUser[]) keys[name] = await accounts.generateApiKey(name);
  const appKey = (await server.app.appKeys.generate('alice', 'AppA')).apiKey;
  return {
    keys,
    appKey,
    secrets: () => [...Object.values(keys), appKey, ...Object.values(PASSWORDS)],
  };
}

/** Serial lines the host sent to the (virtual) printer, captured from the driver's terminal log. */
export class SerialCapture {
  readonly sent: string[] = [];
  private readonly subscription: { dispose(): void };

  constructor(server: SecurityServer) {
    this.subscription = server.app.printer.driver.log.onLine((direction, text) => {
      if (direction === 'send') this.sent.push(text);
    });
  }

  clear(): void {
    this.sent.length = 0;
  }

  dispose(): void {
    this.subscription.dispose();
  }
}

/** Connects the virtual printer and waits until it is operational. */
export async function connectPrinter(server: SecurityServer): Promise<void> {
  const { attempt } = await server.app.printer.service.connect({ port: 'VIRTUAL', baudrate: 115200 });
  if (!(await attempt)) throw new Error('the virtual printer did not connect');
}

export interface Sentinels {
  dir: string;
  secret: string;
  secretText: string;
  /** A copy of the server's config.yaml outside the basedir. */
  configCopy: string;
  /** Whether both sentinels are exactly as written. */
  untouched(): boolean;
  remove(): void;
}

export function makeSentinels(server: SecurityServer): Sentinels {
  const dir = mkdtempSync(join(tmpdir(), 'argonaut-sentinel-'));
  const secret = join(dir, 'sentinel-secret.txt');
  const secretText = `sentinel ${Math.random().toString(36).slice(2)}\n`;
  writeFileSync(secret, secretText);
  const configCopy = join(dir, 'config-copy.yaml');
  copyFileSync(join(server.basedir, 'config.yaml'), configCopy);
  const configText = readFileSync(configCopy, 'utf8');
  const mtime = statSync(secret).mtimeMs;
  return {
    dir,
    secret,
    secretText,
    configCopy,
    untouched: () =>
      readFileSync(secret, 'utf8') === secretText && statSync(secret).mtimeMs === mtime && readFileSync(configCopy, 'utf8') === configText,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
