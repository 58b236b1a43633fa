// The system commands offered under /api/system/commands: core ones when configured, custom ones from system.actions.
import type { Config } from '../../../config/index.js';

export type CommandSource = 'core' | 'custom' | 'plugin';
export const COMMAND_SOURCES: readonly CommandSource[] = ['core', 'custom', 'plugin'];

export interface CommandSpec {
  source: CommandSource;
  action: string;
  name: string;
  confirm?: string | false;
  /** Command line; absent for dividers. */
  command?: string;
  /** Answer at once and run in the background. */
  async: boolean;
  /** A non-zero exit code is not an error. */
  ignore: boolean;
}

/** What clients receive for one command (OctoPrint's fields plus `fresh_credentials`). */
export interface ClientCommandSpec {
  source: CommandSource;
  action: string;
  name?: string;
  confirm?: string | false;
  fresh_credentials: boolean;
  resource: string;
}

const CORE: ReadonlyArray<{ action: string; key: keyof Config['server']['commands']; name: string; confirm: string }> = [
  {
    action: 'shutdown',
    key: 'systemShutdownCommand',
    name: 'Shutdown system',
    confirm: 'This shuts the host down. A running print may be interrupted, depending on how the printer is connected.',
  },
  {
    action: 'reboot',
    key: 'systemRestartCommand',
    name: 'Reboot system',
    confirm: 'This reboots the host. A running print may be interrupted, depending on how the printer is connected.',
  },
  {
    action: 'restart',
    key: 'serverRestartCommand',
    name: 'Restart Argonaut',
    confirm: 'This restarts the Argonaut server. A running print may be interrupted.',
  },
];

/** Core commands: shutdown, reboot, restart — each only when its command is configured in server.commands. */
export function coreCommands(config: Config): CommandSpec[] {
  const specs: CommandSpec[] = [];
  for (const core of CORE) {
    const command = config.server.commands[core.key];
    if (!command || command.trim() === '') continue;
    specs.push({ source: 'core', action: core.action, name: core.name, confirm: core.confirm, command, async: true, ignore: false });
  }
  return specs;
}

/** Custom commands from system.actions, dividers included (as OctoPrint lists them). */
export function customCommands(config: Config): CommandSpec[] {
  return config.system.actions.map((action) => ({
    source: 'custom' as const,
    action: action.action,
    name: action.name ?? action.action,
    ...(action.confirm !== undefined ? { confirm: action.confirm } : {}),
    ...(action.command !== undefined ? { command: action.command } : {}),
    async: action.async ?? false,
    ignore: action.ignore ?? false,
  }));
}

/** The commands of one source; plugins offer none here. */
export function commandsOf(config: Config, source: CommandSource): CommandSpec[] {
  if (source === 'core') return coreCommands(config);
  if (source === 'custom') return customCommands(config);
  return [];
}

export function findCommand(config: Config, source: CommandSource, action: string): CommandSpec | undefined {
  return commandsOf(config, source).find((spec) => spec.action === action && action !== 'divider');
}

export function toClientSpec(spec: CommandSpec, baseUrl: string): ClientCommandSpec {
  const client: ClientCommandSpec = {
    source: spec.source,
    action: spec.action,
    fresh_credentials: true,
    resource: `${baseUrl}/api/system/commands/${encodeURIComponent(spec.source)}/${encodeURIComponent(spec.action)}`,
  };
  if (spec.action !== 'divider') client.name = spec.name;
  if (spec.confirm !== undefined) client.confirm = spec.confirm;
  return client;
}
