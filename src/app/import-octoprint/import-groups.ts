// Groups: OctoPrint's groups.yaml (custom groups, and customised permissions of the changeable built-in ones).
import { GUEST_GROUP, PERMISSIONS, isDangerous, isPermissionKey, parseGroups } from '../../auth/index.js';
import type { Group, GroupStore } from '../../auth/index.js';
import type { ImportReport } from './import-report.js';
import { isRecord, readYamlFile, reasonOf } from './octoprint-source.js';

export interface GroupsImport {
  sourceFile: string;
  targetFile: string;
  /** Opens Argonaut's group store; null in a dry run. */
  open: (() => GroupStore) | null;
  report: ImportReport;
}

type Wanted = Pick<Group, 'key' | 'name' | 'description' | 'permissions' | 'subgroups' | 'default'>;

const sorted = (list: readonly string[]): string[] => [...list].sort();

function sameGroup(a: Wanted, b: Wanted): boolean {
  return (
    a.name === b.name &&
    a.description === b.description &&
    a.default === b.default &&
    sorted(a.permissions).join() === sorted(b.permissions).join() &&
    sorted(a.subgroups).join() === sorted(b.subgroups).join()
  );
}

/** The keys of the groups the file itself holds (OctoPrint's `{groups: {...}}` or an old bare map). */
function keysInFile(data: unknown): string[] {
  if (!isRecord(data)) return [];
  const groups = 'groups' in data ? data.groups : data;
  return isRecord(groups) ? Object.keys(groups).filter((key) => isRecord(groups[key])) : [];
}

/** Subgroups before the groups that contain them (cycles are broken where found). */
function dependencyOrder(keys: string[], groups: Map<string, Group>): string[] {
  const order: string[] = [];
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key) || !keys.includes(key)) return;
    seen.add(key);
    for (const sub of groups.get(key)?.subgroups ?? []) visit(sub);
    order.push(key);
  };
  for (const key of keys) visit(key);
  return order;
}

/** Imports the groups (unless a dry run) and returns the keys of every group Argonaut has afterwards. */
export async function importGroups(options: GroupsImport): Promise<Set<string>> {
  const { report } = options;
  const target = await readYamlFile(options.targetFile);
  if (target.state === 'bad') {
    report.add('groups', 'problem', options.targetFile, `Argonaut's groups file ${target.reason}; no group imported`);
    return new Set(parseGroups(undefined).keys());
  }
  const current = parseGroups(target.state === 'ok' ? target.data : undefined);
  const available = new Set(current.keys());
  const source = await readYamlFile(options.sourceFile);
  if (source.state === 'bad') report.add('groups', 'problem', options.sourceFile, `${source.reason}; no group imported`);
  if (source.state !== 'ok') return available;
  const octoprint = parseGroups(source.data);
  const builtIn = parseGroups(undefined);
  let store: GroupStore | null = null;
  for (const key of dependencyOrder(keysInFile(source.data), octoprint)) {
    const group = octoprint.get(key);
    if (!group) continue;
    const notes: string[] = [];
    const unknown = group.permissions.filter((p) => !isPermissionKey(p));
    if (unknown.length > 0) report.add('groups', 'not-imported', `${key} permissions ${unknown.join(', ')}`, 'no such permission in Argonaut');
    let permissions = group.permissions.filter(isPermissionKey);
    if (key === GUEST_GROUP && permissions.some(isDangerous)) {
      notes.push(`dangerous permissions left out: ${permissions.filter(isDangerous).join(', ')}`);
      permissions = permissions.filter((p) => !isDangerous(p));
    }
    const subgroups = group.subgroups.filter((s) => available.has(s) && s !== key);
    const missing = group.subgroups.filter((s) => !subgroups.includes(s));
    if (missing.length > 0) notes.push(`unknown subgroups left out: ${missing.join(', ')}`);
    const wanted: Wanted = { key, name: group.name, description: group.description, permissions, subgroups, default: group.default };
    const existing = current.get(key);
    if (existing && sameGroup(existing, wanted)) {
      report.add('groups', 'unchanged', key);
      continue;
    }
    const base = builtIn.get(key);
    if (existing && !(base && existing.changeable && sameGroup(existing, base))) {
      report.add('groups', 'kept', key, existing.changeable ? 'Argonaut has a different group with this key' : 'a built-in group that cannot be changed');
      continue;
    }
    try {
      if (options.open) {
        store ??= options.open();
        if (existing) await store.update(key, { permissions, subgroups, default: wanted.default });
        else await store.add({ key, name: wanted.name, description: wanted.description, permissions, subgroups, default: wanted.default });
      }
      available.add(key);
      const what = existing ? 'customised permissions' : `${permissions.length} of ${PERMISSIONS.length} permissions`;
      report.add('groups', 'imported', key, [what, ...notes].join('; '));
    } catch (error) {
      report.add('groups', 'problem', `${options.sourceFile}: ${key}`, `not imported: ${reasonOf(error)}`);
    }
  }
  await store?.flush();
  return available;
}
