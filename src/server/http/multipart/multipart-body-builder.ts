// Builds multipart/form-data bodies byte for byte (raw header bytes allowed), for tests, benchmarks and clients.
export interface MultipartPart {
  /** Raw Content-Disposition parameters after `form-data; `, e.g. `name="file"; filename="a.gcode"`, as bytes or text. */
  disposition: string | Buffer;
  content: string | Buffer;
  contentType?: string;
}

export interface MultipartBody {
  body: Buffer;
  contentType: string;
  boundary: string;
}

export function field(name: string, value: string): MultipartPart {
  return { disposition: `name="${name}"`, content: value };
}

export function filePart(filename: string, content: string | Buffer, name = 'file'): MultipartPart {
  return { disposition: `name="${name}"; filename="${filename}"`, content, contentType: 'application/octet-stream' };
}

export function buildMultipart(parts: readonly MultipartPart[], boundary = `----argonaut${Date.now().toString(16)}`): MultipartBody {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; `));
    chunks.push(typeof part.disposition === 'string' ? Buffer.from(part.disposition, 'utf8') : part.disposition);
    chunks.push(Buffer.from(`\r\n${part.contentType ? `Content-Type: ${part.contentType}\r\n` : ''}\r\n`));
    chunks.push(typeof part.content === 'string' ? Buffer.from(part.content, 'utf8') : part.content);
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}`, boundary };
}

/** The opening bytes of a body whose file part is streamed separately (large uploads): head + content + tail. */
export function streamedFileFrame(filename: string, fields: readonly MultipartPart[] = [], boundary = '----argonautstream'): { head: Buffer; tail: Buffer; contentType: string } {
  const before = buildMultipart(fields, boundary).body;
  const head = Buffer.concat([
    before.subarray(0, before.length - Buffer.byteLength(`--${boundary}--\r\n`)),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
  ]);
  return { head, tail: Buffer.from(`\r\n--${boundary}--\r\n`), contentType: `multipart/form-data; boundary=${boundary}` };
}
