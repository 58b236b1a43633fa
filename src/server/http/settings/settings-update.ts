// Turns a POST /api/settings body (OctoPrint's settings JSON, partial) into validated config.yaml edits.
import { checkValueAt, isField, schemaAt } from '../../../config/index.js';
import type { Config } from '../../../config/index.js';
import { httpErrors } from '../errors.js';
import { isTruthy } from '../request-helpers.js';
import { planAutomationEdits } from './automation-settings.js';
import { checkCameraUrls } from './camera-urls.js';
import { ADMIN_FIELDS, COMMON_FIELDS, READ_ONLY_PLUGIN_KEYS, WEBCAM_FIELDS, getPath, hasPath } from './settings-fields.js';
import type { SettingsField } from './settings-fields.js';
import { planWebcamEdits } from './webcam-settings.js';

export interface SettingsEdit {
  path: string;
  value: unknown;
}

export interface SettingsUpdatePlan {
  edits: SettingsEdit[];
  /** The body touches a setting that needs fresh credentials (even when its value stays the same). */
  needsFreshCredentials: boolean;
  /** API paths of the settings changed, for the log (never the values). */
  changed: string[];
}

export const MAX_BODY_DEPTH = 32;
const SECTIONS = ['api', 'appearance', 'feature', 'serial', 'temperature', 'system', 'server', 'webcam', 'scripts', 'plugins', 'devel', 'accessControl', 'folder', 'gcodeAnalysis', 'slicing', 'camera'];
const BITRATE = /^\d+[KMGTPEZY]?i?B?$/i;
const STREAM_RATIOS = ['16:9', '4:3'];
const VIDEO_CODECS = ['mpeg2video', 'libx264'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Depth of a JSON value, without recursion (a hostile body may nest thousands of levels). */
export function jsonDepth(value: unknown): number {
  let deepest = 0;
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const { value: current, depth } = stack.pop() as { value: unknown; depth: number };
    if (typeof current !== 'object' || current === null) continue;
    deepest = Math.max(deepest, depth + 1);
    if (deepest > MAX_BODY_DEPTH) return deepest;
    for (const child of Object.values(current)) stack.push({ value: child, depth: depth + 1 });
  }
  return deepest;
}

const NUMERIC = /^\s*-?\d+(\.\d+)?\s*$/;

/** OctoPrint's lenient setters: booleans from "true"/"yes"/1…, numbers from numeric strings. */
function coerce(configPath: string, value: unknown): unknown {
  const spec = schemaAt(configPath);
  if (!spec || !isField(spec)) return value;
  switch (spec.kind) {
    case 'boolean':
      return isTruthy(value);
    case 'integer':
    case 'number':
      return typeof value === 'string' && NUMERIC.test(value) ? Number(value) : value;
    default:
      return value;
  }
}

function coerceProfiles(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  return value.map((profile: unknown) => {
    if (!isRecord(profile)) return profile;
    const copy = { ...profile };
    for (const key of ['bed', 'extruder', 'chamber'] as const) {
      const temperature = copy[key];
      if (typeof temperature === 'string' && NUMERIC.test(temperature)) copy[key] = Math.trunc(Number(temperature));
    }
    return copy;
  });
}

/** OctoPrint ignores a value outside a setting's choices (supportResendsWithoutOk, gcodeAnalysis.runAt, ...). */
function outsideChoices(configPath: string, value: unknown): boolean {
  const spec = schemaAt(configPath);
  return spec !== null && isField(spec) && spec.kind === 'string' && spec.compat === true && spec.enum !== undefined && !spec.enum.includes(value as string);
}

/** The value to store for one field, or undefined when OctoPrint would ignore it. */
function fieldValue(field: SettingsField, raw: unknown): unknown {
  if (field.apiDivisor) return typeof raw === 'number' || (typeof raw === 'string' && NUMERIC.test(raw)) ? Math.trunc(Number(raw)) * field.apiDivisor : undefined;
  if (outsideChoices(field.config, raw)) return undefined;
  switch (field.api) {
    case 'serial.baudrate':
      // OctoPrint's null (detect) is Argonaut's 0.
      return raw === null ? 0 : coerce(field.config, raw);
    case 'temperature.profiles':
      return coerceProfiles(raw);
    case 'webcam.streamRatio':
      return typeof raw === 'string' && STREAM_RATIOS.includes(raw) ? raw : undefined;
    case 'webcam.ffmpegVideoCodec':
      return typeof raw === 'string' && VIDEO_CODECS.includes(raw) ? raw : undefined;
    case 'webcam.bitrate': {
      if (raw === null || raw === undefined || raw === '' || raw === false) return undefined;
      const text = String(raw);
      if (!BITRATE.test(text)) throw httpErrors.badRequest('Invalid webcam.bitrate setting, needs to be a valid ffmpeg bitrate');
      return text;
    }
    default:
      return coerce(field.config, raw);
  }
}

