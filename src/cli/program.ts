// The argonaut command line: every command, modelled on OctoPrint's.
import { Command, CommanderError } from 'commander';
import { ARGONAUT_VERSION, ConfigError } from '../config/index.js';
import { registerAnalyseCommand } from './commands/analyse.js';
import { registerConfigCommands } from './commands/config.js';
import { registerImportCommand } from './commands/import-octoprint.js';
import { registerServeCommand } from './commands/serve.js';
import { registerStoreCommands } from './commands/store.js';
import { registerUserCommands } from './commands/user.js';
import { UsageError } from './options.js';

export function buildProgram(): Command {
  const program = new Command('argonaut')
    .description('Argonaut, an OctoPrint-compatible 3D printer host')
    .version(ARGONAUT_VERSION, '-V, --version', 'print the version and exit')
    .exitOverride()
    .showHelpAfterError(false);
  registerServeCommand(program);
  registerConfigCommands(program);
  registerAnalyseCommand(program);
  registerUserCommands(program);
  registerImportCommand(program);
  registerStoreCommands(program);
  return program;
}

/** Runs the CLI; returns the exit code for user mistakes instead of printing a stack trace. */
export async function runCli(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof UsageError || error instanceof ConfigError) {
      process.stderr.write(`argonaut: ${error.message}\n`);
      return error instanceof UsageError ? error.exitCode : 1;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`argonaut: ${message}\n`);
    return 1;
  }
}
