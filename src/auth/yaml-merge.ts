// Three-way merge of a YAML file's data: what this process changed and what another process changed since, both kept.
import { isDeepStrictEqual } from 'node:util';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A list of records with distinct text ids (application keys, remember-me tokens) as a map; null for any other list. */
function byId(value: unknown): Map<string, unknown> | null {
  if (!Array.isArray(value)) return null;
  const map = new Map<string, unknown>();
  for (const item of value) {
    if (!isRecord(item) || typeof item.id !== 'string' || map.has(item.id)) return null;
    map.set(item.id, item);
  }
  return map;
}

/**
 * `ours` and `theirs` both started from `base`. Whatever only one side changed is taken from that side; where both
 * changed the same map (or list of records with ids) the merge goes one level down; where both changed the same
 * value, a removal wins (a user or key removed on either side stays removed), otherwise ours (the later write).
 * undefined means absent.
 */
export function mergeChanges(base: unknown, ours: unknown, theirs: unknown): unknown {
  if (isDeepStrictEqual(ours, theirs) || isDeepStrictEqual(base, theirs)) return ours;
  if (isDeepStrictEqual(base, ours)) return theirs;
  if (ours === undefined || theirs === undefined) return undefined;
  if (isRecord(ours) && isRecord(theirs)) {
    const from = isRecord(base) ? base : {};
    const merged: Record<string, unknown> = {};
    for (const key of new Set([...Object.keys(ours), ...Object.keys(theirs)])) {
      const value = mergeChanges(from[key], ours[key], theirs[key]);
      if (value !== undefined) merged[key] = value;
    }
    return merged;
  }
  const oursById = byId(ours);
  const theirsById = byId(theirs);
  if (oursById && theirsById) {
    const baseById = byId(base) ?? new Map<string, unknown>();
    const merged: unknown[] = [];
    for (const id of new Set([...oursById.keys(), ...theirsById.keys()])) {
      const value = mergeChanges(baseById.get(id), oursById.get(id), theirsById.get(id));
      if (value !== undefined) merged.push(value);
    }
    return merged;
  }
  return ours;
}
