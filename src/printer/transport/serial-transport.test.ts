// Tests of SerialTransport: with serialport's mock binding, with real missing devices, and (below) over a pseudo-terminal to the fake Marlin.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SerialPortMock } from 'serialport';
import { PrinterConversation } from '../../../test/support/printer-conversation.js';
import { startFakeMarlin } from '../../../test/support/fake-marlin/index.js';
import { describeSerialError, SerialTransport } from './serial-transport.js';

describe('SerialTransport with the mock binding', () => {
  after(() => SerialPortMock.binding.reset());

  function mockTransport(path: string) {
    SerialPortMock.binding.createPort(path, { record: true });
    let mock: SerialPortMock | undefined;
    const transport = new SerialTransport(path, 115200, {
      createPort: (settings) => {
        mock = new SerialPortMock(settings);
        return mock;
      },
    });
    return { transport, mock: () => mock as SerialPortMock };
  }

  it('writes lines with a newline and splits received data into lines without \\r', async () => {
    const { transport, mock } = mockTransport('/dev/ttyMOCK0');
    const lines: string[] = [];
    transport.onLine((line) => lines.push(line));
    await transport.open();
    transport.write('N1 M105*38');
    mock().port?.emitData('ok T:20.0 /0.0\r\nstart\nwai');
    mock().port?.emitData('t\n');
    const deadline = Date.now() + 2000;
    while (lines.length < 3 && Date.now() < deadline) await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(lines, ['ok T:20.0 /0.0', 'start', 'wait']);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(mock().port?.recording.toString(), 'N1 M105*38\n');
    let closed: Error | undefined | 'not called' = 'not called';
    transport.onClose((error) => (closed = error));
    await transport.close();
    await transport.close();
    assert.equal(closed, undefined);
  });

  it('reports an unexpected close as an error, once', async () => {
    const { transport, mock } = mockTransport('/dev/ttyMOCK1');
    const errors: (Error | undefined)[] = [];
    transport.onClose((error) => errors.push(error));
    await transport.open();
    mock().emit('close', Object.assign(new Error('Port is not open'), { disconnected: true }));
    mock().emit('close', new Error('again'));
    assert.equal(errors.length, 1);
    assert.equal(errors[0]?.message, "The printer's serial port closed: /dev/ttyMOCK1 went away (unplugged, or the printer was switched off) [Port is not open]");
    await transport.close();
    assert.equal(errors.length, 1);
  });

  it('refuses to open twice and refuses AUTO (0) as baud rate', async () => {
    const { transport } = mockTransport('/dev/ttyMOCK2');
    await transport.open();
    await assert.rejects(transport.open(), /already opened once/);
    await transport.close();
    await assert.rejects(new SerialTransport('/dev/ttyMOCK2', 0).open(), /Invalid baud rate 0/);
  });
});

describe('SerialTransport errors', () => {
  it('explains a missing device', async () => {
    const transport = new SerialTransport('/dev/ttyArgonautMissing0', 115200);
    await assert.rejects(transport.open(), (error: Error) => {
      assert.equal(error.message, 'Serial port /dev/ttyArgonautMissing0 does not exist (is the printer plugged in and switched on?)');
      return true;
    });
    await transport.close();
  });
  it('explains a device that is not a serial port', async () => {
    await assert.rejects(new SerialTransport('/dev/null', 115200).open(), /\/dev\/null/);
  });
  const cases: [string, RegExp][] = [
    ['Error: Permission denied, cannot open /dev/ttyUSB0', /No permission .*dialout/],
    ['Error Resource temporarily unavailable Cannot lock port', /in use by another program/],
    ['Error: Inappropriate ioctl for device, cannot set', /is not a serial port/],
    ['Error: something odd', /Could not open serial port \/dev\/ttyUSB0: something odd/],
  ];
  for (const [message, expected] of cases) it(message, () => assert.match(describeSerialError('/dev/ttyUSB0', new Error(message)), expected));
});

describe('SerialTransport over a pseudo-terminal to the fake Marlin', () => {
  it('exchanges M115 and ok, numbered lines and resends through the real serialport binding', async () => {
    const firmware = await startFakeMarlin({ seed: 3 });
    const transport = new SerialTransport(firmware.path, 115200);
    try {
      await transport.open();
      const talk = new PrinterConversation(transport);
      // The greeting (start ...) may or may not still sit in the pty when the port opens; it comes before the answer.
      const m115 = await talk.send('M115', 5000);
      assert.ok(m115.some((line) => /^FIRMWARE_NAME:Marlin/.test(line)), m115.join('\n'));
      assert.ok(m115.includes('Cap:AUTOREPORT_TEMP:1'), m115.join('\n'));
      assert.equal(m115.at(-1), 'ok');
      assert.deepEqual(await talk.send('N0 M110 N0*125', 5000), ['ok']);
      assert.deepEqual(await talk.send('N1 G28*18', 5000), ['ok']);
      assert.deepEqual(await talk.send('N2 G28*0', 5000), ['Error:checksum mismatch, Last Line: 1', 'Resend: 2', 'ok']);
      const many = Array.from({ length: 200 }, (_, i) => `M117 line ${i}`);
      for (const command of many) await talk.send(command, 5000);
      assert.deepEqual((await firmware.accepted()).slice(-200), many);
    } finally {
      await transport.close();
      await firmware.stop();
    }
  });
});
