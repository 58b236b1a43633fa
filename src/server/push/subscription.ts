// `{"subscribe": {...}}`: which state data, plugin messages and events a socket asked for.
import { compileSafePattern, matchesLine } from './safe-pattern.js';

/** Which lines of a list (logs, messages) a socket wants. */
export type LineFilter = { readonly kind: 'all' } | { readonly kind: 'none' } | { readonly kind: 'pattern'; readonly regex: RegExp };

export interface Subscription {
  /** null: no `current`/`history` at all. */
  readonly state: { readonly logs: LineFilter; readonly messages: LineFilter } | null;
  /** null: every plugin; otherwise only these plugin ids. */
  readonly plugins: readonly string[] | null;
  /** null: every event; otherwise only these event names. */
  readonly events: readonly string[] | null;
}

const ALL: LineFilter = { kind: 'all' };
const NONE: LineFilter = { kind: 'none' };

/** What a socket gets before it sends any `subscribe`: everything it may see. */
export const FULL_SUBSCRIPTION: Subscription = { state: { logs: ALL, messages: ALL }, plugins: null, events: null };

/** Longest accepted list of plugin ids or event names. */
const MAX_NAMES = 256;

function lineFilter(value: unknown): LineFilter | string {
  if (value === undefined || value === false) return NONE;
  if (value === true) return ALL;
  if (typeof value === 'string') {
    const regex = compileSafePattern(value);
    return regex ? { kind: 'pattern', regex } : 'not an acceptable regular expression';
  }
  return 'must be a boolean or a regular expression';
}

function nameList(value: unknown): readonly string[] | null | string {
  if (value === undefined || value === false) return [];
  if (value === true) return null;
  if (Array.isArray(value) && value.length <= MAX_NAMES && value.every((item) => typeof item === 'string' && item.length <= 200)) {
    return value as string[];
  }
  return `must be a boolean or a list of at most ${MAX_NAMES} names`;
}

/**
 * Reads a `subscribe` payload. Once a socket subscribes it only gets what it asked for: a key left out
 * means nothing of that kind. Returns an error text for a payload that is not valid (then ignored).
 */
export function parseSubscription(value: unknown): Subscription | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'subscribe must be an object';
  const request = value as Record<string, unknown>;
  let state: Subscription['state'];
  if (request.state === undefined || request.state === false) state = null;
  else if (request.state === true) state = { logs: ALL, messages: ALL };
  else if (typeof request.state === 'object' && request.state !== null && !Array.isArray(request.state)) {
    const stateRequest = request.state as Record<string, unknown>;
    const logs = lineFilter(stateRequest.logs);
    if (typeof logs === 'string') return `state.logs ${logs}`;
    const messages = lineFilter(stateRequest.messages);
    if (typeof messages === 'string') return `state.messages ${messages}`;
    state = { logs, messages };
  } else return 'state must be a boolean or an object';
  const plugins = nameList(request.plugins);
  if (typeof plugins === 'string') return `plugins ${plugins}`;
  const events = nameList(request.events);
  if (typeof events === 'string') return `events ${events}`;
  return { state, plugins, events };
}

/** Whether a name passes a plugin or event list. */
export function listAllows(list: readonly string[] | null, name: string): boolean {
  return list === null || list.includes(name);
}

/** A stable text naming the filter, for sharing serialised messages between sockets with equal filters. */
export function filterKey(filter: LineFilter): string {
  return filter.kind === 'pattern' ? `/${filter.regex.source}/` : filter.kind;
}

/** The lines a filter lets through. */
export function applyFilter(filter: LineFilter, lines: readonly string[]): readonly string[] {
  if (filter.kind === 'all') return lines;
  if (filter.kind === 'none' || lines.length === 0) return [];
  return lines.filter((line) => matchesLine(filter.regex, line));
}
