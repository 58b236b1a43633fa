// Which OctoPrint config.yaml keys become which Argonaut keys, which are left out on purpose (and why), and the walk.
import { KEPT_SETTINGS, configSchema } from '../../config/index.js';
import { isRecord } from './octoprint-source.js';

export type Converted = { value: unknown } | { error: string };

export interface Mapping {
  /** Argonaut's key. */
  to: string;
  /** Turns OctoPrint's value into Argonaut's (the result is still checked against Argonaut's schema). */
  convert?: (value: unknown) => Converted;
  /** Never printed. */
  secret?: boolean;
}

const same = (to: string): Mapping => ({ to });

/** OctoPrint writes null for "detect"; Argonaut's 0 means the same. */
function nullToZero(value: unknown): Converted {
  return { value: value === null ? 0 : value };
}

function wholeSeconds(value: unknown): Converted {
  return { value: typeof value === 'number' ? Math.round(value) : value };
}

function text(value: unknown): Converted {
  return { value: typeof value === 'number' ? String(value) : value };
}

/** OctoPrint writes '' for a system command that is not set; Argonaut's null means the same. */
function emptyToUnset(value: unknown): Converted {
  return { value: value === '' ? null : value };
}

/** OctoPrint's additionalBaudrates add to the rates offered; Argonaut lists every offered rate. */
function offeredBaudrates(value: unknown): Converted {
  if (!Array.isArray(value) || !value.every((v) => Number.isInteger(v))) return { error: 'must be a list of whole numbers' };
  const rates = new Set<number>([...configSchema.serial.baudrates.default, ...(value as number[])]);
  return { value: [...rates].sort((a, b) => b - a) };
}

export const MAPPINGS: Readonly<Record<string, Mapping>> = {
  // OctoPrint's settings Argonaut keeps for its clients sit at OctoPrint's own keys (plugins stay out, see below);
  // the entries after them win where a key is mapped to another of Argonaut's.
  ...Object.fromEntries(KEPT_SETTINGS.filter((setting) => !setting.config.startsWith('plugins.')).map((setting) => [setting.config, same(setting.config)])),
  'serial.port': same('serial.port'),
  'serial.baudrate': { to: 'serial.baudrate', convert: nullToZero },
  'serial.autoconnect': same('serial.autoconnect'),
  'serial.log': same('serial.log'),
  'serial.additionalPorts': same('serial.additionalPorts'),
  'serial.additionalBaudrates': { to: 'serial.baudrates', convert: offeredBaudrates },
  'serial.timeout.connection': same('serial.timeout.connection'),
  'serial.timeout.communication': same('serial.timeout.communication'),
  'serial.timeout.communicationBusy': same('serial.timeout.communicationBusy'),
  'serial.timeout.temperature': same('serial.timeout.temperature'),
  'serial.timeout.temperatureAutoreport': { to: 'serial.timeout.temperatureAutoreport', convert: wholeSeconds },
  'serial.timeout.positionLogWait': same('serial.timeout.positionLogWait'),
  'serial.maxCommunicationTimeouts.idle': same('serial.maxCommunicationTimeouts.idle'),
  'serial.maxCommunicationTimeouts.printing': same('serial.maxCommunicationTimeouts.printing'),
  'serial.checksumRequiringCommands': same('serial.checksumRequiringCommands'),
  'serial.alwaysSendChecksum': same('serial.alwaysSendChecksum'),
  'serial.enableShutdownActionCommand': same('serial.enableShutdownActionCommand'),
  'api.allowCrossOrigin': same('api.allowCrossOrigin'),
  'feature.sdSupport': same('feature.sdSupport'),
  'feature.temperatureGraph': same('feature.temperatureGraph'),
  'appearance.name': same('appearance.name'),
  'appearance.color': same('appearance.color'),
  'appearance.colorTransparent': same('appearance.colorTransparent'),
  'appearance.colorIcon': same('appearance.colorIcon'),
  'appearance.closeModalsWithClick': same('appearance.closeModalsWithClick'),
  'appearance.defaultLanguage': same('appearance.defaultLanguage'),
  'appearance.fuzzyTimes': same('appearance.fuzzyTimes'),
  'appearance.showFahrenheitAlso': same('appearance.showFahrenheitAlso'),
  'appearance.showInternalFilename': same('appearance.showInternalFilename'),
  'temperature.profiles': same('temperature.profiles'),
  'temperature.cutoff': same('temperature.cutoff'),
  'temperature.sendAutomatically': same('temperature.sendAutomatically'),
  'temperature.sendAutomaticallyAfter': same('temperature.sendAutomaticallyAfter'),
  'server.reverseProxy.prefixHeader': same('server.reverseProxy.prefixHeader'),
  'server.reverseProxy.schemeHeader': same('server.reverseProxy.schemeHeader'),
  'server.reverseProxy.hostHeader': same('server.reverseProxy.hostHeader'),
  'server.reverseProxy.portHeader': same('server.reverseProxy.portHeader'),
  'server.reverseProxy.prefixFallback': same('server.reverseProxy.prefixFallback'),
  'server.reverseProxy.schemeFallback': same('server.reverseProxy.schemeFallback'),
  'server.reverseProxy.hostFallback': same('server.reverseProxy.hostFallback'),
  'server.reverseProxy.portFallback': { to: 'server.reverseProxy.portFallback', convert: text },
  'server.reverseProxy.trustedDownstream': same('server.reverseProxy.trustedProxies'),
  'server.reverseProxy.trustLocalhostProxies': same('server.reverseProxy.trustLocalhostProxies'),
  'server.commands.systemShutdownCommand': { to: 'server.commands.systemShutdownCommand', convert: emptyToUnset },
  'server.commands.systemRestartCommand': { to: 'server.commands.systemRestartCommand', convert: emptyToUnset },
  'server.commands.serverRestartCommand': { to: 'server.commands.serverRestartCommand', convert: emptyToUnset },
  'accessControl.salt': { to: 'accessControl.salt', secret: true },
  controls: same('controls'),
  terminalFilters: same('terminalFilters'),
  'system.actions': same('system.actions'),
};

