// Tests of the hang-up aware binding: data passes, a zero-byte read becomes a disconnect, other methods reach the port.
import assert from 'node:assert/strict';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { hangupAwareBinding } from './hangup-aware-binding.js';

describe('hangupAwareBinding', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hangup-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** A stand-in for serialport's Linux port over a file: reading past its end is what a hung-up tty does. */
  function fileBinding(text: string) {
    const path = join(dir, `port-${Math.random()}`);
    writeFileSync(path, text);
    const fd = openSync(path, 'r');
    const port = { fd, isOpen: true, closed: false, close: async () => closeSync(fd), getBaudRate: async () => ({ baudRate: 250000 }) };
    return { binding: { open: async (_options: never) => port, list: async () => [] }, port };
  }

  it('reads data, then reports end of file as a disconnect', async () => {
    const { binding } = fileBinding('ok\n');
    const port = (await hangupAwareBinding(binding, 'linux').open({} as never)) as unknown as {
      read(buffer: Buffer, offset: number, length: number): Promise<{ bytesRead: number }>;
      getBaudRate(): Promise<{ baudRate: number }>;
      close(): Promise<void>;
    };
    const buffer = Buffer.alloc(64);
    assert.equal((await port.read(buffer, 0, 64)).bytesRead, 3);
    assert.equal(buffer.toString('latin1', 0, 3), 'ok\n');
    await assert.rejects(port.read(buffer, 0, 64), (error: Error & { disconnect?: boolean }) => error.disconnect === true && /hung up/.test(error.message));
    assert.deepEqual(await port.getBaudRate(), { baudRate: 250000 }, 'other methods reach the port');
    await port.close();
  });

  it('leaves the binding alone on other systems', () => {
    const { binding, port } = fileBinding('');
    assert.equal(hangupAwareBinding(binding, 'darwin'), binding);
    closeSync(port.fd);
  });
});
