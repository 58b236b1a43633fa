// Power switched by a pair of command lines (run without a shell), or by G-code sent to the printer (M80/M81).
import { runArgv, splitCommandLine } from '../../server/http/index.js';
import type { PowerSwitch } from './power-switch.js';
import { PowerSwitchError } from './power-switch.js';

const TIMEOUT_MS = 30_000;

/** Runs a configured command line; rejects unless it exits with 0. */
async function run(what: string, commandLine: string): Promise<number | null> {
  if (commandLine.trim() === '') throw new PowerSwitchError(`No command is set to ${what}.`);
  const result = await runArgv(splitCommandLine(commandLine), { timeoutMs: TIMEOUT_MS });
  if (result.timedOut) throw new PowerSwitchError(`The command to ${what} was ended after ${TIMEOUT_MS / 1000} s.`);
  return result.code;
}

export class CommandSwitch implements PowerSwitch {
  constructor(private readonly commands: { on: string; off: string; sense: string | null }) {}

  async set(on: boolean): Promise<void> {
    const what = on ? 'switch the power on' : 'switch the power off';
    const code = await run(what, on ? this.commands.on : this.commands.off);
    if (code !== 0) throw new PowerSwitchError(`The command to ${what} exited with ${String(code)}.`);
  }

  /** PSU Control's rule: exit code 0 is on, 1 is off, anything else says nothing. */
  async read(): Promise<boolean | null> {
    if (this.commands.sense === null) return null;
    const code = await run('read the power state', this.commands.sense);
    return code === 0 ? true : code === 1 ? false : null;
  }

  dispose(): void {}
}

export class GcodeSwitch implements PowerSwitch {
  constructor(private readonly options: { on: string; off: string; send: (lines: string[]) => Promise<void> }) {}

  async set(on: boolean): Promise<void> {
    const lines = (on ? this.options.on : this.options.off).split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '');
    if (lines.length > 0) await this.options.send(lines);
  }

  async read(): Promise<boolean | null> {
    return null;
  }

  dispose(): void {}
}
