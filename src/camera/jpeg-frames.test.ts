// Tests for splitting ffmpeg's MJPEG output into frames: real pictures, cut anywhere, with junk around them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jpegSize, makeJpegFrames } from '../../test/support/fake-camera.js';
import { JpegFrameSplitter } from './jpeg-frames.js';
import { mjpegPart } from './mjpeg-multipart.js';

describe('JpegFrameSplitter', () => {
  const frames = makeJpegFrames(5);

  it('finds every frame of a stream cut into chunks of any size', () => {
    const whole = Buffer.concat(frames);
    for (const chunkSize of [1, 7, 1000, 65536]) {
      const found: Buffer[] = [];
      const splitter = new JpegFrameSplitter((frame) => found.push(Buffer.from(frame)));
      for (let at = 0; at < whole.length; at += chunkSize) splitter.push(whole.subarray(at, at + chunkSize));
      assert.equal(found.length, frames.length, `chunks of ${chunkSize}`);
      found.forEach((frame, index) => assert.ok(frame.equals(frames[index]!), `frame ${index}, chunks of ${chunkSize}`));
    }
    assert.deepEqual(jpegSize(frames[0]!), { width: 320, height: 240 });
  });

  it('skips the multipart headers around frames (a proxied MJPEG stream)', () => {
    const found: Buffer[] = [];
    const splitter = new JpegFrameSplitter((frame) => found.push(Buffer.from(frame)));
    splitter.push(Buffer.concat(frames.map((frame) => mjpegPart(frame, 0))));
    assert.equal(found.length, frames.length);
    assert.ok(found[2]!.equals(frames[2]!));
  });
});
