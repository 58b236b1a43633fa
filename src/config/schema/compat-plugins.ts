// Settings of OctoPrint's bundled plugins that Argonaut does not have, kept for clients that save them: one entry per plugin.
import { keptPlugin } from './compat-fields.js';
import type { CompatSetting } from './compat-fields.js';
import { VIRTUAL_PRINTER_KEPT } from './compat-virtual-printer.js';

/**
 * The registry: plugin id → its settings with OctoPrint's defaults (`plugins.<id>.<key>` in the API and in
 * config.yaml). A plugin Argonaut really implements gets a typed section in `pluginsSchema` (misc.ts) instead and is
 * removed from here; a section may not be in both.
 */
export const KEPT_PLUGINS: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  achievements: { timezone: '' },
  backup: { restore_unsupported: false },
  file_check: { ignored_checks: [] },
  firmware_check: { ignore_infos: false },
  gcodeviewer: {
    mobileSizeThreshold: 2097152,
    sizeThreshold: 20971520,
    compressionSizeThreshold: 209715200,
    skipUntilThis: null,
    alwaysCompress: false,
  },
  health_check: {
    check_interval: 60,
    disabled: [],
    checks: {
      filesystem_storage: { issue_threshold: 95, warning_threshold: 85 },
      python_eol: {
        url: 'https://get.octoprint.org/python-eol',
        ttl: 86400,
        fallback: {
          '3.7': { date: '2023-06-27', last_octoprint: '1.11.*' },
          '3.8': { date: '2024-10-07', last_octoprint: '1.11.*' },
        },
      },
    },
  },
  logging: { serial_log_warning: true, plugintimings_log_warning: true },
  virtual_printer: VIRTUAL_PRINTER_KEPT,
};

export const PLUGINS_KEPT: CompatSetting[] = Object.entries(KEPT_PLUGINS).flatMap(([id, defaults]) => keptPlugin(id, defaults));
