// Fuzzing the parsers that face the network, with a seeded generator (reproducible) and at least 100 000 inputs
// each: multipart part headers and file names, JSON command bodies, the G-code protocol parser, SockJS frames and
// socket messages (with client regular expressions). A parser may only fail with its own typed error (HttpError
// for HTTP input; the others never throw), and no single input may take long (no catastrophic backtracking).
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import busboy from 'busboy';
import type { FastifyRequest } from 'fastify';
import { acceptableRemoteName, parseBasicAuthorization } from '../../src/auth/proxy-sign-on.js';
import { ResponseClassifier, classifyResponse, parseFramedLine, parseTemperatures, withoutClientFraming } from '../../src/printer/protocol/index.js';
import { parseJsonBody } from '../../src/server/http/body-parsers.js';
import { HttpError } from '../../src/server/http/errors.js';
import { decodeFilename, decodeHeaderText, multipartBoundary } from '../../src/server/http/multipart/header-text.js';
import { receiveMultipart } from '../../src/server/http/multipart/receive-multipart.js';
import { isReservedUploadField } from '../../src/server/http/multipart/reserved-fields.js';
import { jsonBody, jsonCommand, requestValues } from '../../src/server/http/request-helpers.js';
import { commandParameters, fillParameters } from '../../src/server/http/routes/printer-commands.js';
import { parseClientMessage } from '../../src/server/push/client-messages.js';
import { compileSafePattern, matchesLine } from '../../src/server/push/safe-pattern.js';
import { decodeClientFrame } from '../../src/server/push/sockjs-frames.js';
import { parseSubscription } from '../../src/server/push/subscription.js';
import { PASSWORDS, seedUsers } from './support/fixtures.js';
import { send } from './support/http-client.js';
import { HEADER_ALPHABET, JSON_ALPHABET, Prng } from './support/prng.js';
import { startSecurityServer } from './support/security-server.js';

const INPUTS = 100_000;
/** The slowest a single input may be, generous for a loaded machine (catastrophic backtracking takes seconds). */
const SLOW_MS = 100;
const T = { timeout: 180_000 };

/** Runs `parse` and records anything thrown that is not `allowed`; returns what it returned. */
class Findings {
  readonly bugs: string[] = [];
  slowest = { ms: 0, input: '' };

  run<R>(what: string, input: string, parse: () => R, allowed: (error: unknown) => boolean = () => false): R | undefined {
    const started = performance.now();
    try {
      return parse();
    } catch (error) {
      if (!allowed(error) && this.bugs.length < 20) this.bugs.push(`${what} threw ${(error as Error)?.name}: ${(error as Error)?.message} for ${JSON.stringify(input.slice(0, 120))}`);
      return undefined;
    } finally {
      let ms = performance.now() - started;
      // A pause of the whole process (GC, a busy machine) is not the input's fault: a slow input must stay slow.
      for (let retry = 0; retry < 3 && ms > SLOW_MS / 2; retry += 1) ms = Math.min(ms, timeOnce(parse));
      if (ms > this.slowest.ms) this.slowest = { ms, input: `${what}: ${input.slice(0, 120)}` };
    }
  }

  assertClean(): void {
    assert.deepEqual(this.bugs, []);
    assert.ok(this.slowest.ms < SLOW_MS, `slowest input took ${this.slowest.ms.toFixed(1)} ms: ${this.slowest.input}`);
  }
}

function timeOnce(parse: () => unknown): number {
  const started = performance.now();
  try {
    parse();
  } catch {
    // only the time matters here
  }
  return performance.now() - started;
}

