// Tells whether a file looks like G-code before `argonaut analyse` reads it: text with at least one command line.
import { open } from 'node:fs/promises';

const CHUNK = 64 * 1024;
/** A command line: optional line number, then G, M or T and a number (`G1 X10`, `N12 M104 S200`, `T0`). */
const COMMAND_LINE = /(?:^|\n)[ \t]*(?:N\d+[ \t]*)?[GMT]\d/i;

/** Null when the file looks like G-code, else why it does not (binary data, or no G-code command in it). */
export async function notGcodeReason(file: string): Promise<string | null> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(CHUNK);
    let tail = '';
    let total = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, CHUNK, null);
      if (bytesRead === 0) break;
      const chunk = buffer.subarray(0, bytesRead);
      if (chunk.includes(0)) return 'it holds binary data, not G-code text';
      total += bytesRead;
      const text = tail + chunk.toString('latin1');
      if (COMMAND_LINE.test(text)) return null;
      tail = text.slice(-32);
    }
    return total === 0 ? 'it is empty' : 'it has no G-code command (no line starting with G, M or T and a number)';
  } finally {
    await handle.close();
  }
}
