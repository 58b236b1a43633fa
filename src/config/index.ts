// Public surface of src/config: the schema, the config.yaml store, the basedir layout, atomic writes and file signatures.
export { atomicWrite, atomicWriteSync } from './atomic-write.js';
export type { AtomicWriteOptions } from './atomic-write.js';
export { basedirLayout, defaultBasedir, ensureBasedir } from './basedir.js';
export type { Basedir } from './basedir.js';
export { ConfigError, ConfigStore } from './config-store.js';
export type { ConfigChange, ConfigReread } from './config-store.js';
export { changedPaths, needsRestart } from './config-changes.js';
export { fileSignature, signatureOf } from './file-signature.js';
export { checkValueAt, resolveConfig, schemaAt } from './resolve.js';
export { KEPT_SETTINGS, configSchema, isField, keptValue } from './schema/index.js';
export type { CompatSetting, Config, EventSubscription, FieldSpec, SectionSpec, SystemAction, TemperatureProfile, TerminalFilter } from './schema/index.js';
export { configMarkdownTable, describeConfig } from './describe.js';
export type { KeyDescription } from './describe.js';
export { configText, wrapText } from './describe-text.js';
export { ARGONAUT_VERSION } from '../shared/index.js';
