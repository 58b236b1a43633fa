// config.yaml sections the clients read: api, appearance, feature, temperature, webcam, scripts, devel, plugins.
import { displayProgressSchema, psuControlSchema } from './automation.js';
import { atStart, field } from './fields.js';
import { actionCommandNotificationSchema, actionCommandPromptSchema } from './action-commands.js';

export const apiSchema = {
  allowCrossOrigin: field.boolean(false, 'Allow Cross Origin Resource Sharing (CORS) for the API.'),
  key: field.optionalString(null, 'Ignored: Argonaut has no global API key; use user or application keys.'),
} as const;

export const appearanceSchema = {
  name: field.string('', 'Name of this printer shown in the UI and to clients.'),
  color: field.string('default', 'Colour of the navigation bar.', ['default', 'red', 'orange', 'yellow', 'green', 'blue', 'violet', 'black', 'white']),
  colorTransparent: field.boolean(false, 'Make the navigation bar colour transparent.'),
  colorIcon: field.boolean(true, 'Colour the browser tab icon like the navigation bar (for OctoPrint clients).'),
  closeModalsWithClick: field.boolean(true, 'Close dialogs by clicking beside them (for OctoPrint clients).'),
  defaultLanguage: field.string('_default', 'Language of the interface; _default follows the browser (for OctoPrint clients).'),
  fuzzyTimes: field.boolean(true, 'Show times as "5 minutes ago" rather than dates (for OctoPrint clients).'),
  showFahrenheitAlso: field.boolean(false, 'Show temperatures in Fahrenheit too (for OctoPrint clients).'),
  showInternalFilename: field.boolean(true, 'Show the stored file name beside the display name (for OctoPrint clients).'),
} as const;

export const featureSchema = {
  sdSupport: field.boolean(true, 'Offer the printer SD card.'),
  temperatureGraph: field.boolean(true, 'Show the temperature graph.'),
} as const;

export interface TemperatureProfile {
  name: string;
  extruder: number;
  bed: number;
  chamber?: number | null;
}

function checkProfiles(value: unknown): string | null {
  if (!Array.isArray(value)) return 'a list of {name, extruder, bed}';
  for (const profile of value) {
    if (typeof profile !== 'object' || profile === null) return 'a list of {name, extruder, bed}';
    const p = profile as Record<string, unknown>;
    if (typeof p.name !== 'string' || typeof p.extruder !== 'number' || typeof p.bed !== 'number') {
      return 'a list of {name, extruder, bed} with a text name and numeric temperatures';
    }
  }
  return null;
}

export const temperatureSchema = {
  profiles: field.any<TemperatureProfile[]>(
    [
      { name: 'ABS', extruder: 210, bed: 100, chamber: null },
      { name: 'PLA', extruder: 180, bed: 60, chamber: null },
    ],
    'Temperature presets offered in the UI.',
    checkProfiles,
  ),
  cutoff: field.integer(30, 'Minutes of temperature history kept.', 1, 1440),
  sendAutomatically: field.boolean(false, 'Send preset temperatures automatically.'),
  sendAutomaticallyAfter: field.integer(1, 'Seconds to wait before sending automatically.', 0, 60),
} as const;

