// The settings the driver reads from config.yaml each time it needs them (so that edits apply without a restart).
import { keptValue } from '../../config/index.js';
import type { ConfigStore } from '../../config/index.js';
import { DEFAULT_CHECKSUM_POLICY } from '../protocol/index.js';
import type { ChecksumPolicyOptions } from '../protocol/index.js';
import type { ScriptName } from './gcode-scripts.js';
import type { PromptEnable, PromptSettings } from './host-prompt.js';
import type { NotificationSettings } from './printer-notifications.js';
import type { LinkTimings } from './link-monitor.js';
import { RESIDENCY_SECONDS } from './temperature-tracker.js';

export interface DriverSettings {
  timings: LinkTimings;
  /** Seconds to wait for the first answer when connecting. */
  connectionTimeout: number;
  detectionTimeout: number;
  checksumPolicy: ChecksumPolicyOptions;
  advancedOk: boolean;
  resendWindow: number;
  sdSupport: boolean;
  temperatureCutoffMinutes: number;
  /** Host prompts and printer notifications (OctoPrint's action_command_prompt and action_command_notification plugins). */
  actions: { prompt: PromptSettings; notification: NotificationSettings };
  /** The text of a GCODE script; undefined for a name config.yaml does not know. */
  script(name: ScriptName | string): string | undefined;
}

export function settingsFromConfig(store: Pick<ConfigStore, 'config'>): DriverSettings {
  const config = store.config;
  const serial = config.serial;
  return {
    timings: {
      communication: serial.timeout.communication,
      communicationBusy: serial.timeout.communicationBusy,
      temperature: serial.timeout.temperature,
      temperatureAutoreport: serial.timeout.temperatureAutoreport,
      heatupResidency: RESIDENCY_SECONDS,
      maxTimeoutsIdle: serial.maxCommunicationTimeouts.idle,
      maxTimeoutsPrinting: serial.maxCommunicationTimeouts.printing,
    },
    connectionTimeout: serial.timeout.connection,
    detectionTimeout: serial.timeout.detection,
    checksumPolicy: {
      ...DEFAULT_CHECKSUM_POLICY,
      alwaysSendChecksum: serial.alwaysSendChecksum,
      neverSendChecksum: keptValue(config, 'serial.neverSendChecksum') === true,
      sendChecksumWithUnknownCommands: keptValue(config, 'serial.sendChecksumWithUnknownCommands') === true,
      checksumRequiringCommands: serial.checksumRequiringCommands,
    },
    advancedOk: serial.advancedOk,
    resendWindow: serial.resendWindow,
    sdSupport: config.feature.sdSupport,
    temperatureCutoffMinutes: config.temperature.cutoff,
    actions: actionSettings(config),
    script: (name) => (Object.prototype.hasOwnProperty.call(config.scripts.gcode, name) ? (config.scripts.gcode as Record<string, string>)[name] : undefined),
  };
}

function actionSettings(config: ConfigStore['config']): DriverSettings['actions'] {
  const prompt = config.plugins.action_command_prompt;
  const notification = config.plugins.action_command_notification;
  return {
    prompt: {
      enable: prompt.enable as PromptEnable,
      command: prompt.command,
      emergencySending: prompt.enable_emergency_sending,
      signalSupport: prompt.enable_signal_support,
    },
    notification: { enable: notification.enable, filter: notification.filter },
  };
}
