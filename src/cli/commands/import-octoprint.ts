// `argonaut import-octoprint [OCTOPRINT_BASEDIR]`: brings users, keys, groups, files and settings over from OctoPrint.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { FileProgress } from '../../app/index.js';
import { UsageError, resolveBasedir } from '../options.js';

/** Exit code when the import skipped something because of bad input or a failed write. */
export const EXIT_SKIPPED = 2;

/** Where the command writes: report lines, and (on a terminal) a progress bar redrawn in place. */
export interface ImportOutput {
  line(text: string): void;
  /** Raw text without a newline, for the progress bar. */
  write(text: string): void;
  /** Whether the output is a terminal (then the progress bar is drawn; otherwise plain lines are printed). */
  isTTY: boolean;
  columns: number;
}

const processOutput: ImportOutput = {
  line: (text) => process.stdout.write(`${text}\n`),
  write: (text) => process.stdout.write(text),
  get isTTY() {
    return process.stdout.isTTY === true;
  },
  get columns() {
    return process.stdout.columns ?? 80;
  },
};

/** The bar's width on a wide terminal; narrower ones get a shorter bar (at least 10). */
const BAR_WIDTH = 24;
const REDRAW_MS = 100;

/** A progress bar on a terminal (redrawn at most every 100 ms), one plain line per file otherwise. */
export function progressPrinter(output: ImportOutput, now: () => number = Date.now): { update(progress: FileProgress): void; finish(): void } {
  let drawn = false;
  let last = Number.NEGATIVE_INFINITY;
  return {
    update(progress) {
      if (!output.isTTY) {
        if (progress.path !== '') output.line(`files ${progress.done}/${progress.total}  ${progress.path}`);
        return;
      }
      const time = now();
      if (progress.done < progress.total && time - last < REDRAW_MS) return;
      last = time;
      const width = Math.max(10, Math.min(BAR_WIDTH, output.columns - 30));
      const filled = progress.total === 0 ? width : Math.round((progress.done / progress.total) * width);
      const head = `Files [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${progress.done}/${progress.total} `;
      const room = Math.max(0, output.columns - head.length - 1);
      const name = progress.path.length <= room ? progress.path : room < 2 ? '' : `…${progress.path.slice(progress.path.length - room + 1)}`;
      output.write(`\r\u001b[2K${head}${name}`);
      drawn = true;
    },
    finish() {
      if (drawn) output.write('\r\u001b[2K');
      drawn = false;
    },
  };
}

export function registerImportCommand(program: Command, output: ImportOutput = processOutput): void {
  program
    .command('import-octoprint [octoprintBasedir]')
    .description("bring users, app keys, groups, uploaded files and settings over from OctoPrint's basedir (default ~/.octoprint), which is only read")
    .option('--basedir <dir>', 'Argonaut data folder to import into (default $ARGONAUT_BASEDIR or ~/.argonaut)')
    .option('--dry-run', 'print what would be imported, and write nothing')
    .action(async (octoprintBasedir: string | undefined, options: { basedir?: string; dryRun?: boolean }) => {
      // Loaded here, not at start: `argonaut serve` never needs the importer.
      const { ImportRefusedError, importOctoPrint } = await (await import('../../app/index.js')).loadOctoPrintImport();
      const progress = progressPrinter(output);
      let report;
      try {
        report = await importOctoPrint({
          source: octoprintBasedir ?? join(homedir(), '.octoprint'),
          target: resolveBasedir(options.basedir),
          dryRun: options.dryRun === true,
          onProgress: (p) => progress.update(p),
        });
      } catch (error) {
        if (error instanceof ImportRefusedError) throw new UsageError(error.message);
        throw error;
      } finally {
        progress.finish();
      }
      for (const line of report.lines()) output.line(line);
      // With a shared store configured, what was imported into the basedir goes on into it.
      const target = resolveBasedir(options.basedir);
      const { ConfigStore, basedirLayout } = await import('../../config/index.js');
      const configFile = basedirLayout(target).configFile;
      const storeUrl = options.dryRun || !existsSync(configFile) ? null : ConfigStore.open(configFile).config.accessControl.store;
      if (storeUrl) {
        output.line('accessControl.store is set: copying the imported users, groups and keys into the shared store.');
        const { migrateStore } = await import('../../app/index.js');
        await migrateStore({ basedir: target, to: storeUrl, line: output.line });
      }
      if (report.problems > 0) {
        throw new UsageError(`${report.problems} item${report.problems === 1 ? ' was' : 's were'} skipped because of the problems listed above.`, EXIT_SKIPPED);
      }
    });
}
