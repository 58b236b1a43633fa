// A small entry for `argonaut analyse FILE` alone (dist/argonaut-analyse.cjs, picked by bin/argonaut.js): no server code.
import { analyseCommand } from './analyse-run.js';
import { UsageError } from './options.js';

/** Runs `analyse FILE`; gives the exit code (1 with one line for a user mistake), as the full CLI's runCli does. */
export async function runCli(argv: string[]): Promise<number> {
  try {
    await analyseCommand(argv[1] ?? '');
    return 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`argonaut: ${message}\n`);
    return error instanceof UsageError ? error.exitCode : 1;
  }
}
