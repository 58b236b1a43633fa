// JSON schemas of the settings API (for the OpenAPI document), with an example built from the default config.
import { allPermissions, guestIdentity } from '../../../auth/index.js';
import { resolveConfig } from '../../../config/index.js';
import { S } from '../openapi/json-schema.js';
import { buildSettingsJson } from './settings-dump.js';

const Nullable = S.nullable;
const Loose = { additionalProperties: true } as const;

const WebcamSchema = S.object(
  {
    webcamEnabled: S.boolean({ description: 'False when no stream URL is configured.' }),
    timelapseEnabled: S.boolean({ description: 'Whether timelapses are recorded (webcam.timelapseEnabled).' }),
    streamUrl: S.string(),
    streamRatio: S.string(),
    streamTimeout: S.integer(),
    streamWebrtcIceServers: S.array(S.string()),
    snapshotUrl: S.string(),
    snapshotTimeout: S.integer(),
    snapshotSslValidation: S.boolean(),
    cacheBuster: S.boolean(),
    flipH: S.boolean(),
    flipV: S.boolean(),
    rotate90: S.boolean(),
    ffmpegPath: Nullable(S.string()),
    bitrate: S.string(),
    ffmpegThreads: S.integer(),
    ffmpegVideoCodec: S.string(),
    watermark: S.boolean(),
    webcams: S.array(S.object({ name: S.string(), displayName: S.string() }, Loose)),
    defaultWebcam: Nullable(S.string()),
    snapshotWebcam: Nullable(S.string()),
  },
  Loose,
);

const TemperatureProfileSchema = S.object(
  { name: S.string(), extruder: S.number(), bed: S.number(), chamber: S.optional(Nullable(S.number())) },
  Loose,
);

export const SettingsSchema = S.object(
  {
    api: S.object({ key: S.null({ description: 'Always null: there is no global API key.' }), allowCrossOrigin: S.boolean() }),
    appearance: S.object({ name: S.string(), color: S.string(), colorTransparent: S.boolean() }, Loose),
    feature: S.object({ sdSupport: S.boolean(), temperatureGraph: S.boolean() }, Loose),
    serial: S.object(
      {
        port: Nullable(S.string()),
        baudrate: Nullable(S.integer({ description: 'null: detect the baud rate.' })),
        portOptions: S.array(S.string()),
        baudrateOptions: S.array(S.integer()),
        autoconnect: S.boolean(),
        log: S.boolean(),
      },
      Loose,
    ),
    folder: S.object({ uploads: S.string(), logs: S.string() }, Loose),
    temperature: S.object(
      { profiles: S.array(TemperatureProfileSchema), cutoff: S.integer(), sendAutomatically: S.boolean(), sendAutomaticallyAfter: S.integer() },
      Loose,
    ),
    system: S.object({ actions: S.array(S.object({ action: S.string() }, Loose)) }, Loose),
    terminalFilters: S.array(S.object({ name: S.string(), regex: S.string() })),
    scripts: S.object({ gcode: S.record(S.union([S.string(), S.object({}, Loose)])) }, Loose),
    server: S.object(
      {
        commands: S.object({
          systemShutdownCommand: Nullable(S.string()),
          systemRestartCommand: Nullable(S.string()),
          serverRestartCommand: Nullable(S.string()),
        }),
      },
      Loose,
    ),
    devel: S.object({}, Loose),
    plugins: S.object({ discovery: S.object({ upnpUuid: Nullable(S.string()) }, Loose) }, Loose),
    webcam: S.union([WebcamSchema, S.object({}, { additionalProperties: false })], {
      description: 'Empty without the WEBCAM permission.',
    }),
    controls: S.array(S.unknown(), { description: 'Empty without the CONTROL permission.' }),
    accessControl: S.optional(S.object({ autologinLocal: S.boolean() }, { ...Loose, description: 'Only for admins.' })),
    argonaut: S.optional(
      S.object(
        {
          restartNeeded: S.array(S.string(), { description: 'Settings changed in config.yaml that take effect when the server is restarted.' }),
          configProblem: Nullable(S.string({ description: 'Why config.yaml cannot be read (the server keeps its settings and refuses saves until it is fixed); the details only for admins.' })),
        },
        { description: "Argonaut's notices about config.yaml (not in OctoPrint)." },
      ),
    ),
  },
  Loose,
);

/** What an admin sees on a fresh install with a stream configured (the example of the document). */
export function exampleSettings(): Record<string, unknown> {
  const config = resolveConfig({
    appearance: { name: 'Workshop Prusa' },
    webcam: { stream: '/webcam/?action=stream', snapshot: 'http://127.0.0.1:8080/?action=snapshot' },
    plugins: { discovery: { upnpUuid: '6a1f0f64-0d3e-4d55-9a5c-6f1c5a3e2b10' } },
  }).config;
  return buildSettingsJson({
    config,
    identity: guestIdentity(allPermissions()),
    folders: { uploads: '/home/pi/.argonaut/uploads', logs: '/home/pi/.argonaut/logs', timelapse: '/home/pi/.argonaut/timelapse', watched: '/home/pi/.argonaut/watched' },
    connection: { ports: ['/dev/ttyACM0', 'VIRTUAL'], baudrates: config.serial.baudrates },
    controls: [],
    notices: { restartNeeded: [], configProblem: null },
  });
}

export const SettingsUpdateSchema = S.object(
  {},
  {
    ...Loose,
    description:
      'Any part of the settings JSON. Unknown keys and read-only keys (api.key, devel.enableRateLimiter, devel.enableCsrfProtection, accessControl, folder) are ignored. ' +
      "OctoPrint's settings that Argonaut does not act on are stored and returned as sent. " +
      'Changing api.allowCrossOrigin, server.commands, system.actions or webcam.ffmpegPath needs fresh credentials.',
    examples: [{ appearance: { name: 'Workshop Prusa', color: 'blue' }, temperature: { profiles: [{ name: 'PETG', extruder: 240, bed: 80 }] } }],
  },
);
