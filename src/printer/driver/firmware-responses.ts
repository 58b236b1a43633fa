// What the driver does with each kind of firmware answer other than a plain ok: resends, errors, busy, reports, actions.
import type { FirmwareError, FirmwareResponse, TemperatureReport } from '../protocol/index.js';
import type { DriverCore } from './driver-core.js';
import type { LinkTimings } from './link-monitor.js';

export interface FirmwareResponseHooks {
  /** A fatal error: the connection is given up. */
  fail(message: string): void;
  /** `//action:disconnect`. */
  disconnect(): void;
}

/** How long a heater inside its window still counts as heating up: the residency plus one communication timeout. */
function heatupHoldMs(timings: LinkTimings): number {
  return (timings.heatupResidency + timings.communication) * 1000;
}

export class FirmwareResponses {
  private pendingError: FirmwareError | null = null;

  constructor(
    private readonly core: DriverCore,
    private readonly hooks: FirmwareResponseHooks,
  ) {}

  /** An ok arrived (the fast path lives in the connection; this handles its side data). */
  ok(temperatures: TemperatureReport | null): void {
    this.pendingError = null;
    this.core.monitor.acknowledged();
    if (temperatures) this.temperatureReport(temperatures);
  }

  handle(response: FirmwareResponse): void {
    const core = this.core;
    switch (response.type) {
      case 'resend':
        if (core.channel.resendRequested(response.lineNumber) === 'unavailable') {
          this.hooks.fail(`Printer requested line ${response.lineNumber} but no sufficient history is available, can't resend`);
        }
        break;
      case 'error':
        this.firmwareError(response.error);
        break;
      case 'busy':
        core.monitor.busy();
        core.channel.flow.stillWorking();
        break;
      case 'start':
        this.restarted();
        break;
      case 'temperature':
        this.temperatureReport(response.temperatures);
        // A report says the link is alive, not that the line in flight is done: only while a blocking heat-up is
        // still on its way (the residency inside the window included, plus a communication timeout) does it count as
        // the firmware working on that line.
        if (core.monitor.awaitingHeatup && core.temperatures.heatingUnderWay(heatupHoldMs(core.settings().timings))) {
          core.channel.flow.stillWorking();
        }
        else core.channel.flow.activity();
        break;
      case 'position':
        core.position = response.position;
        core.events.emit('PositionUpdate', { x: response.position.x, y: response.position.y, z: response.position.z, e: response.position.e ?? response.position.extruders[0] ?? null, t: null, f: null });
        break;
      case 'firmware':
        core.firmware = { name: response.info.name, data: { ...response.info.fields } };
        core.events.emit('FirmwareData', core.firmware);
        break;
      case 'capability':
        this.capability(response.capability.name, response.capability.enabled);
        break;
      case 'sd':
        core.sd.handle(response.reply);
        if (response.reply.kind === 'writing-file') core.transfer.opened();
        else if (response.reply.kind === 'open-failed') core.transfer.openFailed(response.reply.name);
        break;
      case 'action':
        core.actions.handle(response.action, response.parameters, () => this.hooks.disconnect());
        break;
      default:
        break;
    }
  }

  reset(): void {
    this.pendingError = null;
  }

  private temperatureReport(report: TemperatureReport): void {
    this.core.temperatures.update(report);
    this.core.monitor.temperatureReported();
  }

  private restarted(): void {
    const core = this.core;
    if (core.stateId === 'CONNECTING') return;
    core.log.append('info', 'The printer restarted (it sent "start"); line numbers start again');
    if (core.print.active || core.transfer.active) core.failPrint('The printer restarted during the print');
    core.channel.reset();
    core.channel.enqueue('M110 N0');
    core.channel.pump();
  }

  private capability(name: string, enabled: boolean): void {
    this.core.capabilities.set(name, enabled);
    this.core.actions.capability(name, enabled);
    const interval = this.core.settings().timings.temperatureAutoreport;
    if (name === 'AUTOREPORT_TEMP' && enabled && interval > 0 && !this.core.monitor.autoreporting) {
      this.core.monitor.enableAutoreport();
      this.core.channel.enqueue(`M155 S${interval}`);
      this.core.channel.pump();
    }
  }

  private firmwareError(error: FirmwareError): void {
    if (error.continues) {
      this.pendingError = error;
      return;
    }
    switch (error.kind) {
      case 'communication':
      case 'recoverable':
      case 'unknown-command':
        return;
      case 'sd':
        this.core.log.append('info', `SD card error: ${error.message}`);
        return;
      default: {
        const first = this.pendingError;
        this.pendingError = null;
        this.hooks.fail(first ? `${first.message} ${error.message}` : error.message);
      }
    }
  }

}
