// `argonaut store migrate --to postgresql://…`: moves a basedir's users, groups and keys into a shared access-control store.
import type { Command } from 'commander';
import { UsageError, resolveBasedir } from '../options.js';

export function registerStoreCommands(program: Command, line: (text: string) => void = (text) => process.stdout.write(`${text}\n`)): void {
  const store = program.command('store').description('the access-control store (users, groups, keys) shared by several hosts');
  store
    .command('migrate')
    .description("copy the basedir's users, groups, API keys, app keys and remember-me tokens into a PostgreSQL store (entries already there stay)")
    .requiredOption('--to <url>', 'the database, postgresql://user:password@host:port/database (or the password in PGPASSWORD)')
    .option('--basedir <dir>', 'Argonaut data folder to copy from (default $ARGONAUT_BASEDIR or ~/.argonaut)')
    .action(async (options: { to: string; basedir?: string }) => {
      if (!/^postgres(ql)?:\/\//.test(options.to)) throw new UsageError('--to must be a postgresql:// URL.');
      const { migrateStore } = await import('../../app/index.js');
      await migrateStore({ basedir: resolveBasedir(options.basedir), to: options.to, line });
      line('Done. To use it, set accessControl.store to this URL in config.yaml on every host (argonaut config set accessControl.store ...), then restart.');
    });
}
