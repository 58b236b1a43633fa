// The work of `argonaut analyse FILE`: the file's analysis as JSON on stdout, with a progress bar on a terminal.
import { existsSync, statSync } from 'node:fs';
import { loadFileAnalysis } from '../app/index.js';
import { notGcodeReason } from './gcode-sniff.js';
import { UsageError } from './options.js';
import { progressBar } from './progress-bar.js';

export async function analyseCommand(file: string): Promise<void> {
  if (!existsSync(file) || !statSync(file).isFile()) throw new UsageError(`${file} is not a file.`);
  const reason = await notGcodeReason(file);
  if (reason !== null) throw new UsageError(`${file} is not a G-code file: ${reason}.`);
  const { analyseFile } = await loadFileAnalysis();
  const bar = progressBar(process.stderr, 'Analysing', 'bytes');
  const result = await analyseFile(file, (progress) => bar.update(progress.bytes, progress.total));
  bar.finish();
  process.stdout.write(JSON.stringify(result, null, 2) + '\n');
}