/** Runs a fuzz body without stack traces on errors (building them would cost most of the time). */
async function withoutStacks(body: () => void | Promise<void>): Promise<void> {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    await body();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

const isHttpError = (error: unknown): boolean => error instanceof HttpError && error.statusCode >= 400 && error.statusCode < 500;

function disposition(random: Prng): Buffer {
  // Mostly characters a header may carry (a control character ends the whole body: busboy's 400), rarely any.
  const alphabet = random.chance(0.99) ? HEADER_ALPHABET.replace(/[\r\n\u0000-\u0008\u000a-\u001f\u007f]/g, '') : HEADER_ALPHABET.replace(/[\r\n]/g, '');
  const name = random.chance(0.9) ? 'file' : random.text(alphabet, 12).replace(/"/g, '');
  const value = random.text(alphabet, 40);
  let text: string;
  switch (random.int(4)) {
    case 0:
      text = `name="${name}"; filename="${value.replace(/"/g, '')}"`;
      break;
    case 1: {
      const charset = random.pick(['UTF-8', 'utf-8', 'ISO-8859-1', 'iso-8859-1', 'latin1', 'bogus', '']);
      const encoded = random.text('%0123456789ABCDEFZa.gcode-_', 40);
      text = `name="${name}"; filename*=${charset}'${random.pick(['', 'en'])}'${encoded}`;
      break;
    }
    case 2:
      text = `name="${name}"; filename="${value.replace(/"/g, '')}"; filename*=UTF-8''${[...Buffer.from(random.units(10), 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('').slice(0, 60)}`;
      break;
    default:
      text = random.mutate(`name="${name}"; filename="a.gcode"`, alphabet);
  }
  return Buffer.from(text, random.chance(0.5) ? 'latin1' : 'utf8');
}

/** Feeds many parts through busboy as the upload route configures it; each file name goes through decodeFilename. */
function parseParts(parts: Buffer[], findings: Findings): Promise<number> {
  const boundary = 'fuzzboundary';
  const chunks = parts.flatMap((part) => [Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; `), part, Buffer.from('\r\n\r\nG28\r\n')]);
  const body = Buffer.concat([...chunks, Buffer.from(`--${boundary}--\r\n`)]);
  return new Promise((resolve) => {
    let parsed = 0;
    const parser = busboy({
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      defParamCharset: 'latin1',
      preservePath: true,
      limits: { parts: 10_000, files: 10_000, fields: 10_000, headerPairs: 100 },
    });
    parser.on('file', (name, stream, info) => {
      stream.resume();
      parsed += 1;
      findings.run('decodeHeaderText(name)', name, () => decodeHeaderText(name));
      findings.run('decodeFilename', String(info.filename), () => decodeFilename(info.filename), isHttpError);
    });
    parser.on('field', (name) => {
      parsed += 1;
      findings.run('decodeHeaderText(field)', name, () => decodeHeaderText(name));
    });
    const done = (): void => {
      clearTimeout(timer);
      resolve(parsed);
    };
    // A parser that neither finishes nor fails on a complete body would hang a request: a finding.
    const timer = setTimeout(() => {
      findings.bugs.push(`busboy neither finished nor failed (${parsed} parts read) on ${JSON.stringify(body.toString('latin1').slice(0, 2000))}`);
      done();
    }, 10_000);
    parser.on('error', () => {
      parsed += 1; // the part that made it fail was read too
      done();
    });
    parser.on('close', done);
    parser.on('finish', done);
    findings.run('busboy.end', '', () => parser.end(body));
  });
}

describe('fuzzing the network-facing parsers', () => {
  it('multipart part headers and file names: 100 000 names through the decoders, 20 000 part headers through busboy, 200 uploads', T, () => withoutStacks(async () => {
    const random = new Prng(0x5eed01);
    const findings = new Findings();
    for (let i = 0; i < INPUTS; i += 1) {
      const raw = random.chance(0.5) ? random.text(HEADER_ALPHABET, 60) : Buffer.from(random.units(30), 'utf8').toString('latin1');
      findings.run('decodeHeaderText', raw, () => decodeHeaderText(raw));
      findings.run('decodeFilename', raw, () => decodeFilename(raw), isHttpError);
      const contentType = `multipart/form-data; ${random.mutate('boundary="abc"; charset=utf-8', HEADER_ALPHABET)}`;
      const boundary = findings.run('multipartBoundary', contentType, () => multipartBoundary(contentType));
      if (boundary !== undefined && boundary !== null) assert.ok(boundary.length >= 1 && boundary.length <= 70);
    }
    let parsed = 0;
    // The same decoders behind busboy, on whole part headers (a fifth as many: busboy costs most of the time).
    // Each body stops at its first malformed part header (busboy's error, a 400 upstream): count what was read.
    while (parsed < INPUTS / 5) parsed += await parseParts(Array.from({ length: 200 }, () => disposition(random)), findings);
    const tempDir = mkdtempSync(join(tmpdir(), 'argonaut-fuzz-'));
    try {
      for (let i = 0; i < 200; i += 1) {
        const boundary = 'B';
        const body = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; `), disposition(random), Buffer.from(`\r\n\r\nG28\r\n--${boundary}--\r\n`)]);
        const headers = { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(body.length) };
        let timer: NodeJS.Timeout | undefined;
        const hung = new Promise<'hung'>((resolve) => {
          timer = setTimeout(() => resolve('hung'), 5000);
        });
        try {
          const form = await Promise.race([receiveMultipart(Readable.from([body]), headers, { tempDir, maxFileBytes: 1024 }), hung]);
          if (form === 'hung') findings.bugs.push(`receiveMultipart never settled for ${JSON.stringify(body.toString('latin1'))}`);
          else await form.discard();
        } catch (error) {
          if (!isHttpError(error)) findings.bugs.push(`receiveMultipart threw ${String(error)}`);
        } finally {
          clearTimeout(timer);
        }
      }
      assert.deepEqual(readdirSync(tempDir), [], 'no temp file left behind');
    } finally {
      rmSync(tempDir, { recursive: true, force: true });
    }
    findings.assertClean();
  }));

  it('JSON command bodies: 100 000 bodies through the body parser, jsonCommand and the parameter rules', T, () => withoutStacks(() => {
    const random = new Prng(0x5eed02);
    const findings = new Findings();
    const seeds = [
      '{"command":"M105"}',
      '{"commands":["G28","M117 %(who)s"],"parameters":{"who":"x","n":1}}',
      '{"command":"target","targets":{"tool0":200,"tool1":"a"}}',
      '{"command":"select","print":true}',
      '{"script":"afterPrintDone","context":{"x":"y"}}',
      '{"command":"move","destination":"a/b.gcode"}',
      '{"command":"jog","x":1e309,"y":-0,"absolute":"yes"}',
      '{"__proto__":{"admin":true},"constructor":{"prototype":{}},"command":"home","axes":["x"]}',
    ];
    const valid = { select: [], move: ['destination'], jog: [], home: ['axes'], target: ['targets'] } as const;
    for (let i = 0; i < INPUTS; i += 1) {
      let text: string;
      const kind = random.int(10);
      if (kind < 6) text = random.mutate(random.pick(seeds), JSON_ALPHABET);
      else if (kind < 8) text = random.text(JSON_ALPHABET, 80);
      else if (kind < 9) text = random.units(60);
      else {
        const depth = random.int(80);
        text = (random.chance(0.5) ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth));
      }
      const value = findings.run('parseJsonBody', text, () => parseJsonBody(text), isHttpError);
      const request = { headers: { 'content-type': random.pick(['application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x+json']) }, body: value, query: {} } as unknown as FastifyRequest;
      findings.run('jsonBody', text, () => jsonBody(request), isHttpError);
      findings.run('jsonCommand', text, () => jsonCommand(request, valid), isHttpError);
      findings.run('requestValues', text, () => requestValues(request));
      const parameters = typeof value === 'object' && value !== null ? (value as Record<string, unknown>).parameters : value;
      const checked = findings.run('commandParameters', text, () => commandParameters(parameters), isHttpError);
      const command = typeof value === 'object' && value !== null ? (value as Record<string, unknown>).command : text;
      findings.run('fillParameters', text, () => fillParameters(String(command), checked ?? {}));
    }
    findings.assertClean();
  }));

  it('G-code protocol: 100 000 firmware lines through the classifier and the framing parser', T, () => withoutStacks(() => {
    const random = new Prng(0x5eed03);
    const findings = new Findings();
    const seeds = [
      'ok', 'ok N12 P15 B3', 'ok T:210.0 /210.0 B:60.0 /60.0 @:127 B@:0', 'T:21.3 /0.0 B:20.1 /0.0 T0:21.3 /0.0 T1:22 /0 @:0 B@:0 C:30 /0',
      'Resend: 12', 'rs N12', 'Error:Line Number is not Last Line Number+1, Last Line: 11', 'Error:checksum mismatch, Last Line: 5',
      'echo:busy: processing', '//action:pause', '// action:cancel now', 'start', 'wait', 'echo:Unknown command: "M999"',
      'FIRMWARE_NAME:Marlin 2.1.2 (Github) SOURCE_CODE_URL:github.com/MarlinFirmware/Marlin PROTOCOL_VERSION:1.0 MACHINE_TYPE:3D Printer EXTRUDER_COUNT:1',
      'Cap:AUTOREPORT_TEMP:1', 'Begin file list', 'TEST.GCO 1234', 'LONGNAME.GCO 99 Long Name.gcode', 'End file list', 'SD printing byte 123/456',
      'Not SD printing', 'X:10.00 Y:20.00 Z:0.30 E:0.00 Count X:800 Y:1600 Z:120', 'File opened: TEST.GCO Size: 1234', 'File selected',
      'Done printing file', 'Error:Printer halted. kill() called!', '!! error', 'N5 G28*18', 'N123 G1 X10 Y20*45 ', 'M110 N0*125',
    ];
    const alphabet = 'okNTBPE:/*@ -.0123456789XYZrsendC!\t"\u0000\u00ff\u2028eE+';
    const classifier = new ResponseClassifier();
    for (let i = 0; i < INPUTS; i += 1) {
      const line = random.chance(0.8) ? random.mutate(random.pick(seeds), alphabet) : random.chance(0.5) ? random.text(alphabet, 120) : random.units(80);
      findings.run('classifyResponse', line, () => classifyResponse(line));
      findings.run('ResponseClassifier', line, () => classifier.classify(line));
      findings.run('parseFramedLine', line, () => parseFramedLine(line));
      findings.run('parseTemperatures', line, () => parseTemperatures(line));
    }
    const long = `T:${'1'.repeat(5000)} ${'B:0 /0 '.repeat(2000)}ok N${'9'.repeat(400)}`;
    findings.run('classifyResponse(long)', long, () => classifyResponse(long));
    findings.assertClean();
  }));

  it('SockJS frames and socket messages: 100 000 frames, their messages and client regular expressions', T, () => withoutStacks(() => {
    const random = new Prng(0x5eed04);
    const findings = new Findings();
    const messages = [
      '{"auth":"alice:0123456789abcdef"}',
      '{"throttle":2}',
      '{"subscribe":{"state":{"logs":"^Recv: ok","messages":false},"events":["PrintDone"],"plugins":true}}',
      '{"subscribe":{"state":true,"events":true}}',
      '{"auth":"a:b:c","throttle":"3"}',
    ];
    const regexAlphabet = '()[]{}?*+|.\\^$aAb0-9,:!=<wsdS';
    const hostile = ['a'.repeat(600), `${'a'.repeat(60)}!`, `Recv: ${'ok '.repeat(200)}`, `${'ab'.repeat(300)}c`, ' '.repeat(600)];
    for (let i = 0; i < INPUTS; i += 1) {
      let frame: string;
      const kind = random.int(10);
      if (kind < 5) frame = JSON.stringify(Array.from({ length: 1 + random.int(3) }, () => random.mutate(random.pick(messages), JSON_ALPHABET)));
      else if (kind < 7) frame = random.mutate(JSON.stringify([random.pick(messages)]), JSON_ALPHABET);
      else if (kind < 8) frame = JSON.stringify([JSON.stringify({ subscribe: { state: { logs: random.text(regexAlphabet, 24) } } })]);
      else frame = random.chance(0.5) ? random.text(JSON_ALPHABET, 60) : random.units(40);
      const texts = findings.run('decodeClientFrame', frame, () => decodeClientFrame(frame));
      if (i % 10 === 0) findings.run('parseSubscription', frame, () => parseSubscription(texts ?? frame));
      for (const text of texts ?? []) {
        const command = findings.run('parseClientMessage', text, () => parseClientMessage(text));
        if (command?.kind === 'subscribe') {
          const logs = command.subscription.state?.logs;
          if (logs?.kind === 'pattern') for (const line of hostile) findings.run('matchesLine', `${logs.regex.source} ~ ${line.slice(0, 10)}`, () => matchesLine(logs.regex, line));
        }
      }
      if (i % 4 !== 0) continue;
      // A quarter of the rounds also try a random client pattern (25 000 patterns; compiling costs most of the time).
      const pattern = random.text(regexAlphabet, 30);
      const regex = findings.run('compileSafePattern', pattern, () => compileSafePattern(pattern));
      if (regex && i % 20 === 0) for (const line of hostile) findings.run('matchesLine', `${pattern} ~ ${line.slice(0, 10)}`, () => matchesLine(regex, line));

    }
    findings.assertClean();
  }));

  it('issue 18 parsers: 100 000 Basic headers, remote user names, upload field names and client G-code lines', T, () => withoutStacks(() => {
    const random = new Prng(0x5eed18);
    const findings = new Findings();
    const basics = ['Basic YWxpY2U6cGFzcw==', 'Basic YWRtaW46YWRtaW4=', 'Basic Og==', 'Basic //79', 'Basic', 'Bearer abc'];
    const names = ['alice', '_api', 'guest', 'a:b', 'Jörg', 'admin', 'ops@example.org'];
    const fields = ['file.name', 'file.path', 'file', 'path', 'select', 'upload.size', 'x.content_type'];
    const gcode = ['N5 M110 N0*99', 'M110 N-1', 'N99999999999 G28', 'G1 X10*12', 'M117 a*b', 'n3 g28', 'N1 N2 M105*3'];
    const base64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/= ';
    for (let i = 0; i < INPUTS; i += 1) {
      const header = random.chance(0.5) ? random.mutate(random.pick(basics), base64) : `Basic ${Buffer.from(random.units(30)).toString('base64')}`;
      const parsed = findings.run('parseBasicAuthorization', header, () => parseBasicAuthorization(header));
      if (parsed && (parsed.user === '' || parsed.user.includes(':'))) findings.bugs.push(`parseBasicAuthorization gave a bad user for ${header}`);
      const name = random.chance(0.7) ? random.mutate(random.pick(names), HEADER_ALPHABET) : random.units(20);
      const accepted = findings.run('acceptableRemoteName', name, () => acceptableRemoteName(name));
      if (accepted && (name.includes(':') || name.startsWith('_') || name.toLowerCase() === 'guest')) findings.bugs.push(`remote name accepted: ${JSON.stringify(name)}`);
      const field = random.mutate(random.pick(fields), 'file.pathnamesize_ctXY ');
      findings.run('isReservedUploadField', field, () => isReservedUploadField(field));
      const line = random.chance(0.8) ? random.mutate(random.pick(gcode), 'NnMG0123456789 *-+.XYZ;') : random.units(40);
      const command = findings.run('withoutClientFraming', line, () => withoutClientFraming(line));
      if (command && (command.includes('*') || /^[Nn][-+]?\d/.test(command))) findings.bugs.push(`framing left in ${JSON.stringify(line)} -> ${JSON.stringify(command)}`);
    }
    findings.assertClean();
  }));

  it('issue 18 headers and settings over HTTP: random Basic, remote-user, group, forwarded and reserved-field requests never answer 5xx', { timeout: 120_000 }, async () => {
    const server = await startSecurityServer({
      config: {
        accessControl: { trustBasicAuthentication: true, trustRemoteUser: true, addRemoteUsers: true, trustRemoteGroups: true },
        server: { slowClients: { uploadStallTimeout: 1, pushQueueBytes: 65536 } },
      },
    });
    try {
      await seedUsers(server);
      const random = new Prng(0x5eed19);
      const latin1 = 'abcxyzABC019 ._-/\\%*\'";=:@,+\u0080\u00a0\u00c3\u00bc\u00e9\u00ff';
      const statuses = new Map<number, number>();
      const paths = ['/api/currentuser', '/api/printer', '/api/access/users', '/api/version', '/api/files/local', '/api/settings', '/sockjs/info'];
      for (let i = 0; i < 600; i += 1) {
        const headers: Record<string, string> = {};
        const credentials = random.pick([`alice:${PASSWORDS.alice}`, 'admin:wrong', random.text(latin1, 20), `${random.text(latin1, 8)}:${random.text(latin1, 8)}`]);
        if (random.chance(0.5)) headers.authorization = random.chance(0.7) ? `Basic ${Buffer.from(credentials, random.chance(0.5) ? 'latin1' : 'utf8').toString('base64')}` : random.mutate('Basic YWxpY2U6eA==', latin1);
        if (random.chance(0.5)) headers.remote_user = random.chance(0.5) ? random.pick(['alice', '_api', 'guest', 'admin', 'a:b', 'fuzz-user']) : random.text(latin1, 16);
        if (random.chance(0.3)) headers.remote_groups = random.chance(0.5) ? 'admins,users' : random.text(latin1, 20);
        if (random.chance(0.5)) headers['x-forwarded-for'] = Array.from({ length: 1 + random.int(4) }, () => random.chance(0.7) ? `203.0.113.${random.int(256)}` : random.text(latin1, 12)).join(random.pick([',', ', ', ' ,']));
        const query = random.chance(0.2) ? `?${random.pick(['file.path', 'file.name', 'x.size', 'recursive', 'a'])}=${encodeURIComponent(random.text(latin1, 8))}` : '';
        const peer = random.chance(0.5) ? '127.0.0.2' : undefined;
        const method = random.pick(['GET', 'HEAD', 'POST']);
        const path = random.pick(paths) + query;
        const reply = await send(server.port, method, path, { headers, localAddress: peer, ...(method === 'POST' ? { json: { command: 'M105' } } : {}) });
        statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
        assert.ok(reply.status < 500, `${reply.status} for ${method} ${path} ${JSON.stringify(headers)} from ${peer ?? '127.0.0.1'}: ${reply.text.slice(0, 200)}`);
        if (peer && method === 'GET' && path.startsWith('/api/currentuser') && reply.status === 200) {
          assert.equal(reply.json<{ name: string | null }>().name, null, `an untrusted peer signed on: ${JSON.stringify(headers)}`);
        }
      }
      const users = server.app.access.accounts.users().map((user) => user.name);
      assert.ok(!users.some((name) => name.startsWith('_') || name.includes(':') || name.toLowerCase() === 'guest'), users.join(', '));
      assert.ok((statuses.get(200) ?? 0) > 0 && [...statuses.keys()].some((s) => s >= 400), [...statuses].join(' '));
    } finally {
      await server.close();
    }
  });
});
