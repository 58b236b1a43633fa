// JSON schemas of the settings API (for the OpenAPI document), with an example built from the default config.
import { Type } from 'typebox';
import { guestIdentity, allPermissions } from '../../../auth/index.js';
import { resolveConfig } from '../../../config/index.js';
import { buildSettingsJson } from './settings-dump.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const Loose = { additionalProperties: true } as const;

const WebcamSchema = Type.Object(
  {
    webcamEnabled: Type.Boolean({ description: 'False when no stream URL is configured.' }),
    timelapseEnabled: Type.Boolean({ description: 'Always false: Argonaut records no timelapses.' }),
    streamUrl: Type.String(),
    streamRatio: Type.String(),
    streamTimeout: Type.Integer(),
    streamWebrtcIceServers: Type.Array(Type.String()),
    snapshotUrl: Type.String(),
    snapshotTimeout: Type.Integer(),
    snapshotSslValidation: Type.Boolean(),
    cacheBuster: Type.Boolean(),
    flipH: Type.Boolean(),
    flipV: Type.Boolean(),
    rotate90: Type.Boolean(),
    ffmpegPath: Nullable(Type.String()),
    bitrate: Type.String(),
    ffmpegThreads: Type.Integer(),
    ffmpegVideoCodec: Type.String(),
    watermark: Type.Boolean(),
    webcams: Type.Array(Type.Object({ name: Type.String(), displayName: Type.String() }, Loose)),
    defaultWebcam: Nullable(Type.String()),
    snapshotWebcam: Nullable(Type.String()),
  },
  Loose,
);

const TemperatureProfileSchema = Type.Object(
  { name: Type.String(), extruder: Type.Number(), bed: Type.Number(), chamber: Type.Optional(Nullable(Type.Number())) },
  Loose,
);

export const SettingsSchema = Type.Object(
  {
    api: Type.Object({ key: Type.Null({ description: 'Always null: there is no global API key.' }), allowCrossOrigin: Type.Boolean() }),
    appearance: Type.Object({ name: Type.String(), color: Type.String(), colorTransparent: Type.Boolean() }, Loose),
    feature: Type.Object({ sdSupport: Type.Boolean(), temperatureGraph: Type.Boolean() }, Loose),
    serial: Type.Object(
      {
        port: Nullable(Type.String()),
        baudrate: Type.Integer(),
        portOptions: Type.Array(Type.String()),
        baudrateOptions: Type.Array(Type.Integer()),
        autoconnect: Type.Boolean(),
        log: Type.Boolean(),
      },
      Loose,
    ),
    folder: Type.Object({ uploads: Type.String(), logs: Type.String() }, Loose),
    temperature: Type.Object(
      { profiles: Type.Array(TemperatureProfileSchema), cutoff: Type.Integer(), sendAutomatically: Type.Boolean(), sendAutomaticallyAfter: Type.Integer() },
      Loose,
    ),
    system: Type.Object({ actions: Type.Array(Type.Object({ action: Type.String() }, Loose)) }, Loose),
    terminalFilters: Type.Array(Type.Object({ name: Type.String(), regex: Type.String() })),
    scripts: Type.Object({ gcode: Type.Record(Type.String(), Type.Union([Type.String(), Type.Object({}, Loose)])) }, Loose),
    server: Type.Object(
      {
        commands: Type.Object({
          systemShutdownCommand: Nullable(Type.String()),
          systemRestartCommand: Nullable(Type.String()),
          serverRestartCommand: Nullable(Type.String()),
        }),
      },
      Loose,
    ),
    devel: Type.Object({}, Loose),
    plugins: Type.Object({ discovery: Type.Object({ upnpUuid: Nullable(Type.String()) }, Loose) }, Loose),
    webcam: Type.Union([WebcamSchema, Type.Object({}, { additionalProperties: false })], {
      description: 'Empty without the WEBCAM permission.',
    }),
    controls: Type.Array(Type.Unknown(), { description: 'Empty without the CONTROL permission.' }),
    accessControl: Type.Optional(Type.Object({ autologinLocal: Type.Boolean() }, { ...Loose, description: 'Only for admins.' })),
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
    folders: { uploads: '/home/pi/.argonaut/uploads', logs: '/home/pi/.argonaut/logs' },
    connection: { ports: ['/dev/ttyACM0', 'VIRTUAL'], baudrates: config.serial.baudrates },
    controls: [],
  });
}

export const SettingsUpdateSchema = Type.Object(
  {},
  {
    ...Loose,
    description:
      'Any part of the settings JSON. Unknown keys and read-only keys (api.key, devel, accessControl, folder) are ignored. ' +
      'Changing api.allowCrossOrigin, server.commands, system.actions or webcam.ffmpegPath needs fresh credentials.',
    examples: [{ appearance: { name: 'Workshop Prusa', color: 'blue' }, temperature: { profiles: [{ name: 'PETG', extruder: 240, bed: 80 }] } }],
  },
);
