// Builds the JSON of GET /api/settings from config.yaml, filtered by the reader's permissions as OctoPrint does.
import { hasPermission } from '../../../auth/index.js';
import type { Identity } from '../../../auth/index.js';
import type { Config } from '../../../config/index.js';
import { addAutomationSettings } from './automation-settings.js';
import { ADMIN_FIELDS, COMMON_FIELDS, getPath, setPath } from './settings-fields.js';
import type { SettingsField } from './settings-fields.js';
import { argonautCameraJson, classicWebcamPluginJson, webcamSectionJson } from './webcam-settings.js';

export interface ConnectionOptions {
  ports: readonly string[];
  baudrates: readonly number[];
}

export interface SettingsSources {
  config: Config;
  identity: Identity;
  /** Absolute folders of this server, as OctoPrint reports them under `folder`. */
  folders: { uploads: string; logs: string; timelapse: string; watched: string };
  /** Detected serial ports and offered baud rates. */
  connection: ConnectionOptions;
  /** Custom controls (shown only with CONTROL). */
  controls: readonly unknown[];
  /** Settings changed on disk that take effect only at the next start, and why config.yaml cannot be read (or null). */
  notices: { restartNeeded: readonly string[]; configProblem: string | null };
}

export type SettingsJson = Record<string, unknown>;

function copyFields(target: SettingsJson, config: Config, fields: readonly SettingsField[]): void {
  for (const field of fields) {
    const value = getPath(config, field.config);
    setPath(target, field.api, field.apiDivisor && typeof value === 'number' ? Math.trunc(value / field.apiDivisor) : structuredClone(value));
  }
}

export function buildSettingsJson(sources: SettingsSources): SettingsJson {
  const { config, identity } = sources;
  const result: SettingsJson = {};
  copyFields(result, config, COMMON_FIELDS);
  // No global API key exists in Argonaut (users and apps have their own), so it is never shown.
  setPath(result, 'api.key', null);
  // Argonaut's 0 (detect) is OctoPrint's null.
  if (config.serial.baudrate === 0) setPath(result, 'serial.baudrate', null);
  setPath(result, 'serial.portOptions', [...sources.connection.ports]);
  setPath(result, 'serial.baudrateOptions', [...sources.connection.baudrates]);
  result.folder = { ...sources.folders };
  result.scripts = { gcode: { ...structuredClone(config.scripts.gcode), snippets: {} } };
  result.plugins = { ...structuredClone(config.plugins), classicwebcam: classicWebcamPluginJson(config) };
  result.webcam = hasPermission(identity, 'WEBCAM') ? webcamSectionJson(config) : {};
  // Argonaut's own camera settings (config.yaml `camera`), beside OctoPrint's sections.
  result.camera = hasPermission(identity, 'WEBCAM') ? argonautCameraJson(config) : {};
  result.controls = hasPermission(identity, 'CONTROL') ? structuredClone([...sources.controls]) : [];
  if (hasPermission(identity, 'ADMIN')) copyFields(result, config, ADMIN_FIELDS);
  addAutomationSettings(result, config, identity);
  // Argonaut's own notices for the Settings page; the problem's wording (it may quote a value) only for admins.
  const problem = sources.notices.configProblem;
  result.argonaut = {
    restartNeeded: [...sources.notices.restartNeeded],
    configProblem: problem === null ? null : hasPermission(identity, 'ADMIN') ? problem : 'config.yaml cannot be read; an administrator has to fix it.',
  };
  return result;
}
