// Every OctoPrint setting Argonaut keeps for its clients (see compat-fields.ts), in one list.
import type { CompatSetting } from './compat-fields.js';
import { GENERAL_KEPT } from './compat-general.js';
import { PLUGINS_KEPT } from './compat-plugins.js';
import { SERIAL_KEPT } from './compat-serial.js';

export const KEPT_SETTINGS: readonly CompatSetting[] = [...SERIAL_KEPT, ...GENERAL_KEPT, ...PLUGINS_KEPT];
