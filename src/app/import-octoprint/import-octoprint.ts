// The whole import: checks, then config, scripts and printer profiles, groups, users, app keys, and files, in that order.
import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { AppKeysService, GroupStore, UserStore } from '../../auth/index.js';
import { ConfigStore, basedirLayout, ensureBasedir } from '../../config/index.js';
import type { Basedir } from '../../config/index.js';
import { EventBus } from '../../events/index.js';
import { FileManager } from '../../files/index.js';
import { PrinterProfileStore } from '../../printer/index.js';
import { activeAdminNames, noteFirstAdmin } from '../first-admin-note.js';
import { runningServerPid } from '../server-pid.js';
import { importAppKeys } from './import-app-keys.js';
import { planConfig } from './import-config.js';
import { importFiles } from './import-files.js';
import type { FileProgress } from './import-files.js';
import { importGroups } from './import-groups.js';
import { importPrinterProfiles } from './import-printer-profiles.js';
import { ImportReport } from './import-report.js';
import { planScripts } from './import-scripts.js';
import { importUsers } from './import-users.js';
import { octoPrintLayout, readYamlFile, reasonOf } from './octoprint-source.js';
import type { OctoPrintLayout } from './octoprint-source.js';

export interface ImportOptions {
  /** OctoPrint's basedir; only ever read. */
  source: string;
  /** Argonaut's basedir (made if missing, except in a dry run). */
  target: string;
  /** Report what would be imported, and write nothing. */
  dryRun?: boolean;
  /** Told after each uploaded file. */
  onProgress?: (progress: FileProgress) => void;
}

/** The import cannot start at all (a server runs on the target, or the two basedirs overlap). */
export class ImportRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportRefusedError';
  }
}

async function realOrSelf(path: string): Promise<string> {
  return realpath(path).catch(() => path);
}

function inside(inner: string, outer: string): boolean {
  const rel = relative(outer, inner);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

async function checkBasedirs(source: string, target: Basedir): Promise<void> {
  const pid = runningServerPid(target.pidFile);
  if (pid !== null) {
    throw new ImportRefusedError(
      `An Argonaut server (pid ${pid}) is running on ${target.root}. Stop it, then import again (if no server runs there, delete ${target.pidFile}).`,
    );
  }
  if (inside(await realOrSelf(target.root), await realOrSelf(source))) {
    throw new ImportRefusedError(`Argonaut's basedir ${target.root} is OctoPrint's basedir or inside it; choose another with --basedir.`);
  }
}

/** The settings, G-code scripts and printer profiles; config.yaml is written once, atomically. */
async function importSettings(source: OctoPrintLayout, octoprintConfig: unknown, layout: Basedir, report: ImportReport): Promise<void> {
  let config: ConfigStore;
  try {
    config = ConfigStore.open(layout.configFile);
  } catch (error) {
    report.add('config', 'problem', layout.configFile, `Argonaut's config.yaml: ${reasonOf(error)}; no setting or printer profile imported`);
    return;
  }
  const edits = [...planConfig(octoprintConfig, config, report), ...(await planScripts(source.scripts, octoprintConfig, config, report))];
  edits.push(
    ...(await importPrinterProfiles({
      source: source.printerProfiles,
      target: layout.printerProfiles,
      octoprintConfig,
      config,
      openStore: report.dryRun ? null : () => new PrinterProfileStore(layout.printerProfiles, config),
      report,
    })),
  );
  if (report.dryRun || edits.length === 0) return;
  try {
    await config.update(edits);
  } catch (error) {
    report.add('config', 'problem', layout.configFile, `could not be written: ${reasonOf(error)}; the settings above are not imported`);
  }
}

/**
 * Imports an OctoPrint basedir into an Argonaut basedir and reports every item. Bad input is reported and skipped,
 * the rest goes on. Throws ImportRefusedError when it cannot start.
 */
export async function importOctoPrint(options: ImportOptions): Promise<ImportReport> {
  const dryRun = options.dryRun ?? false;
  const sourceRoot = resolve(options.source);
  const target = basedirLayout(options.target);
  const report = new ImportReport(sourceRoot, target.root, dryRun);
  await checkBasedirs(sourceRoot, target);
  try {
    if (!(await stat(sourceRoot)).isDirectory()) throw Object.assign(new Error('it is not a folder'), { code: 'ENOTDIR' });
  } catch (error) {
    report.add('basedir', 'problem', sourceRoot, `OctoPrint's basedir cannot be read: ${reasonOf(error)}; nothing imported`);
    return report;
  }
  const configRead = await readYamlFile(join(sourceRoot, 'config.yaml'));
  if (configRead.state === 'bad') {
    report.add('basedir', 'problem', join(sourceRoot, 'config.yaml'), `${configRead.reason}; no setting imported, and the default folders are used`);
  }
  const octoprintConfig = configRead.state === 'ok' ? configRead.data : {};
  const source = octoPrintLayout(sourceRoot, octoprintConfig);
  const looksRight = await Promise.all([source.configFile, source.usersFile, source.uploads].map((path) => stat(path).then(() => true, () => false)));
  if (!looksRight.includes(true)) {
    report.add('basedir', 'problem', sourceRoot, 'does not look like an OctoPrint basedir (no config.yaml, users.yaml or uploads/); nothing imported');
    return report;
  }
  let layout = target;
  if (!dryRun) {
    try {
      layout = ensureBasedir(target.root);
    } catch (error) {
      throw new ImportRefusedError(`Argonaut's basedir ${target.root} cannot be prepared: ${reasonOf(error)}`);
    }
  }
  await importSettings(source, octoprintConfig, layout, report);
  const adminsBefore = dryRun ? [] : activeAdminNames(layout);
  const groups = await importGroups({ sourceFile: source.groupsFile, targetFile: layout.groupsFile, open: dryRun ? null : () => GroupStore.open(layout.groupsFile), report });
  const users = await importUsers({
    sourceFile: source.usersFile,
    targetFile: layout.usersFile,
    groups,
    open: dryRun ? null : () => UserStore.open(layout.usersFile),
    report,
  });
  if (!dryRun && adminsBefore.length === 0) {
    const adminsAfter = activeAdminNames(layout);
    if (adminsAfter.length > 0) noteFirstAdmin(layout, adminsAfter, 'import', `from ${sourceRoot}`);
  }
  await importAppKeys({
    sourceFile: source.appkeysFile,
    targetFile: layout.appkeysFile,
    users,
    open: dryRun ? null : () => AppKeysService.open({ file: layout.appkeysFile, limits: () => ({ perMinute: 20, enabled: true }) }),
    report,
  });
  await importFiles({
    source: source.uploads,
    target: layout.uploads,
    temp: layout.temp,
    open: dryRun ? null : () => FileManager.open({ uploads: layout.uploads, events: new EventBus(), analysis: false }),
    report,
    onProgress: options.onProgress,
  });
  return report;
}
