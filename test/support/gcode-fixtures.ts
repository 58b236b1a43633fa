// Test helper: where the repository's real slicer G-code fixtures live (test/fixtures/gcode), by file name.
import { fileURLToPath } from 'node:url';

/** The folder holding the fixtures. */
export const GCODE_FIXTURE_DIR = fileURLToPath(new URL('../fixtures/gcode/', import.meta.url));

/** Absolute path of one fixture, e.g. `gcodeFixture('torus.gcode')`. */
export function gcodeFixture(name: string): string {
  return GCODE_FIXTURE_DIR + name;
}
