// Types of the layer rule's plugin, for tests that run it.
import type { ESLint } from 'eslint';

/** Which areas each area may import (besides itself). */
export const ALLOWED: Record<string, string[]>;
declare const plugin: ESLint.Plugin;
export default plugin;
