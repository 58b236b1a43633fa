// `plugins.virtual_printer` as the driver process gets it: what config.yaml says, over the schema defaults.
import { KEPT_SETTINGS } from '../../config/index.js';
import type { Config } from '../../config/index.js';

const PREFIX = 'plugins.virtual_printer.';
const KEPT_KEYS = new Set(KEPT_SETTINGS.filter((setting) => setting.config.startsWith(PREFIX)).map((setting) => setting.config.slice(PREFIX.length)));

/** `plugins.virtual_printer` as written (OctoPrint's keys included) over the schema defaults. */
export function virtualPrinterSection(config: Config, raw: unknown): Record<string, unknown> {
  // OctoPrint's keys count only when config.yaml sets them: their defaults (kept for clients) are OctoPrint's, not ours.
  const own = Object.fromEntries(Object.entries(config.plugins.virtual_printer).filter(([key]) => !KEPT_KEYS.has(key)));
  return { ...own, ...(typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {}) };
}
