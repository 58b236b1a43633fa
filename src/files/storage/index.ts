// Public surface of src/files/storage: the local file store, name sanitising, file types, print history.
export { LocalFileStore } from './local-file-store.js';
export type { AddFileOptions, AddFileResult, StorageUsage } from './local-file-store.js';
export type { EntryKind } from './disk-paths.js';
export type { FileMetadata } from './metadata-store.js';
export { METADATA_FILE } from './metadata-store.js';
export { contentTypeOf, extensionOf, isAllowedFile, isFileOfType, isGcode, isMachineCode, typePathOf } from './file-types.js';
export { isSanitizedName, joinStoragePath, parseStoragePath, sanitizeName, sanitizeUserPath } from './path-sanitiser.js';
export { computeStatistics, summarisePrints } from './print-history.js';
export type { PrintHistoryEntry, PrintStatistics, PrintsSummary } from './print-history.js';
export type { ListOptions, StoredEntry, StoredFile, StoredFolder } from './stored-entry.js';
