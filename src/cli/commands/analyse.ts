// `argonaut analyse FILE`: prints a G-code file's analysis as JSON, with a progress bar on a terminal.
import type { Command } from 'commander';
import { analyseCommand } from '../analyse-run.js';

export function registerAnalyseCommand(program: Command): void {
  program
    .command('analyse <file>')
    .alias('analyze')
    .description("analyse a G-code file (print time, filament, size) and print OctoPrint's gcodeAnalysis as JSON")
    .action(analyseCommand);
}
