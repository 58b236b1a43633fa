// Public surface of src/app/power: power control (PSU Control's role) and its switches.
export { PowerControl } from './power-control.js';
export type { PowerClock, PowerControlOptions, PowerPrinter, PowerSettings } from './power-control.js';
export { HttpSwitch, deviceRequest, stateFromAnswer } from './http-switch.js';
export { GpioSwitch, gpiogetArgs, gpiosetArgs, libgpiodMajor } from './gpio-switch.js';
export { CommandSwitch } from './command-switch.js';
export { createPowerControl, powerPrinterOf } from './power-setup.js';
