// How a user's API key is shown in lists: only its first characters (Argonaut stores keys hashed, D3).
import type { UserRecord } from '../../api/types.js';

export function apiKeyPrefix(user: UserRecord): string | null {
  const prefix = typeof user.apikeyPrefix === 'string' ? user.apikeyPrefix : null;
  if (prefix) return prefix;
  if (typeof user.apikey === 'string' && user.apikey) return user.apikey.slice(0, 6);
  return null;
}
