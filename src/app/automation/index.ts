// Public surface of src/app/automation: event commands and the command templates they (and power control) use.
export { EventCommands } from './event-commands.js';
export type { EventCommandsOptions } from './event-commands.js';
export { PlaceholderError, fillCommandTemplate, fillGcodeTemplate, parseCommandTemplate } from './command-template.js';
export type { CommandTemplate } from './command-template.js';
export { placeholderText, placeholderValues } from './placeholder-values.js';
