// Tests of the prebuilt websocket text frames: every length encoding, read back by the ws library's own receiver.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRequire } from 'node:module';
import { textFrame } from './websocket-frame.js';

/** The ws library's frame parser (not in its type declarations). */
interface FrameReceiver {
  on(event: 'message', listener: (data: Buffer, isBinary: boolean) => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
  write(chunk: Buffer): void;
}
const { Receiver } = createRequire(import.meta.url)('ws') as { Receiver: new (options: { isServer: boolean; maxPayload: number }) => FrameReceiver };

function readBack(frame: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const receiver = new Receiver({ isServer: false, maxPayload: 0 });
    receiver.on('message', (data: Buffer, isBinary: boolean) => (isBinary ? reject(new Error('binary')) : resolve(data.toString('utf8'))));
    receiver.on('error', reject);
    receiver.write(frame);
  });
}

describe('textFrame', () => {
  for (const length of [0, 1, 125, 126, 65535, 65536, 300_000]) {
    it(`frames a ${length}-byte payload so a websocket client reads it back`, async () => {
      const text = 'é'.repeat(Math.floor(length / 2)) + 'x'.repeat(length % 2);
      const payload = Buffer.from(text, 'utf8');
      const frame = textFrame(payload);
      assert.equal(frame[0], 0x81, 'FIN + text opcode');
      assert.equal((frame[1] ?? 0) & 0x80, 0, 'server frames are not masked');
      assert.equal(await readBack(frame), text);
    });
  }
});
