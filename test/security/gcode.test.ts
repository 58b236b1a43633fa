// Catalogue section J (GCODE): no line breaks or control characters reach the serial line through commands,
// parameters, scripts, heater targets or jogs; malformed command bodies are 400; permissions, sizes and rates.
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { assertAlive, sleep } from './support/checks.js';
import { send, upload } from './support/http-client.js';
import type { Reply } from './support/http-client.js';
import { useSeededServer } from './support/seeded-server.js';

const T = { timeout: 20_000 };

describe('GCODE: printer command injection', () => {
  // Every line numbered (OctoPrint's default numbers them only while printing), so GCODE-10 sees the numbering on each.
  const suite = useSeededServer({ printer: true, config: { serial: { alwaysSendChecksum: true } } });
  const as = (user: 'alice' | 'bob' | 'ro' | 'admin') => ({ 'x-api-key': suite.fixtures.keys[user] });
  const post = (path: string, json: unknown, user: 'alice' | 'bob' | 'ro' | 'admin' = 'admin'): Promise<Reply> => send(suite.server.port, 'POST', path, { headers: as(user), json });
  /** No sent frame carries a control character, and nothing matching `pattern` was sent. */
  const assertSerialClean = async (pattern: RegExp) => {
    await sleep(300);
    assert.deepEqual(suite.serial.sent.filter((line) => pattern.test(line)), []);
    assert.deepEqual(suite.serial.sent.filter((line) => /[\u0000-\u001f\u007f]/.test(line)), [], 'no control characters on the wire');
  };

  // Each case starts with full command budgets (the rate limit has its own case below).
  beforeEach(() => suite.server.advance(10_000));

  it('GCODE-01: a command with an embedded line break is 400 and neither line is sent', T, async () => {
    for (const command of ['M117 hi\nM0', 'M117 hi\r\nM0', 'M117 hi\rM0', 'M117 hi\u0000M0', 'M117 hi\u001bM0', 'M117 hi\u007fM0']) {
      assert.equal((await post('/api/printer/command', { command })).status, 400, JSON.stringify(command));
      assert.equal((await post('/api/printer/command', { commands: ['M117 ok', command] })).status, 400, JSON.stringify(command));
    }
    await assertSerialClean(/(^|\s)M0\b|M117 hi|M117 ok/);
  });

  it('GCODE-03: parameters cannot inject lines; bad parameters are 400, never 500', T, async () => {
    assert.equal((await post('/api/printer/command', { command: 'M117 %(m)s', parameters: { m: 'a\nM112' } })).status, 400);
    assert.equal((await post('/api/printer/command', { command: 'M117 %(m)s', parameters: { m: 'a\rM112' } })).status, 400);
    assert.equal((await post('/api/printer/command', { command: 'M117 %(m)s', parameters: { m: { toString: 'x' } } })).status, 400);
    assert.equal((await post('/api/printer/command', { command: 'M117 x', parameters: 'str' })).status, 400);
    assert.equal((await post('/api/printer/command', { command: 'M117 x', parameters: ['a'] })).status, 400);
    assert.equal((await post('/api/printer/command', { command: 'M117 %(x)s %(y)s', parameters: { x: 1 } })).status, 400, 'a missing parameter');
    const emptyParameters = await post('/api/printer/command', { command: '%(x)s', parameters: {} });
    assert.ok([204, 400].includes(emptyParameters.status), String(emptyParameters.status));
    const positional = await post('/api/printer/command', { command: 'M117 %s%s%s', parameters: { a: 1 } });
    assert.ok([204, 400].includes(positional.status), String(positional.status));
    assert.equal((await post('/api/printer/command', { command: 'M117 %(who)s', parameters: { who: 'gcode03' } })).status, 204);
    await sleep(300);
    assert.ok(suite.serial.sent.some((line) => line.includes('M117 gcode03')), 'good parameters are filled in');
    await assertSerialClean(/M112/);
    assert.ok(suite.server.app.printer.driver.isOperational, 'no emergency stop happened');
  });

  it('GCODE-04: malformed command bodies are 400', T, async () => {
    const bodies = [{ command: 123 }, { command: null }, { commands: 'M105' }, { commands: [{ a: 1 }] }, { command: 'M105', commands: ['M105'] }, {}, { commands: [null] }, { command: ['M105'] }];
    for (const body of bodies) assert.equal((await post('/api/printer/command', body)).status, 400, JSON.stringify(body));
    assert.equal((await send(suite.server.port, 'POST', '/api/printer/command', { headers: as('admin'), body: '"M105"', })).status, 415, 'no JSON content type');
  });

  it('GCODE-05: unknown scripts are 404, templates are never evaluated, and script context cannot inject lines', T, async () => {
    for (const script of ['../../../config', '../config.yaml', '__proto__', 'constructor', 'toString']) {
      const reply = await post('/api/printer/command', { script });
      assert.equal(reply.status, 404, `${script}: ${reply.text}`);
    }
    await suite.server.app.config.set('scripts.gcode.afterPrintDone', "M117 {x}\nM117 {{ 7*7 }}\nM117 {{ cycler.__init__.__globals__.os.popen('id').read() }}");
    suite.serial.clear();
    assert.equal((await post('/api/printer/command', { script: 'afterPrintDone', context: { x: '{{ 7*7 }}' } })).status, 204);
    await sleep(400);
    assert.ok(!suite.serial.sent.some((line) => /\b49\b|uid=/.test(line)), suite.serial.sent.join(' | '));
    assert.equal((await post('/api/printer/command', { script: 'afterPrintDone', context: { x: 'a\nM112' } })).status, 400);
    await assertSerialClean(/M112|uid=/);
  });

  it('GCODE-10: line numbers belong to the host: a client\'s N<number> prefix and *checksum never reach the firmware', T, async () => {
    const received: string[] = [];
    const listening = suite.server.app.printer.driver.log.onLine((direction, text) => {
      if (direction === 'recv') received.push(text);
    });
    try {
      await suite.server.app.config.set('scripts.gcode.afterPrintDone', 'N3 M117 gcode10 script*55\nN4 M110 N0*12');
      const before = (await suite.server.app.printer.virtualRecord()).received?.length ?? 0;
      suite.serial.clear();
      const commands = ['N5 M110 N0*99', 'M110 N-1', 'N99999999999 G28', 'N7 M117 gcode10 framed*12', 'n8 m110 n100', 'M117 gcode10 star*text', 'N9*33', 'M117 gcode10 last'];
      assert.equal((await post('/api/printer/command', { commands })).status, 204);
      assert.equal((await post('/api/printer/command', { script: 'afterPrintDone' })).status, 204);
      assert.equal((await post('/api/printer/command', { command: 'N12 M117 gcode10 end*1' })).status, 204);
      await sleep(500);
      assert.deepEqual(received.filter((line) => /error|resend|rs\b/i.test(line)), [], 'the firmware reported no line-number or checksum error');
      const accepted = ((await suite.server.app.printer.virtualRecord()).received ?? []).slice(before).filter((line) => !/^M105\b/.test(line));
      assert.deepEqual(accepted, ['M110', 'M110', 'G28', 'M117 gcode10 framed', 'M110', 'M117 gcode10 star', 'M117 gcode10 last', 'M117 gcode10 script', 'M110', 'M117 gcode10 end']);
      const numbers = suite.serial.sent.map((line) => /^N(\d+) /.exec(line)?.[1]).filter((n): n is string => n !== undefined).map(Number);
      assert.ok(numbers.length >= accepted.length, suite.serial.sent.join(' | '));
      numbers.forEach((n, i) => i === 0 || assert.equal(n, (numbers[i - 1] ?? 0) + 1, `consecutive host numbering: ${numbers.join(',')}`));
      assert.ok(!suite.serial.sent.some((line) => /99999999999|N-1/.test(line)), suite.serial.sent.join(' | '));
      // Each line carries one checksum, the host's own over what it sent (a client's `*99` would make it two or wrong).
      for (const line of suite.serial.sent) {
        const star = line.indexOf('*');
        assert.equal(line.indexOf('*', star + 1), -1, `one checksum in ${line}`);
        if (star < 0) continue;
        let sum = 0;
        for (const byte of Buffer.from(line.slice(0, star), 'latin1')) sum ^= byte;
        assert.equal(line.slice(star + 1), String(sum), `the host's checksum in ${line}`);
      }
    } finally {
      listening.dispose();
    }
  });

  it('GCODE-07: heater targets, jogs and factors must be numbers', T, async () => {
    const bodies: Array<[string, unknown]> = [
      ['/api/printer/tool', { command: 'target', targets: { tool0: '210\nM112' } }],
      ['/api/printer/tool', { command: 'target', targets: { tool0: 'NaN' } }],
      ['/api/printer/tool', { command: 'target', targets: { tool0: '210' } }],
      ['/api/printer/tool', { command: 'offset', offsets: { tool0: '1\nM112' } }],
      ['/api/printer/tool', { command: 'extrude', amount: '5\nM112' }],
      ['/api/printer/bed', { command: 'target', target: '60\nM112' }],
      ['/api/printer/printhead', { command: 'jog', x: '1;M84' }],
      ['/api/printer/printhead', { command: 'feedrate', factor: '100\nM0' }],
      ['/api/printer/printhead', { command: 'home', axes: ['x\nM0'] }],
      ['/api/printer/tool', { command: 'flowrate', factor: '100\nM0' }],
    ];
    for (const [path, body] of bodies) assert.equal((await post(path, body)).status, 400, `${path} ${JSON.stringify(body)}`);
    const speed = await post('/api/printer/printhead', { command: 'jog', x: 1, speed: '100\nM0' });
    assert.ok([204, 400].includes(speed.status), 'a non-numeric jog speed is refused or ignored (the default speed)');
    const infinite = await send(suite.server.port, 'POST', '/api/printer/tool', { headers: { ...as('admin'), 'content-type': 'application/json' }, body: '{"command":"target","targets":{"tool0":1e309}}' });
    assert.equal(infinite.status, 400);
    await assertSerialClean(/M112|M84|(^|\s)M0\b/);
  });

  it('GCODE-09: a 100 KB command and 20 000 commands are refused by size', T, async () => {
    assert.equal((await post('/api/printer/command', { command: `M117 ${'x'.repeat(100 * 1024)}` })).status, 413);
    assert.equal((await post('/api/printer/command', { commands: Array.from({ length: 20_000 }, () => 'M105') })).status, 413);
    await assertAlive(suite.server);
  });

  it('GCODE-09 / item 18: commands are rate-limited per user (burst 20, then 5/s) with 429 and Retry-After', T, async () => {
    const started = Date.now();
    const statuses: number[] = [];
    let retryAfter = '';
    for (let i = 0; i < 30; i += 1) {
      const reply = await post('/api/printer/command', { command: 'M105' }, 'bob');
      statuses.push(reply.status);
      if (reply.status === 429) retryAfter = String(reply.headers['retry-after']);
    }
    // Real time passes while sending, and refills the bucket at 5 a second.
    const refill = Math.floor(((Date.now() - started) / 1000) * 5);
    const allowed = statuses.filter((s) => s === 204).length;
    assert.ok(allowed >= 20 && allowed <= 20 + refill + 1, `${allowed} allowed: ${statuses.join()}`);
    assert.equal(statuses.filter((s) => s === 429).length, 30 - allowed);
    assert.ok(Number(retryAfter) >= 1);
    assert.equal((await post('/api/printer/command', { command: 'M105' }, 'alice')).status, 204, 'other users keep their own budget');
    suite.server.advance(1000);
    const again = Date.now();
    const refilled = await Promise.all(Array.from({ length: 8 }, () => post('/api/printer/command', { command: 'M105' }, 'bob')));
    const extra = Math.ceil(((Date.now() - again) / 1000) * 5) + 1;
    const passed = refilled.filter((r) => r.status === 204).length;
    assert.ok(passed >= 5 && passed <= 5 + extra, `about five a second (${passed})`);
    assert.equal((await post('/api/printer/command', { command: 'M105' }, 'ro')).status, 403, 'no permission is still 403, not 429');
  });

  it('GCODE-09: a flood of commands does not stop a print job', T, async () => {
    const lines = Array.from({ length: 300 }, (_, i) => `G1 X${i % 100} Y${(i * 7) % 100} F3000`).join('\n');
    const done = suite.server.app.events.once('PrintDone', 15_000);
    assert.equal((await upload(suite.server.port, 'flood.gcode', `G28\n${lines}\n`, as('admin'), { print: 'true' })).status, 201);
    const started = Date.now();
    const replies = await Promise.all(Array.from({ length: 100 }, () => post('/api/printer/command', { command: 'M105' }, 'alice')));
    const bound = 20 + Math.ceil(((Date.now() - started) / 1000) * 5) + 1;
    const allowed = replies.filter((r) => r.status === 204).length;
    assert.ok(allowed <= bound, `at most the burst plus the refill passes (${allowed} > ${bound})`);
    assert.ok(replies.every((r) => r.status === 204 || r.status === 429), replies.map((r) => r.status).join());
    await done;
  });

  it('GCODE-08: readonly users are refused (403); a disconnected printer answers 409', T, async () => {
    assert.equal((await post('/api/printer/command', { command: 'M105' }, 'ro')).status, 403);
    await suite.server.app.printer.service.disconnect();
    assert.equal((await post('/api/printer/command', { command: 'M105' }, 'alice')).status, 409);
  });
});