function checked(api: string, edit: SettingsEdit): SettingsEdit {
  const problem = checkValueAt(edit.path, edit.value);
  if (problem) throw httpErrors.badRequest(api === edit.path ? problem : `${api}: ${problem}`);
  return edit;
}

function checkShape(body: Record<string, unknown>): void {
  if (jsonDepth(body) > MAX_BODY_DEPTH) throw httpErrors.badRequest(`The settings are nested deeper than ${MAX_BODY_DEPTH} levels.`);
  for (const section of SECTIONS) {
    if (section in body && !isRecord(body[section])) throw httpErrors.badRequest(`${section} must be an object.`);
  }
  for (const path of ['server.commands', 'scripts.gcode']) {
    if (hasPath(body, path) && !isRecord(getPath(body, path))) throw httpErrors.badRequest(`${path} must be an object.`);
  }
}

function scriptEdits(body: Record<string, unknown>, config: Config, plan: SettingsUpdatePlan): void {
  const scripts = getPath(body, 'scripts.gcode');
  if (!isRecord(scripts)) return;
  for (const [name, script] of Object.entries(scripts)) {
    if (name === 'snippets' || typeof script !== 'string' || !Object.hasOwn(config.scripts.gcode, name)) continue;
    plan.edits.push({ path: `scripts.gcode.${name}`, value: script.replace(/\r\n?/g, '\n') });
    plan.changed.push(`scripts.gcode.${name}`);
  }
}

/** `current` with the keys of `changes` replaced, nested sections merged the same way. */
function mergeSection(current: Record<string, unknown>, changes: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = structuredClone(current);
  for (const [key, value] of Object.entries(changes)) {
    const before = merged[key];
    merged[key] = isRecord(before) && isRecord(value) ? mergeSection(before, value) : value;
  }
  return merged;
}

function pluginEdits(body: Record<string, unknown>, config: Config, plan: SettingsUpdatePlan): void {
  const plugins = body.plugins;
  if (!isRecord(plugins)) return;
  const known = config.plugins as unknown as Record<string, Record<string, unknown>>;
  for (const [id, values] of Object.entries(plugins)) {
    if (!isRecord(values) || !isRecord(known[id])) continue;
    for (const [key, raw] of Object.entries(values)) {
      if (!Object.hasOwn(known[id], key) || READ_ONLY_PLUGIN_KEYS.has(`${id}.${key}`)) continue;
      const path = `plugins.${id}.${key}`;
      if (outsideChoices(path, raw)) continue;
      const current = known[id][key];
      // A section of a plugin's settings (virtual_printer.capabilities, ...) changes only in the keys sent.
      const value = isRecord(current) && isRecord(raw) ? mergeSection(current, raw) : coerce(path, raw);
      plan.edits.push(checked(path, { path, value }));
      plan.changed.push(path);
    }
  }
}

/** Validates the body and lists the config.yaml edits it asks for; throws HttpError 400 on malformed input. */
export function planSettingsUpdate(body: Record<string, unknown>, config: Config): SettingsUpdatePlan {
  checkShape(body);
  const plan: SettingsUpdatePlan = { edits: [], needsFreshCredentials: false, changed: [] };
  for (const field of [...COMMON_FIELDS, ...WEBCAM_FIELDS, ...ADMIN_FIELDS]) {
    if (!hasPath(body, field.api)) continue;
    if (field.fresh) plan.needsFreshCredentials = true;
    if (field.readOnly) continue;
    const value = fieldValue(field, getPath(body, field.api));
    if (value === undefined) continue;
    plan.edits.push(checked(field.api, { path: field.config, value }));
    plan.changed.push(field.api);
  }
  scriptEdits(body, config, plan);
  pluginEdits(body, config, plan);
  const camera = planWebcamEdits(body);
  plan.edits.push(...camera.edits);
  plan.changed.push(...camera.changed);
  if (camera.needsFreshCredentials) plan.needsFreshCredentials = true;
  planAutomationEdits(body, plan);
  checkCameraUrls(plan.edits);
  return plan;
}
