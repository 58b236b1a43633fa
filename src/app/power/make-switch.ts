// Builds the power switch that plugins.psucontrol describes: its switching method, and its sensing method when they match.
import type { Config } from '../../config/index.js';
import { CommandSwitch, GcodeSwitch } from './command-switch.js';
import { GpioSwitch } from './gpio-switch.js';
import { HttpSwitch } from './http-switch.js';
import type { HttpDevice } from './http-switch.js';
import type { PowerSwitch } from './power-switch.js';

type Settings = Config['plugins']['psucontrol'];

/** The settings a switch is built from: a change of any of them builds a new one. */
export function switchKey(settings: Settings): string {
  const { switchingMethod, sensingMethod, onGCodeCommand, offGCodeCommand, onSysCommand, offSysCommand, senseSystemCommand } = settings;
  const { httpDevice, httpAddress, httpRelay, GPIODevice, onoffGPIOPin, invertonoffGPIOPin, senseGPIOPin, invertsenseGPIOPin } = settings;
  return JSON.stringify([switchingMethod, sensingMethod, onGCodeCommand, offGCodeCommand, onSysCommand, offSysCommand, senseSystemCommand, httpDevice, httpAddress, httpRelay, GPIODevice, onoffGPIOPin, invertonoffGPIOPin, senseGPIOPin, invertsenseGPIOPin]);
}

/** Switching by one method and sensing by another: each part from its own device. */
class CombinedSwitch implements PowerSwitch {
  constructor(
    private readonly switching: PowerSwitch,
    private readonly sensing: PowerSwitch | null,
  ) {}

  set(on: boolean): Promise<void> {
    return this.switching.set(on);
  }

  async read(): Promise<boolean | null> {
    return this.sensing ? this.sensing.read() : null;
  }

  dispose(): void {
    this.switching.dispose();
    if (this.sensing !== this.switching) this.sensing?.dispose();
  }
}

export function makePowerSwitch(settings: Settings, send: (lines: string[]) => Promise<void>): PowerSwitch {
  const http = (): HttpSwitch => new HttpSwitch({ device: settings.httpDevice as HttpDevice, address: settings.httpAddress, relay: settings.httpRelay });
  const gpio = (): GpioSwitch =>
    new GpioSwitch({
      chip: settings.GPIODevice,
      line: settings.onoffGPIOPin,
      activeLow: settings.invertonoffGPIOPin,
      senseLine: settings.sensingMethod === 'GPIO' ? settings.senseGPIOPin : null,
      senseActiveLow: settings.invertsenseGPIOPin,
    });
  const command = (): CommandSwitch =>
    new CommandSwitch({ on: settings.onSysCommand, off: settings.offSysCommand, sense: settings.sensingMethod === 'SYSTEM' ? settings.senseSystemCommand : null });
  const switching: PowerSwitch =
    settings.switchingMethod === 'HTTP'
      ? http()
      : settings.switchingMethod === 'GPIO'
        ? gpio()
        : settings.switchingMethod === 'SYSTEM'
          ? command()
          : new GcodeSwitch({ on: settings.onGCodeCommand, off: settings.offGCodeCommand, send });
  const sameDevice = settings.sensingMethod === settings.switchingMethod;
  let sensing: PowerSwitch | null = null;
  if (settings.sensingMethod === 'INTERNAL') sensing = null;
  else if (sameDevice) sensing = switching;
  else if (settings.sensingMethod === 'HTTP') sensing = http();
  else if (settings.sensingMethod === 'GPIO') sensing = gpio();
  else if (settings.sensingMethod === 'SYSTEM') sensing = command();
  return new CombinedSwitch(switching, sensing);
}