export const webcamSchema = {
  webcamEnabled: field.boolean(true, 'Show the webcam.'),
  timelapseEnabled: field.boolean(true, 'Record timelapses (the mode is webcam.timelapse.type).'),
  timelapse: {
    type: field.string('off', 'Timelapse mode: off, zchange (a frame at each layer change) or timed (a frame every interval).', ['off', 'zchange', 'timed']),
    fps: field.integer(25, 'Frames per second of the rendered movie.', 1, 120),
    postRoll: field.integer(0, 'Seconds of movie added after the print (the last frame held, or timed captures continued).', 0, 3600),
    renderAfterPrint: field.string('always', 'Render the movie after a print: always, success, failure or off (captures stay unrendered).', ['always', 'success', 'failure', 'off']),
    options: {
      interval: field.integer(10, 'Timed mode: seconds between captures.', 1, 86400),
      capturePostRoll: field.boolean(true, 'Timed mode: keep capturing during the post-roll instead of holding the last frame.'),
      retractionZHop: field.number(0, 'Z-change mode: a Z move of exactly this height (mm) is a retraction z-hop and takes no frame; 0 off.', 0, 100),
      minDelay: field.number(5, 'Z-change mode: least seconds between two frames (vase mode).', 0, 3600),
    },
  },
  cleanTmpAfterDays: field.integer(7, 'Unrendered timelapse captures older than this many days are deleted.', 1, 3650),
  timelapseMinFreeMb: field.integer(500, 'Argonaut: stop capturing timelapse frames when the disk has less than this many MB free.', 0, 1048576),
  stream: field.string('', 'URL of the webcam stream.'),
  snapshot: field.string('', 'URL of a webcam snapshot.'),
  streamRatio: field.string('16:9', 'Aspect ratio of the stream.', ['16:9', '4:3']),
  streamTimeout: field.integer(5, 'Seconds before the stream counts as lost.', 1, 600),
  streamWebrtcIceServers: field.stringList(['stun:stun.l.google.com:19302'], 'ICE servers for WebRTC streams.'),
  snapshotTimeout: field.integer(5, 'Seconds to wait for a snapshot.', 1, 600),
  snapshotSslValidation: field.boolean(true, 'Validate the snapshot URL certificate.'),
  flipH: field.boolean(false, 'Flip the image horizontally.'),
  flipV: field.boolean(false, 'Flip the image vertically.'),
  rotate90: field.boolean(false, 'Rotate the image by 90 degrees.'),
  cacheBuster: field.boolean(false, 'Add a cache buster to the stream URL.'),
  ffmpegPath: field.optionalString(null, 'Path of the ffmpeg to use (camera on this host, timelapse rendering); empty uses the system\'s, else the one bundled with Argonaut.'),
  bitrate: field.string('10000k', 'Bitrate of rendered timelapse movies.'),
  ffmpegThreads: field.integer(1, 'Threads ffmpeg may use to render a timelapse.', 1, 64),
  ffmpegVideoCodec: field.string('libx264', 'Video codec of rendered timelapses (mpeg2video makes .mpg, any other .mp4).'),
  watermark: field.boolean(true, 'Kept from OctoPrint; Argonaut renders no watermark.'),
} as const;

export const scriptsSchema = {
  gcode: {
    beforePrintStarted: field.string('', 'G-code sent before a print starts.'),
    afterPrintDone: field.string('', 'G-code sent after a print finishes.'),
    afterPrintCancelled: field.string('; disable motors\nM84\n\n;disable all heaters\nM104 S0\nM140 S0\n\n;disable fan\nM106 S0', 'G-code sent after a print is cancelled.'),
    beforePrintPaused: field.string('', 'G-code sent when a print pauses.'),
    beforePrintResumed: field.string('', 'G-code sent before a paused print resumes.'),
    afterPrinterConnected: field.string('', 'G-code sent after connecting.'),
    beforePrinterDisconnected: field.string('', 'G-code sent before disconnecting.'),
  },
} as const;

export const develSchema = {
  enableRateLimiter: field.boolean(true, 'Rate-limit failed logins and app key requests.'),
  enableCsrfProtection: field.boolean(true, 'Check the CSRF token on cookie-authenticated writes.'),
} as const;

export const pluginsSchema = {
  virtual_printer: {
    enabled: atStart(field.boolean(true, 'Offer the built-in virtual printer as port VIRTUAL.')),
    instant: field.boolean(false, 'Answer instantly instead of simulating motion and heating time.'),
    checksumErrorRate: field.number(0, 'Share of lines answered with a checksum error (0 to 1).', 0, 1),
    dropOkRate: field.number(0, 'Share of oks that are lost (0 to 1).', 0, 1),
    busyRate: field.number(0, 'Share of lines answered with busy first (0 to 1).', 0, 1),
    seed: field.integer(1, 'Seed of the fault injection.', 0, 2147483647),
  },
  discovery: {
    enabled: atStart(field.boolean(true, 'Announce this server on the local network (zeroconf and SSDP).')),
    upnpUuid: field.optionalString(null, 'Stable UUID of this server, made on first start.'),
    publicHost: atStart(field.optionalString(null, 'Host name to announce.')),
    publicPort: atStart(field.optionalString(null, 'Port to announce.')),
  },
  action_command_prompt: actionCommandPromptSchema,
  action_command_notification: actionCommandNotificationSchema,
  appkeys: {
    requestRateLimit: field.integer(20, 'App key requests accepted per client address per minute.', 1, 10000),
  },
  psucontrol: psuControlSchema,
  display_progress: displayProgressSchema,
} as const;

export const loggingSchema = {
  level: field.string('info', 'How much the server logs.', ['fatal', 'error', 'warn', 'info', 'debug', 'trace']),
} as const;
