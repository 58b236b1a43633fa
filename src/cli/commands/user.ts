// `argonaut user add|list|remove|password|activate|deactivate|apikey`: manage users in users.yaml (or the shared store), like OctoPrint's.
import type { Command } from 'commander';
import type { UserAdmin, UserSummary } from '../../app/index.js';
import { resolveBasedir } from '../options.js';

interface BasedirOption {
  basedir?: string;
}

/** Opens the basedir, runs the action, and always waits for the files to be written. */
async function withUsers<T>(options: BasedirOption, action: (users: UserAdmin) => Promise<T>): Promise<T> {
  // Loaded on use, so each command reads only the code it runs.
  const { UserAdmin } = await import('../../app/index.js');
  const users = await UserAdmin.openConfigured(resolveBasedir(options.basedir));
  try {
    return await action(users);
  } finally {
    await users.close();
  }
}

function describeUser(user: UserSummary): string {
  const key = user.apikeyPrefix ? `API key ${user.apikeyPrefix}…` : 'no API key';
  return `${user.name}  ${user.active ? 'active' : 'inactive'}  groups: ${user.groups.join(', ') || '-'}  ${key}`;
}

function printLine(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** Registers the commands; `print` receives each line of normal output (stdout by default). */
export function registerUserCommands(program: Command, print: (line: string) => void = printLine): void {
  const user = program.command('user').description('manage users (works whether or not the server is running)');
  const basedir = ['--basedir <dir>', 'data folder (default $ARGONAUT_BASEDIR or ~/.argonaut)'] as const;

  user
    .command('add <name>')
    .description('add a user (in the default group, users, unless --admin or --group)')
    .requiredOption('--password <password>', 'the password')
    .option('--admin', 'make the user an administrator (groups admins and users)')
    .option('--group <key...>', 'group keys, e.g. --group users readonly')
    .option(...basedir)
    .action(async (name: string, options: BasedirOption & { password: string; admin?: boolean; group?: string[] }) => {
      const added = await withUsers(options, (users) => users.add(name, options.password, { admin: options.admin, groups: options.group }));
      print(`Added ${describeUser(added)}`);
      if (added.firstAdminNote) print(added.firstAdminNote);
    });

  user
    .command('list')
    .description('list the users, their groups and API key prefixes')
    .option(...basedir)
    .action(async (options: BasedirOption) => {
      const all = await withUsers(options, async (users) => users.list());
      if (all.length === 0) print('No users yet. Add one with: argonaut user add NAME --password PASSWORD --admin');
      for (const entry of all) print(describeUser(entry));
    });

  user
    .command('remove <name>')
    .description('remove a user; their sessions and keys stop working')
    .option(...basedir)
    .action(async (name: string, options: BasedirOption) => {
      await withUsers(options, (users) => users.remove(name));
      print(`Removed user ${name}.`);
    });

  user
    .command('password <name>')
    .description("set a user's password; their sessions and remembered logins end")
    .requiredOption('--password <password>', 'the new password')
    .option(...basedir)
    .action(async (name: string, options: BasedirOption & { password: string }) => {
      await withUsers(options, (users) => users.setPassword(name, options.password));
      print(`Changed the password of ${name}.`);
    });

  for (const [command, active] of [['activate', true], ['deactivate', false]] as const) {
    user
      .command(`${command} <name>`)
      .description(active ? 'let a user log in again' : 'stop a user: logins, sessions, API keys and app keys')
      .option(...basedir)
      .action(async (name: string, options: BasedirOption) => {
        await withUsers(options, (users) => users.setActive(name, active));
        print(`${name} is now ${active ? 'active' : 'deactivated'}.`);
      });
  }

  user
    .command('apikey <name>')
    .description('make a new API key for the user (replacing the old one) and print it alone; --revoke removes it')
    .option('--revoke', 'remove the key instead')
    .option(...basedir)
    .action(async (name: string, options: BasedirOption & { revoke?: boolean }) => {
      if (options.revoke) {
        await withUsers(options, (users) => users.revokeApiKey(name));
        print(`Revoked the API key of ${name}.`);
        return;
      }
      print(await withUsers(options, (users) => users.generateApiKey(name)));
    });
}
