// OctoPrint's virtual printer settings (plugins.virtual_printer.*) beside Argonaut's own ones (misc.ts), with OctoPrint's defaults.
import { at } from './compat-fields.js';

/** Honoured only when config.yaml sets it (the default shown is OctoPrint's). */
const honoured = (value: unknown, what: string) => at(undefined, value, { doc: `${what} of the virtual printer, when set (OctoPrint's key).` });

/**
 * Kept for clients; Argonaut's virtual printer is set up by `instant`, the fault rates and `seed` (misc.ts), and by
 * those of OctoPrint's keys that config.yaml sets and it understands (the `honoured` ones).
 */
export const VIRTUAL_PRINTER_KEPT: Readonly<Record<string, unknown>> = {
  okAfterResend: false,
  forceChecksum: false,
  numExtruders: honoured(1, 'Number of extruders'),
  pinnedExtruders: null,
  includeCurrentToolInTemps: true,
  includeFilenameInOpened: true,
  hasBed: honoured(true, 'Whether there is a heated bed'),
  hasChamber: honoured(false, 'Whether there is a heated chamber'),
  repetierStyleTargetTemperature: false,
  okBeforeCommandOutput: false,
  smoothieTemperatureReporting: false,
  klipperTemperatureReporting: false,
  reprapfwM114: false,
  sdFiles: { size: true, longname: false, longname_quoted: true, upper_case: false },
  throttle: 0.01,
  sendWait: true,
  waitInterval: 1.0,
  rxBuffer: 64,
  commandBuffer: honoured(4, 'Size of the command buffer'),
  supportM112: true,
  echoOnM117: true,
  brokenM29: true,
  brokenResend: false,
  supportF: false,
  firmwareName: honoured('Virtual Marlin 1.0', 'Firmware name (M115)'),
  sharedNozzle: false,
  sendBusy: false,
  busyInterval: honoured(2.0, 'Seconds between busy messages'),
  simulateReset: true,
  resetLines: ['start', 'Marlin: Virtual Marlin!', '\x80', 'SD card ok'],
  preparedOks: [],
  okFormatString: 'ok',
  m115FormatString: 'FIRMWARE_NAME:{firmware_name} PROTOCOL_VERSION:1.0',
  m115ReportCapabilities: true,
  capabilities: {
    AUTOREPORT_TEMP: true,
    AUTOREPORT_SD_STATUS: true,
    AUTOREPORT_POS: false,
    EMERGENCY_PARSER: true,
    EXTENDED_M20: false,
    LFN_WRITE: false,
  },
  m115ReportArea: false,
  m114FormatString: 'X:{x} Y:{y} Z:{z} E:{e[current]} Count: A:{a} B:{b} C:{c}',
  m105TargetFormatString: '{heater}:{actual:.2f}/ {target:.2f}',
  m105NoTargetFormatString: '{heater}:{actual:.2f}',
  ambientTemperature: honoured(21.3, 'Room temperature'),
  errors: {
    checksum_mismatch: 'Checksum mismatch',
    checksum_missing: 'Missing checksum',
    lineno_mismatch: 'expected line {} got {}',
    lineno_missing: 'No Line Number with checksum, Last Line: {}',
    maxtemp: 'MAXTEMP triggered!',
    mintemp: 'MINTEMP triggered!',
    command_unknown: 'Unknown command {}',
  },
  enable_eeprom: true,
  support_M503: true,
  resend_ratio: honoured(0, 'Percentage of lines answered with a resend request'),
  locked: false,
  passcode: '1234',
  simulated_errors: ['100:resend', '105:resend_with_timeout', '110:missing_lineno', '115:checksum_mismatch'],
};
