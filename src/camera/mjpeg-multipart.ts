// The MJPEG-over-HTTP framing mjpg-streamer and ustreamer use: multipart/x-mixed-replace, one JPEG per part.

export const MJPEG_BOUNDARY = 'boundarydonotcross';
export const MJPEG_CONTENT_TYPE = `multipart/x-mixed-replace;boundary=${MJPEG_BOUNDARY}`;

/** One part, built once per frame and written to every viewer as the same buffer. */
export function mjpegPart(frame: Buffer, timestampMs: number): Buffer {
  const head = Buffer.from(
    `--${MJPEG_BOUNDARY}\r\nContent-Type: image/jpeg\r\nContent-Length: ${frame.length}\r\nX-Timestamp: ${(timestampMs / 1000).toFixed(6)}\r\n\r\n`,
    'latin1',
  );
  return Buffer.concat([head, frame, Buffer.from('\r\n', 'latin1')]);
}
