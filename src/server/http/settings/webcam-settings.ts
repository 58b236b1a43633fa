// The camera parts of /api/settings: OctoPrint 1.11's `webcam` section and `plugins.classicwebcam`, and Argonaut's own `camera`.
import { checkValueAt, schemaAt, isField } from '../../../config/index.js';
import type { Config } from '../../../config/index.js';
import { httpErrors } from '../errors.js';
import { isTruthy } from '../request-helpers.js';

type Json = Record<string, unknown>;

export const BUILT_IN_STREAM_URL = '/webcam/?action=stream';
export const BUILT_IN_SNAPSHOT_URL = '/webcam/?action=snapshot';
/** OctoPrint's default timelapse command line, reported while no other is configured. */
const FFMPEG_COMMANDLINE = '{ffmpeg} -framerate {fps} -i "{input}" -vcodec {videocodec} -threads {threads} -b:v {bitrate} -f {containerformat} -y {filters} "{output}"';

/** classicwebcam's keys in config.yaml's `webcam` section (the API names `stream` and `snapshot` as they are). */
const CLASSIC_KEYS = ['stream', 'snapshot', 'streamRatio', 'streamTimeout', 'streamWebrtcIceServers', 'snapshotTimeout', 'snapshotSslValidation', 'flipH', 'flipV', 'rotate90', 'cacheBuster'] as const;
/** Argonaut's camera settings (`camera` in config.yaml), shown and saved as `camera` too. */
/** Settings that choose what the server runs or fetches (ffmpeg's arguments, the URLs it opens): fresh credentials only. */
const FRESH_KEYS: ReadonlySet<string> = new Set(['camera.proxyStreamUrl', 'camera.proxySnapshotUrl', 'camera.device', 'camera.inputArgs', 'plugins.classicwebcam.snapshot']);
const CAMERA_KEYS = ['source', 'proxyStreamUrl', 'proxySnapshotUrl', 'device', 'inputFormat', 'size', 'framerate', 'quality', 'inputArgs', 'lingerSeconds'] as const;

/**
 * The stream and snapshot URLs clients are given: the configured ones, else, while Argonaut has a source of its own,
 * its /webcam/ URLs (so relative URLs work in every client).
 */
export function effectiveWebcamUrls(config: Config): { stream: string; snapshot: string } {
  const builtIn = config.camera.source !== 'none';
  return {
    stream: config.webcam.stream !== '' ? config.webcam.stream : builtIn ? BUILT_IN_STREAM_URL : '',
    snapshot: config.webcam.snapshot !== '' ? config.webcam.snapshot : builtIn ? BUILT_IN_SNAPSHOT_URL : '',
  };
}

function optional(config: Config, key: string, fallback: unknown): unknown {
  const value = (config.webcam as Record<string, unknown>)[key];
  return value === undefined ? fallback : structuredClone(value);
}

/**
 * The `webcam` section as OctoPrint 1.11 reports it: the default webcam's compatibility keys, the timelapse keys and the
 * `webcams` list. Without a stream there is no webcam, and `webcamEnabled` is false so that clients (Home Assistant)
 * create no camera pointing nowhere.
 */
