// Test helper: config.yaml for an app whose virtual printer asks the host (Marlin/Prusa prompts, M876), discovery off.
import { stringify } from 'yaml';

/**
 * The virtual printer answers at once and announces Cap:PROMPT_SUPPORT; `printer` adds or overrides its options
 * (e.g. filamentRunoutAfterLines), `top` adds other top-level sections (e.g. server).
 */
export function hostPromptsConfig(printer: Record<string, unknown> = {}, top: Record<string, unknown> = {}): string {
  return stringify({
    ...top,
    plugins: { discovery: { enabled: false }, virtual_printer: { instant: true, hostPrompts: true, busyInterval: 300, ...printer } },
  });
}
