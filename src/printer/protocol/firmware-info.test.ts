// Table tests of M115 firmware line and capability parsing.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseCapability, parseFirmwareInfo } from './firmware-info.js';

describe('parseFirmwareInfo', () => {
  it('splits a Marlin line into fields, keeping times inside values', () => {
    const info = parseFirmwareInfo(
      'FIRMWARE_NAME:Marlin 2.1.2 (Sep  1 2023 12:00:00) SOURCE_CODE_URL:https://github.com/MarlinFirmware/Marlin PROTOCOL_VERSION:1.0 MACHINE_TYPE:Ender-3 V2 EXTRUDER_COUNT:1 UUID:cede2a2f-41a2-4748-9b12-c55c62f367ff',
    );
    assert.deepEqual(info, {
      name: 'Marlin 2.1.2 (Sep  1 2023 12:00:00)',
      fields: {
        FIRMWARE_NAME: 'Marlin 2.1.2 (Sep  1 2023 12:00:00)',
        SOURCE_CODE_URL: 'https://github.com/MarlinFirmware/Marlin',
        PROTOCOL_VERSION: '1.0',
        MACHINE_TYPE: 'Ender-3 V2',
        EXTRUDER_COUNT: '1',
        UUID: 'cede2a2f-41a2-4748-9b12-c55c62f367ff',
      },
    });
  });
  const names: [string, string | null][] = [
    ['FIRMWARE_NAME:Marlin Argonaut Virtual PROTOCOL_VERSION:1.0', 'Marlin Argonaut Virtual'],
    ['FIRMWARE_NAME:Prusa-Firmware 3.13.2 based on Marlin FIRMWARE_URL:https://github.com/prusa3d/Prusa-Firmware', 'Prusa-Firmware 3.13.2 based on Marlin'],
    ['FIRMWARE_NAME:Klipper', 'Klipper'],
    ['ok FIRMWARE_NAME:Smoothieware, FIRMWARE_URL:http%3A//smoothieware.org', 'Smoothieware,'],
    ['echo:Marlin 2.1.2', null],
  ];
  for (const [line, expected] of names) it(line, () => assert.equal(parseFirmwareInfo(line)?.name ?? null, expected));
});

describe('parseCapability', () => {
  const cases: [string, { name: string; enabled: boolean } | null][] = [
    ['Cap:AUTOREPORT_TEMP:1', { name: 'AUTOREPORT_TEMP', enabled: true }],
    ['Cap:EMERGENCY_PARSER:0', { name: 'EMERGENCY_PARSER', enabled: false }],
    ['Cap:busy_protocol:1', { name: 'BUSY_PROTOCOL', enabled: true }],
    ['Cap:EXTENDED_M20: 1', { name: 'EXTENDED_M20', enabled: true }],
    ['Capabilities', null],
    ['ok', null],
  ];
  for (const [line, expected] of cases) it(line, () => assert.deepEqual(parseCapability(line), expected));
});
