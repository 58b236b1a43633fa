// Public surface of src/auth/app-keys: the Application Keys workflow and store (re-exported by src/auth/index.ts).
export { AppKeysService, AppKeyRequestLimitedError, APP_KEY_RATE_LIMITED_MESSAGE } from './app-keys-service.js';
export type { AppKeysServiceOptions, DialogRequest, Narrowing, NewAppKeyRequest, PollResult } from './app-keys-service.js';
export type { AppKeyRecord, AppKeysMessage, AppKeysNotice, PendingRecord } from './app-key-records.js';
export type { AppKey } from './app-key-file.js';
export { parseAppKeys, serializeAppKeys } from './app-key-file.js';
export type { RequestLimits } from './request-rate-limiter.js';
export { POLL_TIMEOUT_MS, REQUEST_CUTOFF_MS } from './pending-requests.js';
