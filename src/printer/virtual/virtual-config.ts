// Reads virtual printer options from a config section (config.yaml `plugins.virtual_printer`), ours and OctoPrint's names.
import { DEFAULT_VIRTUAL_PRINTER_OPTIONS } from './virtual-options.js';
import type { VirtualPrinterOptions } from './virtual-options.js';

export interface VirtualPrinterConfig {
  /** Options found (validate with resolveVirtualPrinterOptions, which the VirtualPrinter constructor does). */
  readonly options: Partial<VirtualPrinterOptions>;
  /** Keys neither we nor the mapping know, to report to the user. */
  readonly unknown: readonly string[];
  /** Keys whose value has the wrong type. */
  readonly problems: readonly string[];
}

type Writable = { -readonly [K in keyof VirtualPrinterOptions]?: VirtualPrinterOptions[K] };

/** OctoPrint's virtual printer keys we honour, with how their values convert. */
const OCTOPRINT_KEYS: Readonly<Record<string, { key: keyof VirtualPrinterOptions; convert?: (value: number) => number }>> = {
  numExtruders: { key: 'extruders' },
  hasBed: { key: 'heatedBed' },
  hasChamber: { key: 'heatedChamber' },
  commandBuffer: { key: 'commandBufferSize' },
  /** Seconds in config (as in OctoPrint), milliseconds in the options. */
  busyInterval: { key: 'busyInterval', convert: (seconds) => seconds * 1000 },
  /** OctoPrint gives a percentage of lines answered with a resend request. */
  resend_ratio: { key: 'checksumErrorRate', convert: (percent) => percent / 100 },
};

/** Keys of OctoPrint's virtual printer that only shape its quirks; accepted silently. */
const IGNORED = new Set(['enabled', 'okAfterResend', 'forceChecksum', 'pinnedExtruders', 'includeCurrentToolInTemps', 'includeFilenameInOpened',
  'repetierStyleTargetTemperature', 'okBeforeCommandOutput', 'smoothieTemperatureReporting', 'klipperTemperatureReporting', 'reprapfwM114',
  'sdFiles', 'throttle', 'sendWait', 'waitInterval', 'rxBuffer', 'supportM112', 'echoOnM117', 'brokenM29', 'brokenResend', 'supportF', 'sharedNozzle',
  'sendBusy', 'simulateReset', 'resetLines', 'preparedOks', 'okFormatString', 'm115FormatString', 'm115ReportCapabilities', 'capabilities',
  'm114FormatString', 'm105TargetFormatString', 'm105NoTargetFormatString', 'errors', 'enable_eeprom', 'support_M503', 'locked', 'passcode',
  'm115ReportArea', 'simulated_errors']);

const NOT_CONFIGURABLE = new Set<string>(['sdFiles', 'sdCardInstance']);

/** Picks the options out of a config section; values of the wrong type are reported, not used. */
export function virtualPrinterOptionsFromConfig(section: Readonly<Record<string, unknown>>): VirtualPrinterConfig {
  const options: Writable = {};
  const unknown: string[] = [];
  const problems: string[] = [];
  const set = (key: keyof VirtualPrinterOptions, value: unknown, source: string, convert?: (value: number) => number) => {
    const expected = typeof DEFAULT_VIRTUAL_PRINTER_OPTIONS[key];
    if (typeof value !== expected) {
      problems.push(`${source} must be a ${expected}`);
      return;
    }
    (options as Record<string, unknown>)[key] = convert && typeof value === 'number' ? convert(value) : value;
  };
  for (const [name, value] of Object.entries(section)) {
    if (value === undefined || value === null) continue;
    const mapped = OCTOPRINT_KEYS[name];
    if (name in DEFAULT_VIRTUAL_PRINTER_OPTIONS && !NOT_CONFIGURABLE.has(name) && !(mapped && mapped.key !== name)) {
      set(name as keyof VirtualPrinterOptions, value, name, mapped?.convert);
    } else if (mapped) {
      set(mapped.key, value, name, mapped.convert);
    } else if (!IGNORED.has(name)) {
      unknown.push(name);
    }
  }
  return { options, unknown, problems };
}
