// Connection lifecycle: open (or detect), hello handshake, operational, disconnect, and failure to "Offline after error".
import type { Disposable } from '../../shared/index.js';
import { ResponseClassifier } from '../protocol/index.js';
import type { Transport, TransportFactory } from '../transport/index.js';
import { isAutoPort, openTransport } from './connection-opener.js';
import type { DriverCore } from './driver-core.js';
import type { DriverSettings } from './driver-settings.js';
import { FirmwareResponses } from './firmware-responses.js';

export interface ConnectRequest {
  port?: string | null;
  baudrate?: number | null;
  profileId?: string | null;
}

export class ConnectionManager {
  private readonly classifier = new ResponseClassifier();
  private readonly responses: FirmwareResponses;
  private subscriptions: Disposable[] = [];
  private handshakeTimers: Disposable[] = [];
  private generation = 0;

  constructor(
    private readonly core: DriverCore,
    private readonly transports: TransportFactory,
  ) {
    this.responses = new FirmwareResponses(core, { fail: (message) => this.fail(message), disconnect: () => void this.disconnect() });
  }

  /** Connects (disconnecting first if needed). Resolves true once operational, false when the attempt failed. */
  async connect(request: ConnectRequest): Promise<boolean> {
    const core = this.core;
    if (core.transport || !['OFFLINE', 'CLOSED_WITH_ERROR'].includes(core.stateId)) await this.disconnect();
    const generation = ++this.generation;
    const settings = core.settings();
    core.errorText = null;
    core.connection = { port: request.port ?? null, baudrate: request.baudrate ?? null, profileId: request.profileId ?? null };
    core.setState('OPEN_SERIAL');
    core.events.emit('Connecting', {});
    let transport: Transport;
    try {
      transport = await openTransport(
        this.transports,
        { port: isAutoPort(request.port) ? null : (request.port as string), baudrate: request.baudrate ?? 0, detectionTimeout: settings.detectionTimeout },
        core.scheduler,
        () => core.setState('DETECT_SERIAL'),
      );
    } catch (error) {
      if (generation === this.generation) this.fail(error instanceof Error ? error.message : String(error));
      return false;
    }
    if (generation !== this.generation) {
      await transport.close();
      return false;
    }
    this.attach(transport);
    // The rate asked for, as OctoPrint reports it; the transport's own when it was to be detected (0 or none).
    core.connection = { ...core.connection, port: transport.port, baudrate: request.baudrate ? request.baudrate : transport.baudrate };
    core.setState('CONNECTING');
    return new Promise<boolean>((resolve) => {
      const subscription = core.onDidChangeState((state) => {
        if (state === 'CONNECTING' || state === 'OPEN_SERIAL' || state === 'DETECT_SERIAL') return;
        subscription.dispose();
        resolve(state === 'OPERATIONAL');
      });
      this.startHandshake(settings);
    });
  }

  /** Closes the connection; a running print fails. */
  async disconnect(): Promise<void> {
    const core = this.core;
    this.generation++;
    this.clearHandshake();
    if (!core.transport) {
      if (core.stateId !== 'OFFLINE') core.setState('OFFLINE');
      return;
    }
    core.events.emit('Disconnecting', {});
    if (core.transfer.active) {
      // Close the card's file (M29) and delete the partial copy (M30) before the port goes.
      core.transfer.fail('The printer was disconnected');
      await this.drained(2000);
    }
    if (core.isOperational && !core.print.active && (core.settings().script('beforePrinterDisconnected') ?? '').trim() !== '') {
      core.runScript('beforePrinterDisconnected');
      core.channel.pump();
      await this.drained(2000);
    }
    core.print.abort('error');
    await this.detach();
    core.errorText = null;
    core.setState('OFFLINE');
    core.events.emit('Disconnected', {});
  }

  /**
   * The host goes away without a disconnect (the web server died): writes `commands` (heaters and fan off) unless the
   * printer prints from its own SD card, waits for their oks (at most `timeoutMs`), then closes the port. A board on
   * native USB does not reset when its port closes, so without this its heaters would stay on.
   */
  async release(commands: readonly string[], timeoutMs: number): Promise<void> {
    const core = this.core;
    const transport = core.transport;
    this.generation++;
    this.clearHandshake();
    core.monitor.stop();
    if (!transport) return;
    for (const subscription of this.subscriptions) subscription.dispose();
    this.subscriptions = [];
    if (!core.print.fromSd && commands.length > 0) {
      await new Promise<void>((resolve) => {
        let oks = 0;
        const timer = core.scheduler.setTimeout(() => done(), timeoutMs);
        const listening = transport.onLine((line) => {
          if (/^ok\b/i.test(line.trim()) && ++oks >= commands.length) done();
        });
        const done = (): void => {
          timer.dispose();
          listening.dispose();
          resolve();
        };
        for (const command of commands) {
          core.log.append('send', command);
          transport.write(command);
        }
      });
    }
    await this.detach();
  }

