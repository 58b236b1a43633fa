// Bare node:http baselines for the benchmarks, each run as its own process: `node bare-servers.mjs upload DIR` or `version BODY`.
// upload: POST bodies are written raw to a new temp file in DIR (exclusive, 0600), fsynced once at the end and
// renamed into place before the 201, the durability Argonaut promises; the file is removed again so runs do not fill
// the disk. version: every request gets BODY as JSON. Both print their port on stdout once they listen.
import { randomBytes } from 'node:crypto';
import { close, createWriteStream, fsync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';

const [mode, argument] = process.argv.slice(2);

/** Receives one upload body into DIR the plain way: the request piped into a file write stream, fsync, rename. */
async function receive(request, dir) {
  const temp = join(dir, `bare-${randomBytes(6).toString('hex')}.part`);
  const target = join(dir, `bare-${randomBytes(6).toString('hex')}.gcode`);
  const out = createWriteStream(temp, { flags: 'wx', mode: 0o600, autoClose: false });
  try {
    await pipeline(request, out);
    await promisify(fsync)(out.fd);
  } finally {
    if (typeof out.fd === 'number') await promisify(close)(out.fd);
  }
  await rename(temp, target);
  await rm(target);
  return out.bytesWritten;
}

let server;
if (mode === 'upload') {
  server = createServer((request, response) => {
    receive(request, argument).then(
      (size) => {
        response.writeHead(201, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify({ done: true, size }));
      },
      (error) => {
        response.writeHead(500);
        response.end(String(error));
      },
    );
  });
} else if (mode === 'version') {
  const body = Buffer.from(argument ?? '{}');
  server = createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': body.length });
    response.end(body);
  });
} else {
  process.stderr.write('usage: bare-servers.mjs upload DIR | version BODY\n');
  process.exit(2);
}
server.keepAliveTimeout = 10_000;
server.listen(0, '127.0.0.1', () => process.stdout.write(`${server.address().port}\n`));
