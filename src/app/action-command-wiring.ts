// The driver's action-command side on the web: plugin push messages to the sockets, `//action:start` and `//action:shutdown`.
import type { ConfigStore } from '../config/index.js';
import type { PrintJobService } from '../jobs/index.js';
import type { DriverClient } from '../printer/index.js';
import { runCommand } from '../server/http/index.js';
import type { PermissionKey } from '../auth/index.js';
import type { Disposable } from '../shared/index.js';

export interface ActionCommandWiring {
  driver: DriverClient;
  /** The print jobs (`//action:start` starts the selected file); without them that action does nothing. */
  jobs?: Pick<PrintJobService, 'selection' | 'start'>;
  config: Pick<ConfigStore, 'config'>;
  push: { sendPluginMessage(plugin: string, data: unknown, options?: { permissions?: readonly PermissionKey[] }): void };
  logger: { info(message: string): void; warn(message: string): void };
  /** Runs the shutdown command line (default: without a shell, as /api/system/commands does). */
  run?: (commandLine: string) => Promise<unknown>;
}

/** Who may see each plugin's messages (besides STATUS), as OctoPrint's permissions of those plugins say. */
const MESSAGE_PERMISSIONS: Record<string, readonly PermissionKey[]> = {
  action_command_prompt: ['PLUGIN_ACTION_COMMAND_PROMPT_INTERACT'],
  action_command_notification: ['PLUGIN_ACTION_COMMAND_NOTIFICATION_SHOW'],
};

export function wireActionCommands(options: ActionCommandWiring): Disposable[] {
  const { driver, logger } = options;
  return [
    driver.onDidSendPluginMessage((message) =>
      options.push.sendPluginMessage(message.plugin, message.data, { permissions: MESSAGE_PERMISSIONS[message.plugin] ?? ['ADMIN'] }),
    ),
    driver.onDidRequest((request) => {
      if (request === 'start') startSelected(options);
      else shutDown(options);
    }),
  ];
  function startSelected(wiring: ActionCommandWiring): void {
    const jobs = wiring.jobs;
    if (!jobs?.selection || driver.state !== 'OPERATIONAL') return;
    logger.info('(Re)starting the selected file on request of the printer');
    jobs.start(null).catch((error: unknown) => logger.warn(`The printer asked to start the print, but it could not start: ${String(error)}`));
  }
}

function shutDown(options: ActionCommandWiring): void {
  const config = options.config.config;
  const command = config.server.commands.systemShutdownCommand;
  if (!config.serial.enableShutdownActionCommand || !command || command.trim() === '') {
    options.logger.warn('The printer asked to shut the host down, but shutting down on its request is not enabled (serial.enableShutdownActionCommand and server.commands.systemShutdownCommand)');
    return;
  }
  options.logger.warn('Shutting the host down on request of the printer');
  (options.run ?? runCommand)(command).catch((error: unknown) => options.logger.warn(`The shutdown command failed: ${String(error)}`));
}
