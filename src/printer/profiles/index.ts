// Public surface of src/printer/profiles.
export { PrinterProfileStore } from './profile-store.js';
export type { SaveOptions } from './profile-store.js';
export { DEFAULT_PROFILE_ID, defaultProfile, mergeDeep, sanitizeProfileId, validateProfile } from './printer-profile.js';
export type { AxisSettings, CustomBox, PrinterProfile } from './printer-profile.js';
