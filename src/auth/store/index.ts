// Public surface of src/auth/store: where access control keeps its data (files in the basedir, or shared PostgreSQL).
export { DOCUMENT_NAMES } from './access-store.js';
export type { AccessStore, DocumentName, LoginFailure, PrinterEntry, PrinterRegistry, PrinterReport, SharedState, StoreStatus } from './access-store.js';
export { FileAccessStore } from './file-store.js';
export type { StoreFiles } from './file-store.js';
export { MIGRATIONS, migrate } from './postgres/migrations.js';
export { CHANGE_CHANNEL, PostgresAccessStore, describeDatabase } from './postgres/postgres-store.js';
export type { PostgresStoreOptions } from './postgres/postgres-store.js';
export type { StoredDocument } from './stored-document.js';
export { copyDocuments } from './store-migration.js';
export type { MigrationStep } from './store-migration.js';
