// VirtualPrinter: a simulated Marlin printer behind the Transport interface (port VIRTUAL), with fault injection and a record of lines.
import type { Disposable } from '../../shared/index.js';
import { commandCode, numericParameter, parseFramedLine, stripComment } from '../protocol/index.js';
import type { Transport } from '../transport/index.js';
import { CommandExecutor } from './command-executor.js';
import type { Completion } from './command-executor.js';
import { LineChecker } from './line-checker.js';
import { BoundedLog } from './bounded-log.js';
import type { InjectedFault, ReceivedLine } from './bounded-log.js';
import { FaultInjector } from './fault-injector.js';
import { promptAnswer } from './host-prompts.js';
import { PrinterLink } from './printer-link.js';
import { ScaledClock, Scheduler } from './scheduler.js';
import { resolveVirtualPrinterOptions } from './virtual-options.js';
import type { VirtualPrinterOptions } from './virtual-options.js';

export const VIRTUAL_PORT = 'VIRTUAL';

/** Lines handled per event-loop turn before yielding, so that a fast host cannot starve other work. */
const LINES_PER_TURN = 64;

export class VirtualPrinter implements Transport {
  readonly port = VIRTUAL_PORT;
  readonly baudrate: number;
  readonly options: VirtualPrinterOptions;
  private readonly clock: ScaledClock;
  private readonly scheduler: Scheduler;
  private readonly faults: FaultInjector;
  private readonly checker = new LineChecker();
  private readonly executor: CommandExecutor;
  private readonly log: BoundedLog<ReceivedLine>;
  private readonly link: PrinterLink;
  private readonly inbox: string[] = [];
  private inboxHead = 0;
  private state: 'new' | 'open' | 'closed' = 'new';
  private halted = false;
  private blocked = false;
  private pumpScheduled = false;
  private pumping = false;
  /** Line number of the command being run (for the fault log). */
  private current: number | null = null;
  private readonly pumpTask = () => this.pump();

  constructor(options: Partial<VirtualPrinterOptions> = {}) {
    this.options = resolveVirtualPrinterOptions(options);
    this.baudrate = this.options.baudrate;
    this.clock = new ScaledClock(this.options.timeScale);
    this.scheduler = new Scheduler(this.options.timeScale);
    this.faults = new FaultInjector(this.options);
    this.log = new BoundedLog<ReceivedLine>(this.options.recordLimit);
    this.link = new PrinterLink(this.baudrate, this.options.emulateBaudrate);
    this.executor = new CommandExecutor(this.options, this.clock, this.scheduler, {
      emit: (line) => this.emit(line),
      kill: () => this.kill(),
      active: () => this.isActive(),
      sdPrintStarted: () => this.schedulePump(),
    });
  }

  /** Every accepted line in order (bounded by `recordLimit`): proof that each line arrived once. */
  get received(): readonly ReceivedLine[] {
    return this.log.list();
  }

  /** Every fault injected, in order (bounded by `recordLimit`): the same seed and lines give the same list. */
  get injectedFaults(): readonly InjectedFault[] {
    return this.faults.injected;
  }

  /** How many lines were accepted in all (also those no longer kept). */
  get receivedCount(): number {
    return this.log.count;
  }

  /** The simulated firmware state (heaters, motion, SD card), for tests and demos. */
  get firmware(): CommandExecutor {
    return this.executor;
  }

  /** True after M112 until closed. */
  get isHalted(): boolean {
    return this.halted;
  }

  /** Timers, intervals and immediates still pending (0 after close). */
  get pendingTimers(): number {
    return this.scheduler.pending;
  }

  open(): Promise<void> {
    if (this.state !== 'new') return Promise.reject(new Error('The virtual printer was already opened once; create a new one'));
    this.state = 'open';
    this.scheduler.immediate(() => {
      this.emit('start');
      this.emit(`echo:${this.options.firmwareName} 2.1.2`);
      if (this.executor.card?.mounted) this.emit('echo:SD card ok');
    });
    return Promise.resolve();
  }

  write(line: string): void {
    if (this.state !== 'open' || this.halted) return;
    this.link.receive(line, (received) => this.receive(received));
  }

  close(): Promise<void> {
    this.shutDown(undefined);
    return this.link.ended();
  }

  onLine(listener: (line: string) => void): Disposable {
    return this.link.onLine(listener);
  }

  onClose(listener: (error?: Error) => void): Disposable {
    return this.link.onClose(listener);
  }

  private isActive(): boolean {
    return this.state === 'open' && !this.halted;
  }

  private receive(line: string): void {
    if (!this.isActive()) return;
    if (this.options.emergencyParser && /M1(?:12|08)|M410|M876/i.test(line)) {
      const command = parseFramedLine(line).command;
      const code = commandCode(command);
      if (code === 'M112') return this.kill();
      if (code === 'M108') this.executor.requestBreak();
      if (code === 'M410') this.executor.quickStop();
      if (code === 'M876') this.executor.answerPrompt(promptAnswer(command));
    }
    this.inbox.push(line);
    // An emulated wire hands lines over from its own callback, never from inside write(): run them now, not a turn later.
    if (this.options.emulateBaudrate && !this.pumpScheduled && !this.pumping) this.pump();
    else this.schedulePump();
  }

