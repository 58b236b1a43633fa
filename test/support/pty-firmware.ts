// Test helper process: a small Marlin firmware on one end of a pseudo-terminal (reset and start banner, M110, M115, M105, M114, SD), and garbage bytes on demand.
import { openSync, writeSync } from 'node:fs';
import { ReadStream } from 'node:tty';

/**
 * Run as `node --import tsx pty-firmware.ts <device>`. It answers each line as Marlin words it, ignoring the line
 * number and checksum. `M117 GARBAGE <n>` answers ok and then sends n bytes of every value (seeded), newlines included:
 * what a board resetting or a noisy cable puts on the wire. It reports `received <command>` on stdout for each line.
 */
function main(): void {
  const device = process.argv[2];
  if (!device) throw new Error('usage: pty-firmware.ts <device>');
  const fd = openSync(device, 'r+');
  const input = new ReadStream(fd);
  input.setRawMode(true);
  const pause = new Int32Array(new SharedArrayBuffer(4));
  /** Writes it all: the terminal may take part of it, or none for a moment while the other side reads. */
  const send = (text: string | Buffer): void => {
    let bytes = typeof text === 'string' ? Buffer.from(text, 'latin1') : text;
    while (bytes.length > 0) {
      try {
        bytes = bytes.subarray(writeSync(fd, bytes));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
        Atomics.wait(pause, 0, 0, 2);
      }
    }
  };

  let seed = 7;
  const random = (): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed;
  };

  function answer(command: string): void {
    const code = command.split(/\s+/)[0] ?? '';
    if (code === 'M115') {
      send('FIRMWARE_NAME:Marlin 2.1.2.1 (Dec  1 2026 12:00:00) SOURCE_CODE_URL:github.com/MarlinFirmware/Marlin PROTOCOL_VERSION:1.0 MACHINE_TYPE:Pty EXTRUDER_COUNT:1\n');
      send('Cap:EEPROM:1\nCap:AUTOREPORT_TEMP:1\nCap:EMERGENCY_PARSER:1\nok\n');
    } else if (code === 'M105') send('ok T:21.3 /0.0 B:20.1 /0.0 @:0 B@:0\n');
    else if (code === 'M114') send('X:0.00 Y:0.00 Z:0.00 E:0.00 Count X:0 Y:0 Z:0\nok\n');
    else if (code === 'M21') send('echo:SD card ok\nok\n');
    else if (code === 'M20') send('Begin file list\nEnd file list\nok\n');
    else if (code === 'M117' && command.startsWith('M117 GARBAGE')) {
      const size = Number(command.split(' ')[2] ?? 256);
      const bytes = Buffer.alloc(size);
      for (let i = 0; i < size; i++) bytes[i] = random() & 0xff;
      send('ok\n');
      send(bytes);
      // A line break ends whatever half line the garbage left, as the next real answer would.
      send('\n');
    } else send('ok\n');
  }

  /** Like a board that opening the port reset (DTR): the first line arrives while it boots and is lost; then `start`. */
  let booted = false;

  let pending = '';
  input.setEncoding('latin1');
  input.on('data', (chunk: string) => {
    pending += chunk;
    let end = pending.search(/[\r\n]/);
    while (end >= 0) {
      const raw = pending.slice(0, end).trim();
      pending = pending.slice(end + 1);
      end = pending.search(/[\r\n]/);
      if (raw === '') continue;
      // "N12 G28*45" -> "G28"
      const command = raw.replace(/^N\d+\s+/, '').replace(/\*\d+$/, '');
      process.stdout.write(`received ${command}\n`);
      if (!booted) {
        booted = true;
        send('start\necho:Marlin 2.1.2.1\n');
        continue;
      }
      answer(command);
    }
  });
  process.on('SIGTERM', () => process.exit(0));
}

main();
