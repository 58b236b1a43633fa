// The layer rule of eslint-rules/layers.js on made-up files: no `export *` in an index.ts, a facade's re-exports seen
// like imports, and the driver's process and the printer profiles as areas of the rank table.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import layers from '../../eslint-rules/layers.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The rule's messages for `code` as if it were the file `path` (relative to the repository). */
function lint(path: string, code: string): string[] {
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(
    code,
    [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser }, plugins: { argonaut: layers }, rules: { 'argonaut/layers': ['error', { root }] } }],
    { filename: `${root}${path}` },
  );
  return messages.map((message) => message.message);
}

describe('the layer rule', () => {
  it('refuses export * in an index.ts, and allows it nowhere it would hide names', () => {
    assert.match(lint('src/printer/index.ts', "export * from './driver/index.js';").join('\n'), /names what it re-exports/);
    assert.match(lint('src/shared/index.ts', "export * from './errors.js';").join('\n'), /names what it re-exports/);
    assert.deepEqual(lint('src/shared/index.ts', "export { ArgonautError } from './errors.js';"), []);
  });

  it('sees what a facade re-exports: sub-areas through their index, and no folder outside the rank table', () => {
    assert.deepEqual(lint('src/printer/index.ts', "export { DriverClient } from './process/index.js';"), []);
    assert.deepEqual(lint('src/printer/index.ts', "export { PrinterProfileStore } from './profiles/index.js';"), []);
    assert.match(lint('src/printer/index.ts', "export { DriverClient } from './process/driver-client.js';").join('\n'), /through its index\.ts/);
    assert.match(lint('src/printer/index.ts', "export { DriverProxy } from './thread/index.js';").join('\n'), /not an area of the rank table/);
  });

  it('ranks the driver process above the driver, and keeps the driver and profiles from reaching up', () => {
    assert.deepEqual(lint('src/printer/process/driver-host.ts', "import { PrinterDriver } from '../driver/index.js';"), []);
    assert.deepEqual(lint('src/printer/process/printer-transports.ts', "import { VirtualPrinter } from '../virtual/index.js';"), []);
    assert.match(lint('src/printer/driver/printer-driver.ts', "import { DriverClient } from '../process/index.js';").join('\n'), /may not import 'printer\/process'/);
    assert.match(lint('src/printer/profiles/profile-store.ts', "import { PrinterDriver } from '../driver/index.js';").join('\n'), /may not import 'printer\/driver'/);
    assert.match(lint('src/jobs/print-job-service.ts', "import { DriverClient } from '../printer/process/index.js';").join('\n'), /may not import 'printer\/process'/);
  });
});
