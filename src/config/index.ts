// Public surface of src/config: the schema, the config.yaml store, the basedir layout and atomic writes.
export { atomicWrite, atomicWriteSync } from './atomic-write.js';
export type { AtomicWriteOptions } from './atomic-write.js';
export { basedirLayout, defaultBasedir, ensureBasedir } from './basedir.js';
export type { Basedir } from './basedir.js';
export { ConfigError, ConfigStore } from './config-store.js';
export { checkValueAt, resolveConfig, schemaAt } from './resolve.js';
export { configSchema, isField } from './schema/index.js';
export type { Config, FieldSpec, SectionSpec, SystemAction, TemperatureProfile, TerminalFilter } from './schema/index.js';
export { configMarkdownTable, describeConfig } from './describe.js';
export type { KeyDescription } from './describe.js';
