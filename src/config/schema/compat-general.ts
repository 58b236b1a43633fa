// OctoPrint's UI flags, analysis, server and developer settings that Argonaut keeps for its clients, with OctoPrint's defaults.
import { at, keptTable } from './compat-fields.js';

const MINUTES = 60;

export const GENERAL_KEPT = [
  ...keptTable('feature', {
    keyboardControl: true,
    pollWatched: false,
    modelSizeDetection: true,
    rememberFileFolder: false,
    printStartConfirmation: false,
    printCancelConfirmation: true,
    uploadOverwriteConfirmation: true,
    fileDeleteConfirmation: true,
    g90InfluencesExtruder: false,
    autoUppercaseBlacklist: ['M117', 'M118', 'M707', 'M708'],
    enableDragDropUpload: true,
  }),
  ...keptTable('gcodeAnalysis', {
    runAt: at(undefined, 'idle', { enum: ['idle', 'always', 'never'] }),
    bedZ: 0,
  }),
  ...keptTable('server', {
    allowFraming: at(undefined, false, { doc: 'Let other sites show the pages in a frame (e.g. a dashboard panel): no X-Frame-Options DENY and no frame-ancestors rule.' }),
    'diskspace.warning': 524288000,
    'diskspace.critical': 209715200,
    'onlineCheck.enabled': false,
    'onlineCheck.interval': at(undefined, 15 * MINUTES, { apiDivisor: MINUTES }),
    'onlineCheck.host': '1.1.1.1',
    'onlineCheck.port': 53,
    'onlineCheck.name': 'octoprint.org',
    'pluginBlacklist.enabled': false,
    'pluginBlacklist.url': 'https://plugins.octoprint.org/blacklist.json',
    'pluginBlacklist.ttl': at(undefined, 15 * MINUTES, { apiDivisor: MINUTES }),
  }),
  ...keptTable('devel', { pluginTimings: false }),
  ...keptTable('slicing', { defaultSlicer: null }),
  ...keptTable('system', { events: null }),
  ...keptTable('accessControl', { autologinHeadsupAcknowledged: false }, 'accessControl', true),
];
