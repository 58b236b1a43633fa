// Public surface of src/files: the FileManager facade, stored entries, and the name and type rules of uploads.
export { FileManager } from './file-manager.js';
export type { AddFileRequest, FileManagerOptions, PrintResult } from './file-manager.js';
export {
  METADATA_FILE,
  contentTypeOf,
  extensionOf,
  isAllowedFile,
  isFileOfType,
  isGcode,
  isMachineCode,
  isSanitizedName,
  joinStoragePath,
  parseStoragePath,
  sanitizeName,
  sanitizeUserPath,
  summarisePrints,
  typePathOf,
} from './storage/index.js';
export type {
  FileMetadata,
  PrintHistoryEntry,
  PrintStatistics,
  PrintsSummary,
  StorageUsage,
  StoredEntry,
  StoredFile,
  StoredFolder,
} from './storage/index.js';
export { analyseFile } from './analysis/queue/index.js';
export type { AnalysisProgress } from './analysis/queue/index.js';
