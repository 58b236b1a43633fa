// Public surface of src/printer/driver.
export { PrinterDriver } from './printer-driver.js';
export type { HostRequest, PluginMessage } from './action-commands.js';
export { PROMPT_PLUGIN } from './host-prompt.js';
export type { PromptEnable, PromptSettings, PromptView } from './host-prompt.js';
export { NOTIFICATION_LIMIT, NOTIFICATION_PLUGIN } from './printer-notifications.js';
export type { NotificationSettings, PrinterNotification } from './printer-notifications.js';
export type { PrinterDriverOptions } from './printer-driver.js';
export type { ConnectRequest } from './connection-manager.js';
export type { ConnectionInfo, DriverLogger, DriverSnapshot, FirmwareData } from './driver-core.js';
export { settingsFromConfig } from './driver-settings.js';
export type { DriverSettings } from './driver-settings.js';
export type { PrintEnd } from './print-controller.js';
export type { PrintSource } from './print-source.js';
export { hasActiveJob, isOperationalState, isPrintingState, stateFlags, stateText } from './printer-state.js';
export type { PrinterStateId, StateFlags } from './printer-state.js';
export {
  extrudeCommands,
  feedRateCommand,
  flowRateCommand,
  hasControlCharacters,
  homeCommand,
  jogCommands,
  ratePercent,
  temperatureCommand,
} from './printer-commands.js';
export type { Axis, AxisSpeeds } from './printer-commands.js';
export { SCRIPT_NAMES, isScriptName, scriptCommands } from './gcode-scripts.js';
export type { ScriptName } from './gcode-scripts.js';
export { systemScheduler } from './scheduler.js';
export type { Scheduler } from './scheduler.js';
export { findSdFile } from './sd-card.js';
export type { SdFile } from './sd-card.js';
export { addHistoryPoint } from './temperature-tracker.js';
export type { HeaterState, TemperatureHistoryPoint, TemperatureListener } from './temperature-tracker.js';
export { formatLogLine } from './terminal-log.js';
export type { LogDirection, LogListener } from './terminal-log.js';
export type { DriverControl, LogView, PrintEvents, PrintFileRequest, SdTransferRequest, SdView, TemperatureView } from './driver-control.js';
export { sdFileName } from './sd-file-name.js';
export type { SdTransferView } from './sd-transfer.js';
export { FileLineReader } from './file-line-reader.js';
export { TERMINAL_LINES, TerminalLog } from './terminal-log.js';
export { Emitter } from './emitter.js';
