// `plugins.virtual_printer` as the driver process gets it: what config.yaml says, over the schema defaults.
import type { Config } from '../../config/index.js';

/** `plugins.virtual_printer` as written (OctoPrint's keys included) over the schema defaults. */
export function virtualPrinterSection(config: Config, raw: unknown): Record<string, unknown> {
  return { ...config.plugins.virtual_printer, ...(typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {}) };
}
