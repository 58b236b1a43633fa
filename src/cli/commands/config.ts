// `argonaut config get|set|remove`: read and edit config.yaml, keeping its comments.
import type { Command } from 'commander';
import { ConfigError, ConfigStore, configMarkdownTable, configText, describeConfig, ensureBasedir, isField, schemaAt } from '../../config/index.js';
import { resolveBasedir, UsageError } from '../options.js';

interface TypeFlags {
  bool?: boolean;
  int?: boolean;
  float?: boolean;
  json?: boolean;
}

export function parseConfigValue(text: string, flags: TypeFlags): unknown {
  const chosen = [flags.bool, flags.int, flags.float, flags.json].filter(Boolean).length;
  if (chosen > 1) throw new UsageError('Choose at most one of --bool, --int, --float and --json.');
  if (flags.bool) {
    const lower = text.toLowerCase();
    if (['true', 'yes', 'y', '1', 'on'].includes(lower)) return true;
    if (['false', 'no', 'n', '0', 'off'].includes(lower)) return false;
    throw new UsageError(`"${text}" is not a boolean; use true or false.`);
  }
  if (flags.int) {
    if (!/^[-+]?\d+$/.test(text)) throw new UsageError(`"${text}" is not a whole number.`);
    return Number(text);
  }
  if (flags.float) {
    const value = Number(text);
    if (text.trim() === '' || !Number.isFinite(value)) throw new UsageError(`"${text}" is not a number.`);
    return value;
  }
  if (flags.json) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new UsageError(`"${text}" is not valid JSON.`);
    }
  }
  return text;
}

const FLAG_OF_KIND: Record<string, string> = { boolean: '--bool', integer: '--int', number: '--float', stringList: '--json', integerList: '--json', any: '--json' };

/** For a value given as text to a setting of another type: which flag to add, e.g. "Add --bool: ...". */
export function typeFlagHint(path: string, text: string, flags: TypeFlags): string | null {
  if (flags.bool || flags.int || flags.float || flags.json) return null;
  const spec = schemaAt(path);
  if (spec === null || !isField(spec)) return null;
  const flag = FLAG_OF_KIND[spec.kind];
  if (!flag) return null;
  const parses = (() => {
    try {
      parseConfigValue(text, { [flag.slice(2)]: true });
      return true;
    } catch {
      return false;
    }
  })();
  if (!parses) return `Give it with ${flag} (e.g. argonaut config set ${path} VALUE ${flag}).`;
  const shown = /^[\w.:/+-]+$/.test(text) ? text : `'${text.replace(/'/g, "'\\''")}'`;
  return `Add ${flag} to give it as that type: argonaut config set ${path} ${shown} ${flag}`;
}

function openStore(basedir: string | undefined): ConfigStore {
  return ConfigStore.open(ensureBasedir(resolveBasedir(basedir)).configFile);
}

/** Tells whether a server running on the basedir takes the change now or at its next start. */
async function reportToRunningServer(basedir: string | undefined, store: ConfigStore): Promise<void> {
  const { runningServerPid } = await import('../../app/index.js');
  const pid = runningServerPid(ensureBasedir(resolveBasedir(basedir)).pidFile);
  if (pid === null) return;
  const restart = store.restartPending();
  process.stdout.write(
    restart.length > 0
      ? `The running server (pid ${pid}) reads ${restart.join(', ')} only when it starts: restart it for the change to take effect.\n`
      : `The running server (pid ${pid}) applies the change within a second.\n`,
  );
}

export function registerConfigCommands(program: Command): void {
  const config = program.command('config').description('read and edit config.yaml');
  config
    .command('get [path]')
    .description('print a setting (or all of them) as YAML-compatible JSON')
    .option('--basedir <dir>', 'data folder')
    .action((path: string | undefined, options: { basedir?: string }) => {
      const store = openStore(options.basedir);
      if (path && schemaAt(path) === null && store.getRaw(path) === undefined) throw new UsageError(`There is no setting ${path}.`);
      const value = path ? (store.get(path) ?? store.getRaw(path)) : store.config;
      process.stdout.write(JSON.stringify(value, null, 2) + '\n');
    });
  config
    .command('set <path> <value>')
    .description('change a setting, e.g. config set api.allowCrossOrigin true --bool')
    .option('--basedir <dir>', 'data folder')
    .option('--bool', 'the value is true or false')
    .option('--int', 'the value is a whole number')
    .option('--float', 'the value is a number')
    .option('--json', 'the value is JSON')
    .action(async (path: string, text: string, options: TypeFlags & { basedir?: string }) => {
      const store = openStore(options.basedir);
      try {
        store.updateSync([{ path, value: parseConfigValue(text, options) }]);
      } catch (error) {
        const hint = error instanceof ConfigError ? typeFlagHint(path, text, options) : null;
        if (hint) throw new UsageError(`${(error as Error).message} ${hint}`);
        throw error;
      }
      process.stdout.write(`${path} is now ${JSON.stringify(store.get(path))}\n`);
      await reportToRunningServer(options.basedir, store);
    });
  config
    .command('describe')
    .description('list every setting with its default and what it does, grouped by section')
    .option('--markdown', "a Markdown table instead (the README's)")
    .option('--all', 'also the OctoPrint settings kept only for its clients')
    .action((options: { markdown?: boolean; all?: boolean }) => {
      const width = process.stdout.isTTY ? process.stdout.columns : 80;
      const kept = options.all === true;
      process.stdout.write((options.markdown ? configMarkdownTable({ kept }) : configText(width, describeConfig().filter((key) => kept || !key.kept))) + '\n');
    });
  config
    .command('remove <path>')
    .description('remove a setting from config.yaml, so its default applies again')
    .option('--basedir <dir>', 'data folder')
    .action(async (path: string, options: { basedir?: string }) => {
      const store = openStore(options.basedir);
      if (store.getRaw(path) === undefined) throw new UsageError(`${path} is not set in config.yaml.`);
      store.updateSync([{ path, remove: true }]);
      process.stdout.write(`${path} removed; it is now ${JSON.stringify(store.get(path) ?? null)}\n`);
      await reportToRunningServer(options.basedir, store);
    });
}
