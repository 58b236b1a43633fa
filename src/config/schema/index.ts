// The whole config.yaml schema: every known key, its default and one line of documentation.
import type { ValueOf } from './fields.js';
import { accessControlSchema } from './access-control.js';
import { cameraSchema } from './camera.js';
import { eventsSchema } from './automation.js';
import { KEPT_SETTINGS } from './compat.js';
import { withKeptSettings } from './compat-fields.js';
import {
  apiSchema,
  appearanceSchema,
  develSchema,
  featureSchema,
  loggingSchema,
  pluginsSchema,
  scriptsSchema,
  temperatureSchema,
  webcamSchema,
} from './misc.js';
import { printerProfilesSchema } from './printer-profiles.js';
import { serialSchema } from './serial.js';
import { serverSchema } from './server.js';
import { controlsField, systemSchema, terminalFiltersField } from './system.js';

export const configSchema = withKeptSettings({
  server: serverSchema,
  api: apiSchema,
  accessControl: accessControlSchema,
  serial: serialSchema,
  appearance: appearanceSchema,
  feature: featureSchema,
  temperature: temperatureSchema,
  webcam: webcamSchema,
  camera: cameraSchema,
  scripts: scriptsSchema,
  devel: develSchema,
  plugins: pluginsSchema,
  logging: loggingSchema,
  system: systemSchema,
  terminalFilters: terminalFiltersField,
  controls: controlsField,
  printerProfiles: printerProfilesSchema,
  events: eventsSchema,
} as const, KEPT_SETTINGS);

export type Config = ValueOf<typeof configSchema>;
export type { TemperatureProfile } from './misc.js';
export type { EventSubscription } from './automation.js';
export type { CustomControl, SystemAction, TerminalFilter } from './system.js';
export { checkField, field, isField } from './fields.js';
export type { FieldSpec, SectionSpec } from './fields.js';
export { KEPT_SETTINGS } from './compat.js';
export { keptValue } from './compat-fields.js';
export type { CompatSetting } from './compat-fields.js';
