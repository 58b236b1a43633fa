// The settings JSON of OctoPrint's /api/settings, field by field, mapped to config.yaml keys.
import { KEPT_SETTINGS } from '../../../config/index.js';

/** One value of the settings JSON: where it lives in the API (`api`) and in config.yaml (`config`). */
export interface SettingsField {
  readonly api: string;
  readonly config: string;
  /** Changing it needs fresh credentials (a password entered recently, or an API key). */
  readonly fresh?: boolean;
  /** Shown, but not changed through POST /api/settings. */
  readonly readOnly?: boolean;
  /** The API shows the stored value divided by this. */
  readonly apiDivisor?: number;
}

/** OctoPrint's settings kept for its clients (config/schema/compat*.ts); plugins.* come with config.plugins. */
function keptFields(admin: boolean): SettingsField[] {
  return KEPT_SETTINGS.filter((setting) => !setting.api.startsWith('plugins.') && (setting.admin === true) === admin).map((setting) => ({
    api: setting.api,
    config: setting.config,
    ...(setting.apiDivisor ? { apiDivisor: setting.apiDivisor } : {}),
  }));
}

function same(path: string, extra: Omit<SettingsField, 'api' | 'config'> = {}): SettingsField {
  return { api: path, config: path, ...extra };
}

function serial(api: string, config: string): SettingsField {
  return { api: `serial.${api}`, config: `serial.${config}` };
}

/** Fields every reader with SETTINGS_READ sees. */
export const COMMON_FIELDS: readonly SettingsField[] = [
  same('api.allowCrossOrigin', { fresh: true }),
  same('appearance.name'),
  same('appearance.color'),
  same('appearance.colorTransparent'),
  same('appearance.colorIcon'),
  same('appearance.closeModalsWithClick'),
  same('appearance.defaultLanguage'),
  same('appearance.fuzzyTimes'),
  same('appearance.showFahrenheitAlso'),
  same('appearance.showInternalFilename'),
  same('feature.temperatureGraph'),
  same('feature.sdSupport'),
  serial('port', 'port'),
  serial('baudrate', 'baudrate'),
  serial('autoconnect', 'autoconnect'),
  serial('timeoutConnection', 'timeout.connection'),
  serial('timeoutDetection', 'timeout.detection'),
  serial('timeoutCommunication', 'timeout.communication'),
  serial('timeoutCommunicationBusy', 'timeout.communicationBusy'),
  serial('timeoutTemperature', 'timeout.temperature'),
  serial('timeoutTemperatureAutoreport', 'timeout.temperatureAutoreport'),
  serial('timeoutPositionLogWait', 'timeout.positionLogWait'),
  serial('maxTimeoutsIdle', 'maxCommunicationTimeouts.idle'),
  serial('maxTimeoutsPrinting', 'maxCommunicationTimeouts.printing'),
  serial('log', 'log'),
  serial('additionalPorts', 'additionalPorts'),
  serial('checksumRequiringCommands', 'checksumRequiringCommands'),
  serial('alwaysSendChecksum', 'alwaysSendChecksum'),
  serial('enableShutdownActionCommand', 'enableShutdownActionCommand'),
  serial('advancedOk', 'advancedOk'),
  serial('resendWindow', 'resendWindow'),
  same('temperature.profiles'),
  same('temperature.cutoff'),
  same('temperature.sendAutomatically'),
  same('temperature.sendAutomaticallyAfter'),
  same('system.actions', { fresh: true }),
  same('terminalFilters'),
  same('server.commands.systemShutdownCommand', { fresh: true }),
  same('server.commands.systemRestartCommand', { fresh: true }),
  same('server.commands.serverRestartCommand', { fresh: true }),
  same('devel.enableRateLimiter', { readOnly: true }),
  same('devel.enableCsrfProtection', { readOnly: true }),
  ...keptFields(false),
];

/** The webcam section, shown only with WEBCAM (HA reads these keys with `[]`, so each must exist). */
export const WEBCAM_FIELDS: readonly SettingsField[] = [
  same('webcam.webcamEnabled'),
  { api: 'webcam.streamUrl', config: 'webcam.stream' },
  same('webcam.streamRatio'),
  same('webcam.streamTimeout'),
  same('webcam.streamWebrtcIceServers'),
  { api: 'webcam.snapshotUrl', config: 'webcam.snapshot' },
  same('webcam.snapshotTimeout'),
  same('webcam.snapshotSslValidation'),
  same('webcam.cacheBuster'),
  same('webcam.flipH'),
  same('webcam.flipV'),
  same('webcam.rotate90'),
  same('webcam.ffmpegPath', { fresh: true }),
  same('webcam.bitrate'),
  same('webcam.ffmpegThreads'),
  same('webcam.ffmpegVideoCodec'),
  same('webcam.watermark'),
];

/** The accessControl section, shown only to admins. */
export const ADMIN_FIELDS: readonly SettingsField[] = [same('accessControl.autologinLocal', { readOnly: true }), ...keptFields(true)];

/** Settings under `plugins.<id>` that are never changed through the API. */
export const READ_ONLY_PLUGIN_KEYS: ReadonlySet<string> = new Set(['discovery.upnpUuid']);

/** Reads a dotted path from a nested object. */
export function getPath(source: unknown, path: string): unknown {
  let value = source;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** Writes a dotted path into a nested object, creating the parents. */
export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts[parts.length - 1] as string] = value;
}

/** Whether a dotted path is present in a nested object (even with a null value). */
export function hasPath(source: unknown, path: string): boolean {
  const parts = path.split('.');
  const parent = parts.length === 1 ? source : getPath(source, parts.slice(0, -1).join('.'));
  return typeof parent === 'object' && parent !== null && !Array.isArray(parent) && Object.hasOwn(parent, parts[parts.length - 1] as string);
}