  private schedulePump(): void {
    if (this.pumpScheduled || !this.isActive()) return;
    this.pumpScheduled = true;
    this.scheduler.immediate(this.pumpTask);
  }

  private pump(): void {
    this.pumpScheduled = false;
    this.pumping = true;
    try {
      this.pumpLines();
    } finally {
      this.pumping = false;
    }
  }

  private pumpLines(): void {
    for (let budget = LINES_PER_TURN; budget > 0 && this.isActive() && !this.blocked; budget--) {
      if (this.inboxHead < this.inbox.length) {
        const raw = this.inbox[this.inboxHead++] ?? '';
        if (this.inboxHead === this.inbox.length) {
          this.inbox.length = 0;
          this.inboxHead = 0;
        }
        this.handleLine(raw);
      } else if (this.executor.card?.isPrinting) {
        this.handleSdLine();
      } else {
        return;
      }
    }
    if (this.isActive() && !this.blocked && (this.inboxHead < this.inbox.length || this.executor.card?.isPrinting)) this.schedulePump();
  }

  private handleLine(raw: string): void {
    const check = this.checker.check(raw);
    if (!check.ok) {
      for (const line of check.lines) this.emit(line);
      return;
    }
    const line = check.line;
    if (line.lineNumber !== null && this.faults.hit('checksum', line.lineNumber)) {
      for (const answer of this.checker.corrupted()) this.emit(answer);
      return;
    }
    this.checker.accept(line);
    const command = stripComment(line.command);
    const code = commandCode(command);
    if (code === 'M110') {
      const n = numericParameter(command, 'N');
      if (n !== undefined && Number.isInteger(n) && n >= 0) this.checker.lastLine = n;
    }
    this.log.add({ lineNumber: line.lineNumber, command: line.command });
    this.current = line.lineNumber;
    const limit = this.options.disconnectAfterLines;
    if ((limit > 0 && this.log.count >= limit) || this.faults.hit('disconnect', line.lineNumber)) {
      this.shutDown(new Error(`The virtual printer disconnected after ${this.log.count} lines (injected fault)`));
      return;
    }
    const card = this.executor.card;
    if (card?.isWriting && code !== 'M29') {
      card.append(line.command);
      this.complete('ok', line.lineNumber);
      return;
    }
    if (command === '') {
      this.complete('ok', line.lineNumber);
      return;
    }
    const runout = this.options.filamentRunoutAfterLines;
    if (runout > 0 && this.log.count === runout) {
      // The filament runs out before this line runs: it waits until the host answered the prompt.
      this.blocked = true;
      void this.executor.filamentRunout().then(() => {
        this.blocked = false;
        if (this.isActive()) this.run(command);
        this.schedulePump();
      });
      return;
    }
    if (this.faults.hit('busy', line.lineNumber)) {
      this.emit('echo:busy: processing');
      this.blocked = true;
      const resume = () => {
        this.blocked = false;
        if (this.isActive()) this.run(command);
        this.schedulePump();
      };
      if (this.options.instant) this.scheduler.immediate(resume);
      else this.scheduler.after(this.options.busyInterval, resume);
      return;
    }
    this.run(command);
  }

  private run(command: string, fromCard = false): void {
    const lineNumber = this.current;
    const result = this.executor.execute(command);
    if (typeof result === 'string') {
      if (!fromCard) this.complete(result, lineNumber);
      return;
    }
    this.blocked = true;
    void result.then((completion) => {
      this.blocked = false;
      if (!this.isActive()) return;
      if (!fromCard) this.complete(completion, lineNumber);
      this.schedulePump();
    });
  }


  private handleSdLine(): void {
    const card = this.executor.card;
    if (!card) return;
    const raw = card.nextLine();
    if (raw === null) {
      this.emit('Done printing file');
      return;
    }
    const command = stripComment(raw);
    if (command !== '') this.run(command, true);
  }

  /** Sends a command's completion, after the faults that concern it. */
  private complete(completion: Completion, lineNumber: number | null): void {
    if (!this.isActive()) return;
    if (this.faults.hit('error', lineNumber)) this.emit(`Error:${this.options.errorMessage}`);
    if (this.faults.hit('drop-ok', lineNumber)) {
      const data = completion.slice(2).trim();
      if (data !== '') this.emit(` ${data}`);
      return;
    }
    if (this.options.advancedOk && completion === 'ok') {
      const planner = this.options.instant ? this.options.plannerBufferSize : this.executor.planner.room(this.clock.now());
      const waiting = this.inbox.length - this.inboxHead;
      const buffer = Math.max(0, this.options.commandBufferSize - 1 - waiting);
      this.emit(`ok N${this.checker.lastLine} P${planner} B${buffer}`);
      return;
    }
    this.emit(completion);
  }

  private kill(): void {
    if (!this.isActive()) return;
    this.executor.heaters.allOff();
    this.executor.stop();
    this.emit('Error:Printer halted. kill() called!');
    this.halted = true;
    this.inbox.length = 0;
    this.inboxHead = 0;
  }

  private emit(line: string): void {
    if (this.state === 'open') this.link.send(line);
  }

  private shutDown(error: Error | undefined): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.scheduler.stop();
    this.executor.stop();
    this.inbox.length = 0;
    this.inboxHead = 0;
    this.link.disconnect(error);
  }
}
