// The fastest possible host for the virtual printer, in this process: sends the next framed line as soon as an `ok`
// arrives. Measures what the virtual printer's baud rate emulation itself allows, to tell it apart from the server's cost.
import { frameLine } from '../../src/printer/protocol/index.js';
import { VirtualPrinter } from '../../src/printer/virtual/index.js';

/** Lines per second of a bare one-line-in-flight loop over the emulated wire; lines are numbered from 1. */
export async function bareHostRate(baudrate: number, commands: readonly string[], timeoutMs = 600_000): Promise<number> {
  const printer = new VirtualPrinter({ instant: true, emulateBaudrate: true, baudrate, sdCard: false, recordLimit: 1 });
  await printer.open();
  try {
    return await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the bare host loop did not finish within ${timeoutMs} ms`)), timeoutMs);
      let next = -1; // -1: the M110 N0 hello is in flight
      let started = 0;
      printer.onLine((line) => {
        if (!line.startsWith('ok')) return;
        if (next === -1) started = performance.now();
        next += 1;
        if (next < commands.length) {
          printer.write(frameLine(commands[next] ?? '', next + 1));
          return;
        }
        clearTimeout(timer);
        resolve(commands.length / ((performance.now() - started) / 1000));
      });
      printer.write(frameLine('M110 N0', 0));
    });
  } finally {
    await printer.close();
  }
}
