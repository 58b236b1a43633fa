// The contract between the HTTP layer and authentication: credentials in, an Identity out.
import type { Identity } from './identity.js';
import { allPermissions } from './permissions.js';
import type { RequestOrigin } from './request-origin.js';

export interface AuthRequest {
  origin: RequestOrigin;
  /** The API key from `apikey` (query or form), `X-Api-Key` or `Authorization: Bearer`, in that order. */
  apiKey: string | null;
  /** Cookies with OctoPrint's `_P<port>[_R<root>]` suffix removed (only those with the right suffix). */
  cookies: Readonly<Record<string, string>>;
  now: number;
  /** A request header by lower-case name (for sign-on by a trusted proxy); absent where there are no headers. */
  header?: (name: string) => string | undefined;
}

export interface Authenticator {
  /** Never throws for bad credentials: those yield the guest identity. */
  authenticate(request: AuthRequest): Promise<Identity>;
}

/** The identity every request gets when access control is switched off (D4). */
export function accessControlDisabledIdentity(): Identity {
  return {
    name: 'admin',
    permissions: allPermissions(),
    groups: ['admins', 'users'],
    mechanism: 'access_control_disabled',
    credentialsSeen: null,
    sessionId: null,
    appKeyId: null,
  };
}
