// The `events` section of /api/settings (event subscriptions) and the fresh-credentials rule of power control's commands.
import { hasPermission } from '../../../auth/index.js';
import type { Identity } from '../../../auth/index.js';
import { checkValueAt } from '../../../config/index.js';
import type { Config } from '../../../config/index.js';
import { httpErrors } from '../errors.js';
import { SUBSCRIBABLE_EVENTS } from './event-names.js';
import { getPath, hasPath } from './settings-fields.js';

interface Plan {
  edits: Array<{ path: string; value: unknown }>;
  needsFreshCredentials: boolean;
  changed: string[];
}

/** Settings under plugins.psucontrol that run something on this host: changing them needs fresh credentials. */
const COMMAND_KEYS = ['onSysCommand', 'offSysCommand', 'senseSystemCommand', 'GPIODevice', 'switchingMethod', 'sensingMethod', 'httpAddress'];

/**
 * `events`: shown to those who may change settings (its commands run on this host). OctoPrint keeps the section out of
 * its API and reports only `system.events`, a key nothing uses (null); Argonaut reports that too, and adds `events` so
 * that the Settings page can list and edit subscriptions.
 */
export function addAutomationSettings(result: Record<string, unknown>, config: Config, identity: Identity): void {
  const system = result.system;
  if (typeof system === 'object' && system !== null && !Array.isArray(system)) (system as Record<string, unknown>).events ??= null;
  if (!hasPermission(identity, 'SETTINGS')) return;
  result.events = structuredClone(config.events);
  // OctoPrint's event manager plugin shows the same subscriptions, with the events one may subscribe to.
  const plugins = isRecord(result.plugins) ? result.plugins : (result.plugins = {});
  (plugins as Record<string, unknown>).eventmanager = { availableEvents: [...SUBSCRIBABLE_EVENTS], subscriptions: structuredClone(config.events.subscriptions) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Adds the edits of `events` to the plan (whole list replaced), and the fresh-credentials rule for commands. */
export function planAutomationEdits(body: Record<string, unknown>, plan: Plan): void {
  for (const key of COMMAND_KEYS) if (hasPath(body, `plugins.psucontrol.${key}`)) plan.needsFreshCredentials = true;
  // OctoPrint's event manager plugin saves the subscriptions under plugins.eventmanager: the same list.
  if (hasPath(body, 'plugins.eventmanager.subscriptions')) addEdit(plan, 'events.subscriptions', getPath(body, 'plugins.eventmanager.subscriptions'));
  if (!('events' in body)) return;
  const events = body.events;
  if (!isRecord(events)) throw httpErrors.badRequest('events must be an object.');
  for (const key of ['enabled', 'subscriptions', 'timeout'] as const) {
    if (!Object.hasOwn(events, key)) continue;
    addEdit(plan, `events.${key}`, getPath(body, `events.${key}`));
  }
}

/** A checked edit of the events section; its commands run on this host, so it needs fresh credentials. */
function addEdit(plan: Plan, path: string, value: unknown): void {
  const problem = checkValueAt(path, value);
  if (problem) throw httpErrors.badRequest(`${path}: ${problem}`);
  plan.edits.push({ path, value });
  plan.changed.push(path);
  plan.needsFreshCredentials = true;
}
