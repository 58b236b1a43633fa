// Keeps the running server in step with the basedir files people edit (config.yaml, users.yaml, groups.yaml, app keys, printer profiles): reads them again, applies what can change at run time, and says what needs a restart.
import type { Logger } from 'pino';
import type { AccessControl, AppKeysService } from '../auth/index.js';
import { needsRestart } from '../config/index.js';
import type { Basedir, ConfigChange, ConfigReread, ConfigStore } from '../config/index.js';
import type { EventBus } from '../events/index.js';
import type { Disposable } from '../shared/index.js';
import { watchBasedirFiles } from './basedir-watch.js';

export interface SettingsSyncOptions {
  basedir: Pick<Basedir, 'configFile' | 'usersFile' | 'groupsFile' | 'appkeysFile' | 'printerProfiles'>;
  config: ConfigStore;
  access: Pick<AccessControl, 'refresh'>;
  appKeys: Pick<AppKeysService, 'refresh'>;
  /** The printer profile store. */
  profiles: { refresh(): void };
  events: EventBus;
  logger: Logger;
  /** Follow logging.level at run time (only for the server's own logger). */
  applyLogLevel: boolean;
  /** Milliseconds a file must be quiet before it is read again; default 100. */
  settleMs?: number;
}

function list(paths: readonly string[]): string {
  return paths.join(', ');
}

/** What a change of settings read only at start means for the user, in words. */
function restartMessage(paths: readonly string[], source: ConfigChange['source']): string {
  const where = source === 'disk' ? ' in config.yaml' : '';
  const one = paths.length === 1;
  return `${list(paths)} changed${where}: the server reads ${one ? 'this setting' : 'these settings'} only when it starts, so ${one ? 'the change takes' : 'the changes take'} effect when Argonaut is restarted.`;
}

function logReread(logger: Logger, result: ConfigReread, wasBroken: boolean, warned: Set<string>): void {
  switch (result.kind) {
    case 'invalid':
      logger.warn(`${result.problem} Argonaut keeps running with the settings it had, leaves the file as it is, refuses to save settings until it is fixed, and reads it again as soon as it is saved.`);
      return;
    case 'missing':
      logger.warn('config.yaml was removed: Argonaut keeps the settings it had and writes the file again at the next change of settings.');
      return;
    case 'reloaded': {
      if (wasBroken) logger.info('config.yaml can be read again; its settings are in effect.');
      // Each warning (an unknown key, say) once, not at every edit of the file.
      for (const warning of result.warnings) {
        if (warned.has(warning)) continue;
        warned.add(warning);
        logger.warn(warning);
      }
      const live = result.paths.filter((path) => !needsRestart(path));
      if (live.length > 0) logger.info(`config.yaml changed on disk; in effect now: ${list(live)}.`);
    }
  }
}

/** Starts watching; dispose to stop (the server does at shutdown). */
export function syncSettingsFromDisk(options: SettingsSyncOptions): Disposable {
  const { config, logger } = options;
  let broken = config.problem !== null;
  const warned = new Set(config.warnings);
  const rereads = config.onDidReread((result) => {
    logReread(logger, result, broken, warned);
    broken = result.kind === 'invalid';
    // Clients read the settings again (and the web UI shows the notice that comes with them).
    options.events.emit('SettingsUpdated', {});
  });
  const changes = config.onDidChange((current, change) => {
    const restart = change.paths.filter(needsRestart);
    if (restart.length > 0) logger.warn(restartMessage(restart, change.source));
    if (options.applyLogLevel && change.paths.includes('logging.level')) logger.level = current.logging.level;
    if (change.paths.includes('accessControl.enabled') && !current.accessControl.enabled) {
      logger.warn('ACCESS CONTROL IS NOW OFF (accessControl.enabled: false): every request, from anyone who can reach this server, has full admin rights.');
    }
  });
  const watching = watchBasedirFiles(
    [
      { file: options.basedir.configFile, onChange: () => config.refresh() },
      { file: options.basedir.usersFile, onChange: () => options.access.refresh() },
      { file: options.basedir.groupsFile, onChange: () => options.access.refresh() },
      { file: options.basedir.appkeysFile, onChange: () => options.appKeys.refresh() },
      { file: options.basedir.printerProfiles, anyFile: true, onChange: () => options.profiles.refresh() },
    ],
    {
      settleMs: options.settleMs,
      onError: (folder, error) => logger.warn({ err: error }, `cannot watch ${folder} for changes; its files are checked every few seconds instead (watching is tried again then)`),
      onHandlerError: (file, error) => logger.warn({ err: error }, `could not read ${file} again; the server keeps what it read before`),
    },
  );
  return {
    dispose() {
      watching.dispose();
      changes.dispose();
      rereads.dispose();
    },
  };
}
