// First run: while no administrator exists, a one-time setup code from the console lets the first one be created.
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import type { ConfigStore } from '../config/index.js';
import { ArgonautError } from '../shared/index.js';
import { checkNewPassword } from './account-rules.js';
import type { AuthContext } from './auth-context.js';
import { identityForUser } from './auth-context.js';
import { ADMIN_USER_GROUPS } from './groups.js';
import { LoginRateLimitedError } from './login-service.js';
import type { LoginResult } from './login-service.js';

/** Letters and digits that cannot be mistaken for each other (no 0/O, 1/I/L). */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export const SETUP_CLOSED_MESSAGE = 'An administrator exists already, so first-run setup is closed.';
export const SETUP_CODE_WRONG_MESSAGE = 'The setup code is not correct. It is shown in the server console (or its log) when the server starts.';

/** A code like `K7QH-3MZD-P2XA` (about 59 bits). */
export function newSetupCode(): string {
  const groups: string[] = [];
  for (let g = 0; g < 3; g += 1) {
    let group = '';
    for (let i = 0; i < 4; i += 1) group += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
    groups.push(group);
  }
  return groups.join('-');
}

function normaliseCode(code: string): string {
  return code.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

export type FirstAdminRoute = 'first-run page' | 'command line' | 'import';

/** The message, e.g. `First administrator "ada" created on the first-run page (from 192.168.1.5).` */
export function firstAdminMessage(names: readonly string[], route: FirstAdminRoute, detail?: string): string {
  const who = names.map((name) => JSON.stringify(name)).join(', ');
  const first = names.length === 1 ? `First administrator ${who}` : `First administrators ${who}`;
  const how = route === 'first-run page' ? 'created on the first-run page' : route === 'command line' ? 'created with the command line (argonaut user add --admin)' : 'imported from OctoPrint';
  return `${first} ${how}${detail ? ` (${detail})` : ''}; first-run setup is closed.`;
}

export class FirstRunSetup {
  private code: string | null = null;
  private busy = false;
  private recorded = false;

  constructor(
    private readonly context: AuthContext,
    private readonly config: ConfigStore,
  ) {
    if (this.required()) this.code = newSetupCode();
  }

  /** Whether the first administrator still has to be created (then the setup endpoint is open). */
  required(): boolean {
    const context = this.context;
    if (!context.config().accessControl.enabled || !context.config().server.firstRun) return false;
    context.users.refresh();
    const adminExists = context.users.list().some((u) => u.active && context.groups.permissionsOfUser(u).has('ADMIN'));
    if (adminExists) {
      // Closed for good: once an admin has existed, this never reopens (even if all admins are removed later).
      this.code = null;
      if (!this.recorded) {
        this.recorded = true;
        this.config.set('server.firstRun', false).catch((error: unknown) => context.warn(`Could not record that setup is done: ${(error as Error).message}`));
      }
      return false;
    }
    return true;
  }

  /** The console message with the code, or null when setup is not needed. */
  announcement(): string | null {
    if (!this.required() || this.code === null) return null;
    return [
      'No administrator account exists yet.',
      `To create one, open this server in a web browser and enter this one-time setup code when asked: ${this.code}.`,
      'Or create it on this computer with: argonaut user add NAME --password PASSWORD --admin',
    ].join(' ');
  }

  /** Creates the first administrator with the setup code, and logs them in. 403 once an admin exists. */
  async createAdmin(input: { user: unknown; pass: unknown; setupCode: unknown; clientIp: string }): Promise<LoginResult> {
    const context = this.context;
    if (this.busy || !this.required() || this.code === null) throw new ArgonautError('forbidden', SETUP_CLOSED_MESSAGE);
    const now = context.now();
    const decision = context.limiter.check(input.clientIp, null, now);
    if (decision.limited) throw new LoginRateLimitedError(decision.retryAfterSeconds);
    if (typeof input.setupCode !== 'string' || !this.codeMatches(input.setupCode)) {
      context.limiter.recordFailure(input.clientIp, null, now);
      throw new ArgonautError('forbidden', SETUP_CODE_WRONG_MESSAGE);
    }
    const password = checkNewPassword(input.pass, context.config().accessControl.minimumPasswordLength);
    this.busy = true;
    try {
      const hash = await context.hasher.hash(password);
      const user = await context.users.add({ name: input.user, passwordHash: hash, active: true, groups: [...ADMIN_USER_GROUPS], permissions: [] });
      this.code = null;
      await this.config.set('server.firstRun', false);
      const seen = context.now();
      const { session, cookie } = context.sessions.create(
        { userName: user.name, mechanism: 'password', credentialsSeen: seen, securityStamp: user.securityStamp, withCookie: true },
        seen,
      );
      context.events?.emit('UserLoggedIn', { username: user.name });
      const identity = identityForUser(context, user, { mechanism: 'password', credentialsSeen: seen, sessionId: session.id });
      return { identity, session, sessionCookie: cookie, rememberCookie: null, rememberMaxAgeSeconds: 0 };
    } finally {
      this.busy = false;
    }
  }

  private codeMatches(presented: string): boolean {
    if (this.code === null || presented.length > 100) return false;
    const a = createHash('sha256').update(normaliseCode(presented)).digest();
    const b = createHash('sha256').update(normaliseCode(this.code)).digest();
    return timingSafeEqual(a, b);
  }
}
