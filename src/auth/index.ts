// Public surface of src/auth: permissions, identities, request origin and (as they land) users, keys, sessions.
export { hasFreshCredentials, hasPermission, isGuest, guestIdentity } from './identity.js';
export type { Identity, LoginMechanism } from './identity.js';
export { addressBytes, inAnySubnet, normaliseAddress, parseSubnet } from './network.js';
export { PERMISSIONS, PERMISSION_KEYS, allPermissions, isDangerous, isPermissionKey } from './permissions.js';
export type { PermissionDefinition, PermissionKey } from './permissions.js';
export { cookieSuffix, resolveRequestOrigin } from './request-origin.js';
export type { RawRequestInfo, RequestOrigin, ReverseProxySettings } from './request-origin.js';
export { accessControlDisabledIdentity } from './authenticator.js';
export type { AuthRequest, Authenticator } from './authenticator.js';
