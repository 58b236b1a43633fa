// `argonaut analyse FILE`: prints a G-code file's analysis as JSON, with a progress bar on a terminal.
import type { Command } from 'commander';
import { existsSync, statSync } from 'node:fs';
import { UsageError } from '../options.js';
import { progressBar } from '../progress-bar.js';

export function registerAnalyseCommand(program: Command): void {
  program
    .command('analyse <file>')
    .alias('analyze')
    .description("analyse a G-code file (print time, filament, size) and print OctoPrint's gcodeAnalysis as JSON")
    .action(async (file: string) => {
      if (!existsSync(file) || !statSync(file).isFile()) throw new UsageError(`${file} is not a file.`);
      const { analyseFile } = await (await import('../../app/index.js')).loadFileAnalysis();
      const bar = progressBar(process.stderr, 'Analysing', 'bytes');
      const result = await analyseFile(file, (progress) => bar.update(progress.bytes, progress.total));
      bar.finish();
      process.stdout.write(JSON.stringify(result, null, 2) + '\n');
    });
}
