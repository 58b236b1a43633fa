// Adapts the access-control service (login sessions) to what the push socket needs to authenticate sockets.
import type { Identity, SessionChange } from '../../auth/index.js';
import type { Disposable } from '../../shared/index.js';
import type { SocketAuthenticator } from './push-types.js';

/** The part of AccessControl the socket uses. */
export interface SocketSessionSource {
  validateSocketSession(userName: string, sessionToken: string): Identity | null;
  touchSession(userName: string, sessionToken: string): boolean;
  guest(): Identity;
  onDidChangeSessions(listener: (change: SessionChange) => void): Disposable;
}

export function socketAuthenticatorFor(access: SocketSessionSource): SocketAuthenticator {
  return {
    validate: (userName, sessionToken) => access.validateSocketSession(userName, sessionToken),
    touch: (userName, sessionToken) => void access.touchSession(userName, sessionToken),
    guest: () => access.guest(),
    onSessionChange: (listener) =>
      access.onDidChangeSessions((change) => listener({ userName: change.userName, tokens: change.tokens, reason: change.reason })),
  };
}
