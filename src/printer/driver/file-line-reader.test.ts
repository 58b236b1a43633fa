// The chunked line reader: every line once, positions in bytes, CRLF, a last line without ending, small chunks.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { FileLineReader } from './file-line-reader.js';

const dir = mkdtempSync(join(tmpdir(), 'reader-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function readAll(reader: FileLineReader): Promise<{ lines: string[]; positions: number[] }> {
  const lines: string[] = [];
  const positions: number[] = [];
  for (;;) {
    const line = reader.nextLine();
    if (line !== null) {
      lines.push(line);
      positions.push(reader.position);
      continue;
    }
    if (reader.exhausted) break;
    await reader.fill();
  }
  return { lines, positions };
}

describe('FileLineReader', () => {
  it('returns every line once across chunk boundaries, with byte positions', async () => {
    const lines = Array.from({ length: 500 }, (_, i) => `G1 X${i} Y${i * 2} ; line ${i}`);
    const text = `${lines.join('\r\n')}\n`;
    const path = join(dir, 'a.gcode');
    writeFileSync(path, text);
    const reader = await FileLineReader.open(path, 64);
    const result = await readAll(reader);
    assert.deepEqual(result.lines, lines);
    assert.equal(result.positions.at(-1), Buffer.byteLength(text));
    assert.equal(result.positions[0], lines[0]!.length + 2);
    reader.close();
  });

  it('keeps a last line without a line ending, and counts bytes of non-ASCII text', async () => {
    const path = join(dir, 'b.gcode');
    writeFileSync(path, 'M117 héllo\nG28');
    const reader = await FileLineReader.open(path);
    const result = await readAll(reader);
    assert.equal(result.lines.length, 2);
    assert.equal(result.lines[1], 'G28');
    assert.equal(reader.position, reader.size);
    reader.close();
  });

  it('can start again from an offset', async () => {
    const path = join(dir, 'c.gcode');
    writeFileSync(path, 'G1 X1\nG1 X2\nG1 X3\n');
    const reader = await FileLineReader.open(path);
    await reader.seek(6);
    assert.deepEqual((await readAll(reader)).lines, ['G1 X2', 'G1 X3']);
    reader.close();
  });
});