/** Keys (or whole sections) left out on purpose, with the reason shown in the report. */
export const NOT_IMPORTED: Readonly<Record<string, string>> = {
  'api.key': 'Argonaut has no global API key (D1); give each user or app its own key, e.g. argonaut user apikey NAME',
  'accessControl.userfile': 'read to find the users; Argonaut keeps users.yaml in its basedir',
  'accessControl.groupfile': 'read to find the groups; Argonaut keeps groups.yaml in its basedir',
  'accessControl.autologinLocal': 'a security setting: review it and set it in Argonaut by hand',
  'accessControl.autologinAs': 'a security setting: review it and set it in Argonaut by hand',
  'accessControl.localNetworks': 'a security setting: review it and set it in Argonaut by hand',
  'accessControl.trustBasicAuthentication': 'a security setting: review it and set it in Argonaut by hand',
  'accessControl.checkBasicAuthenticationPassword': 'a security setting: review it and set it in Argonaut by hand',
  'accessControl.trustRemoteUser': 'a security setting: review it and set it in Argonaut by hand',
  'accessControl.remoteUserHeader': 'a security setting: review it and set it in Argonaut by hand',
  'accessControl.addRemoteUsers': 'a security setting: review it and set it in Argonaut by hand',
  'accessControl.trustRemoteGroups': 'a security setting: review it and set it in Argonaut by hand',
  'accessControl.remoteGroupsHeader': 'a security setting: review it and set it in Argonaut by hand',
  folder: 'read to find the files; Argonaut keeps its own folder layout',
  plugins: 'OctoPrint plugins do not run in Argonaut',
  'server.host': 'Argonaut keeps its own address, so both servers can run side by side',
  'server.port': 'Argonaut keeps its own address, so both servers can run side by side',
  'server.secretKey': 'Argonaut makes its own secret; OctoPrint sessions do not carry over',
  'server.firstRun': 'Argonaut closes its first-run setup by itself once an administrator exists',
  'server.seenWizards': "OctoPrint's setup wizards do not exist in Argonaut",
  'server.reverseProxy.serverHeader': 'Argonaut takes the host name from hostHeader only',
  'server.reverseProxy.serverFallback': 'Argonaut takes the host name from hostFallback only',
  _config_version: "OctoPrint's own file version",
};

/** Keys another step imports (G-code scripts, the default printer profile): the config walk leaves them alone. */
const ELSEWHERE = ['scripts', 'printerProfiles.default'];

export const NO_COUNTERPART = 'no matching Argonaut setting';

export type ConfigItem = { key: string; value: unknown; mapping: Mapping } | { key: string; reason: string };

function known(path: string): boolean {
  const prefix = `${path}.`;
  return [...Object.keys(MAPPINGS), ...Object.keys(NOT_IMPORTED), ...ELSEWHERE].some((key) => key === path || key.startsWith(prefix));
}

function walk(value: unknown, path: string, out: ConfigItem[]): void {
  const mapping = MAPPINGS[path];
  if (mapping) {
    out.push({ key: path, value, mapping });
    return;
  }
  if (ELSEWHERE.includes(path)) return;
  const reason = NOT_IMPORTED[path];
  if (reason !== undefined) {
    const children = isRecord(value) ? Object.keys(value) : [];
    out.push({ key: path, reason: path === 'plugins' && children.length > 0 ? `${reason} (settings of ${children.join(', ')})` : reason });
    return;
  }
  if (isRecord(value) && known(path)) {
    for (const [key, child] of Object.entries(value)) walk(child, `${path}.${key}`, out);
    return;
  }
  if (isRecord(value) && Object.keys(value).length === 0) return;
  out.push({ key: path, reason: NO_COUNTERPART });
}

/** Every key of OctoPrint's config.yaml: mapped to an Argonaut key, or the reason it is not imported. */
export function classifyConfig(config: unknown): ConfigItem[] {
  const out: ConfigItem[] = [];
  if (!isRecord(config)) return out;
  for (const [key, value] of Object.entries(config)) walk(value, key, out);
  return out;
}
