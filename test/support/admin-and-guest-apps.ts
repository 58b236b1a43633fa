// Two apps for a route's tests, started before and closed after the enclosing describe: one with access control
// off (every permission), one with it on and no login (the caller is a guest).
import { after, before } from 'node:test';
import { createTestApp } from './test-app.js';
import type { TestApp } from './test-app.js';

/** config.yaml with access control off and no network announcements. */
export const OPEN_CONFIG = 'accessControl:\n  enabled: false\nplugins:\n  discovery:\n    enabled: false\n';
/** config.yaml with access control on (the default) and no network announcements. */
export const GUARDED_CONFIG = 'plugins:\n  discovery:\n    enabled: false\n';

export interface AdminAndGuestApps {
  /** Access control off: every request may do everything. */
  readonly admin: TestApp;
  /** Access control on, no user: every request is a guest's. */
  readonly anonymous: TestApp;
}

/** Registers the hooks that start both apps before the describe's tests and close them after. */
export function useAdminAndGuestApps(): AdminAndGuestApps {
  let admin: TestApp | undefined;
  let anonymous: TestApp | undefined;
  before(async () => {
    admin = await createTestApp({ config: OPEN_CONFIG });
    anonymous = await createTestApp({ config: GUARDED_CONFIG });
  });
  after(async () => {
    await admin?.close();
    await anonymous?.close();
  });
  const started = (app: TestApp | undefined): TestApp => {
    if (!app) throw new Error('the apps start in a before hook; use them inside tests');
    return app;
  };
  return {
    get admin() {
      return started(admin);
    },
    get anonymous() {
      return started(anonymous);
    },
  };
}