export function webcamSectionJson(config: Config): Json {
  const webcam = config.webcam;
  const { stream, snapshot } = effectiveWebcamUrls(config);
  const compat = {
    cacheBuster: webcam.cacheBuster,
    snapshot,
    snapshotSslValidation: webcam.snapshotSslValidation,
    snapshotTimeout: webcam.snapshotTimeout,
    stream,
    streamRatio: webcam.streamRatio,
    streamTimeout: webcam.streamTimeout,
    streamWebrtcIceServers: [...webcam.streamWebrtcIceServers],
  };
  const classic = {
    canSnapshot: snapshot !== '',
    compat,
    displayName: 'Classic Webcam',
    extras: { cacheBuster: webcam.cacheBuster, stream, streamRatio: webcam.streamRatio, streamTimeout: webcam.streamTimeout, streamWebrtcIceServers: [...webcam.streamWebrtcIceServers] },
    flipH: webcam.flipH,
    flipV: webcam.flipV,
    name: 'classic',
    provider: 'classicwebcam',
    rotate90: webcam.rotate90,
    snapshotDisplay: snapshot,
  };
  const present = stream !== '';
  return {
    webcamEnabled: webcam.webcamEnabled && present,
    timelapseEnabled: config.webcam.timelapseEnabled,
    streamUrl: stream,
    streamRatio: webcam.streamRatio,
    streamTimeout: webcam.streamTimeout,
    streamWebrtcIceServers: [...webcam.streamWebrtcIceServers],
    snapshotUrl: snapshot,
    snapshotTimeout: webcam.snapshotTimeout,
    snapshotSslValidation: webcam.snapshotSslValidation,
    cacheBuster: webcam.cacheBuster,
    flipH: webcam.flipH,
    flipV: webcam.flipV,
    rotate90: webcam.rotate90,
    ffmpegPath: webcam.ffmpegPath,
    ffmpegCommandline: optional(config, 'ffmpegCommandline', FFMPEG_COMMANDLINE),
    bitrate: webcam.bitrate,
    ffmpegThreads: webcam.ffmpegThreads,
    ffmpegVideoCodec: webcam.ffmpegVideoCodec,
    watermark: webcam.watermark,
    renderAfterPrintDelay: optional(config, 'renderAfterPrintDelay', 0),
    webcams: present ? [classic] : [],
    defaultWebcam: present ? 'classic' : null,
    snapshotWebcam: present && snapshot !== '' ? 'classic' : null,
  };
}

/** `plugins.classicwebcam` as OctoPrint 1.11 reports it (snapshot authentication is not offered: always none). */
export function classicWebcamPluginJson(config: Config): Json {
  const result: Json = {};
  for (const key of CLASSIC_KEYS) result[key] = structuredClone(config.webcam[key]);
  return { ...result, snapshotAuth: 'none', snapshotUsername: '', snapshotPassword: '', snapshotBearerToken: '' };
}

/** Argonaut's camera settings for its Settings page and for other clients that know them. */
export function argonautCameraJson(config: Config): Json {
  return structuredClone(config.camera) as unknown as Json;
}

export interface WebcamEdit {
  path: string;
  value: unknown;
}

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function coerced(path: string, raw: unknown): unknown {
  const spec = schemaAt(path);
  if (!spec || !isField(spec)) return raw;
  if (spec.kind === 'boolean') return isTruthy(raw);
  if ((spec.kind === 'integer' || spec.kind === 'number') && typeof raw === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(raw)) return Number(raw);
  return raw;
}

function edit(api: string, path: string, raw: unknown): WebcamEdit {
  const value = coerced(path, raw);
  const problem = checkValueAt(path, value);
  if (problem) throw httpErrors.badRequest(`${api}: ${problem}`);
  return { path, value };
}

/**
 * The config.yaml edits a POST /api/settings body asks for in `plugins.classicwebcam` (saved in `webcam`, where
 * `webcam.*` reads them) and `camera`; throws HttpError 400 on a bad value. Unknown keys are ignored.
 */
export function planWebcamEdits(body: Json): { edits: WebcamEdit[]; changed: string[]; needsFreshCredentials: boolean } {
  const edits: WebcamEdit[] = [];
  const changed: string[] = [];
  const classic = isRecord(body.plugins) ? body.plugins.classicwebcam : undefined;
  if (classic !== undefined && !isRecord(classic)) throw httpErrors.badRequest('plugins.classicwebcam must be an object.');
  for (const key of CLASSIC_KEYS) {
    if (!classic || !Object.hasOwn(classic, key)) continue;
    if (key === 'streamRatio' && !['16:9', '4:3'].includes(String(classic[key]))) continue;
    edits.push(edit(`plugins.classicwebcam.${key}`, `webcam.${key}`, classic[key]));
    changed.push(`plugins.classicwebcam.${key}`);
  }
  const camera = body.camera;
  if (camera !== undefined && !isRecord(camera)) throw httpErrors.badRequest('camera must be an object.');
  for (const key of CAMERA_KEYS) {
    if (!camera || !Object.hasOwn(camera, key)) continue;
    edits.push(edit(`camera.${key}`, `camera.${key}`, camera[key]));
    changed.push(`camera.${key}`);
  }
  return { edits, changed, needsFreshCredentials: changed.some((path) => FRESH_KEYS.has(path)) };
}
