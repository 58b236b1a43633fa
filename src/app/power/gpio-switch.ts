// A GPIO line through the Linux GPIO character device, with libgpiod's gpioset (held while the state is wanted) and gpioget.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { runArgv } from '../../server/http/index.js';
import type { PowerSwitch } from './power-switch.js';
import { PowerSwitchError } from './power-switch.js';

export interface GpioSwitchOptions {
  /** /dev/gpiochipN, gpiochipN or N. */
  chip: string;
  line: number;
  activeLow: boolean;
  /** The line read for the state (null: none, power control remembers). */
  senseLine: number | null;
  senseActiveLow: boolean;
  /** Where gpioset and gpioget are (default: found on PATH). */
  tools?: { gpioset: string; gpioget: string };
}

/** libgpiod's major version from `gpioset --version` ("gpioset (libgpiod) v1.6.3" or "gpioset v2.1 …"). */
export function libgpiodMajor(versionText: string): 1 | 2 | null {
  const match = /\bv(\d+)\./.exec(versionText);
  if (!match) return null;
  return match[1] === '1' ? 1 : Number(match[1]) >= 2 ? 2 : null;
}

/** gpioset's argv that sets the line and keeps holding it until ended (the value is not guaranteed once it exits). */
export function gpiosetArgs(major: 1 | 2, chip: string, line: number, value: 0 | 1): string[] {
  return major === 1 ? ['--mode=signal', chip, `${line}=${value}`] : ['-c', chip, `${line}=${value}`];
}

export function gpiogetArgs(major: 1 | 2, chip: string, line: number): string[] {
  return major === 1 ? [chip, String(line)] : ['--numeric', '-c', chip, String(line)];
}

export class GpioSwitch implements PowerSwitch {
  private holder: ChildProcess | null = null;
  private major: Promise<1 | 2> | null = null;

  constructor(private readonly options: GpioSwitchOptions) {}

  private get tools(): { gpioset: string; gpioget: string } {
    return this.options.tools ?? { gpioset: 'gpioset', gpioget: 'gpioget' };
  }

  private version(): Promise<1 | 2> {
    this.major ??= runArgv([this.tools.gpioset, '--version'], { timeoutMs: 5000 })
      .then((result) => {
        const major = libgpiodMajor(`${result.stdout}\n${result.stderr}`);
        if (major === null) throw new PowerSwitchError('gpioset did not tell its libgpiod version.');
        return major;
      })
      .catch((error: unknown) => {
        this.major = null;
        throw error instanceof PowerSwitchError ? error : new PowerSwitchError('gpioset (libgpiod) is not installed.', { cause: error });
      });
    return this.major;
  }

  private release(): void {
    this.holder?.kill('SIGTERM');
    this.holder = null;
  }

  async set(on: boolean): Promise<void> {
    if (this.options.chip.trim() === '') throw new PowerSwitchError('No GPIO chip is set (plugins.psucontrol.GPIODevice).');
    const major = await this.version();
    this.release();
    const value = on !== this.options.activeLow ? 1 : 0;
    const child = spawn(this.tools.gpioset, gpiosetArgs(major, this.options.chip, this.options.line, value), { shell: false, stdio: ['ignore', 'ignore', 'pipe'] });
    this.holder = child;
    // gpioset fails at once when the line cannot be had; once it holds the line it keeps running.
    await new Promise<void>((resolve, reject) => {
      let stderr = '';
      child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString().slice(0, 1000)));
      const settled = setTimeout(resolve, 300);
      child.once('error', (error) => {
        clearTimeout(settled);
        reject(new PowerSwitchError(`gpioset could not be started: ${error.message}`, { cause: error }));
      });
      child.once('exit', (code) => {
        if (this.holder === child) this.holder = null;
        clearTimeout(settled);
        reject(new PowerSwitchError(`gpioset exited with ${String(code)}: ${stderr.trim()}`));
      });
    });
  }

  async read(): Promise<boolean | null> {
    if (this.options.senseLine === null) return null;
    const major = await this.version();
    const result = await runArgv([this.tools.gpioget, ...gpiogetArgs(major, this.options.chip, this.options.senseLine)], { timeoutMs: 5000 });
    const text = result.stdout.trim();
    if (result.code !== 0 || !/^[01]$/.test(text)) throw new PowerSwitchError(`gpioget failed: ${result.stderr.trim() || text}`);
    return (text === '1') !== this.options.senseActiveLow;
  }

  dispose(): void {
    this.release();
  }
}
