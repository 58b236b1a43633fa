// Table tests of the baud rate lists.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AUTO_BAUDRATE, autodetectBaudrates, BAUDRATES, listBaudrates } from './baud-rates.js';

describe('baud rates', () => {
  it("offers OctoPrint's list, AUTO being 0", () => {
    assert.equal(AUTO_BAUDRATE, 0);
    assert.deepEqual(BAUDRATES, [250000, 230400, 115200, 57600, 38400, 19200, 9600]);
  });
  const lists: [string, Parameters<typeof listBaudrates>[0], number[]][] = [
    ['standard', {}, [250000, 230400, 115200, 57600, 38400, 19200, 9600]],
    ['additional, sorted in', { additional: [500000, 74880] }, [500000, 250000, 230400, 115200, 74880, 57600, 38400, 19200, 9600]],
    ['blacklisted removed', { blacklisted: [9600, 19200] }, [250000, 230400, 115200, 57600, 38400]],
    ['invalid additional ignored', { additional: [0, -5, 1.5] }, [250000, 230400, 115200, 57600, 38400, 19200, 9600]],
  ];
  for (const [name, options, expected] of lists) it(`listBaudrates: ${name}`, () => assert.deepEqual(listBaudrates(options), expected));
  const orders: [string, Parameters<typeof autodetectBaudrates>[0], number[]][] = [
    ['standard order', {}, [115200, 250000, 230400, 57600, 38400, 19200, 9600]],
    ['preferred first', { preferred: 250000 }, [250000, 115200, 230400, 57600, 38400, 19200, 9600]],
    ['additional before standard', { additional: [74880, 500000] }, [500000, 74880, 115200, 250000, 230400, 57600, 38400, 19200, 9600]],
    ['blacklist applies', { preferred: 9600, blacklisted: [9600, 115200] }, [250000, 230400, 57600, 38400, 19200]],
  ];
  for (const [name, options, expected] of orders) it(`autodetectBaudrates: ${name}`, () => assert.deepEqual(autodetectBaudrates(options), expected));
});