  /** A fatal problem: "Error", then the link closes and the state becomes "Offline after error". */
  fail(message: string): void {
    const core = this.core;
    if (!core.transport && core.stateId === 'CLOSED_WITH_ERROR') return;
    this.generation++;
    core.logger?.warn(`Printer error: ${message}`);
    core.log.append('info', message);
    core.errorText = message;
    core.transfer.abort(message);
    core.print.abort('error');
    core.setState('ERROR');
    core.events.emit('Error', { error: message });
    void this.detach().then(() => {
      if (core.transport) return;
      core.setState('CLOSED_WITH_ERROR');
      core.events.emit('Disconnected', {});
    });
  }

  /** Resolves once everything queued was acknowledged, or after `timeoutMs`. */
  private drained(timeoutMs: number): Promise<void> {
    const core = this.core;
    const deadline = core.scheduler.now() + timeoutMs;
    return new Promise((resolve) => {
      const check = () => {
        if (core.channel.idle || !core.transport || core.scheduler.now() >= deadline) resolve();
        else core.scheduler.setTimeout(check, 10);
      };
      check();
    });
  }

  /** The connection generation; a timer started for one connection checks it before acting. */
  get currentGeneration(): number {
    return this.generation;
  }

  private attach(transport: Transport): void {
    const core = this.core;
    core.transport = transport;
    core.channel.reset();
    core.effects.reset();
    core.sd.reset();
    core.firmware = null;
    core.capabilities.clear();
    this.classifier.reset();
    this.responses.reset();
    this.subscriptions = [
      transport.onLine((line) => this.handleLine(line)),
      transport.onClose((error) => {
        if (core.transport === transport) this.fail(error ? error.message : 'The printer closed the connection');
      }),
    ];
  }

  private async detach(): Promise<void> {
    const core = this.core;
    const transport = core.transport;
    core.monitor.stop();
    this.clearHandshake();
    for (const subscription of this.subscriptions) subscription.dispose();
    this.subscriptions = [];
    core.transport = null;
    core.channel.reset();
    core.temperatures.resetReadings();
    core.sd.reset();
    if (transport) await transport.close().catch(() => undefined);
  }

  private startHandshake(settings: DriverSettings): void {
    const core = this.core;
    const hello = () => {
      core.channel.reset();
      core.channel.enqueue('M110 N0');
      core.channel.pump();
    };
    this.handshakeTimers = [
      core.scheduler.setInterval(hello, Math.max(500, Math.min(2000, (settings.connectionTimeout * 1000) / 4))),
      core.scheduler.setTimeout(
        () => this.fail(`The printer did not answer within ${settings.connectionTimeout} seconds; check the port, the baud rate and that the printer is switched on`),
        settings.connectionTimeout * 1000,
      ),
    ];
    hello();
  }

  private clearHandshake(): void {
    for (const timer of this.handshakeTimers) timer.dispose();
    this.handshakeTimers = [];
  }

  private connected(): void {
    const core = this.core;
    this.clearHandshake();
    core.channel.flow.reset();
    core.setState('OPERATIONAL');
    core.events.emit('Connected', { port: core.connection.port ?? '', baudrate: core.connection.baudrate ?? 0 });
    core.channel.enqueue('M115');
    // Temperatures from the start, as OctoPrint polls at once: clients that ask right after connecting see the heaters.
    core.queueOnce('M105');
    if (core.settings().sdSupport) core.channel.enqueue('M21');
    core.runScript('afterPrinterConnected');
    core.monitor.start();
    core.channel.pump();
  }

  /** Every line from the firmware; a plain ok takes the shortest path. */
  private handleLine(line: string): void {
    const core = this.core;
    core.log.append('recv', line);
    core.monitor.lineReceived();
    const response = this.classifier.classify(line);
    if (response.type !== 'ok') {
      this.responses.handle(response);
      return;
    }
    this.responses.ok(response.temperatures);
    if (core.stateId === 'CONNECTING') this.connected();
    else core.channel.acknowledged(response.bufferRoom);
  }
}
