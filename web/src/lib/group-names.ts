// Group names as the access-control screens show them, so that every screen calls a group the same.
import type { GroupRecord } from '../api/types.js';

/** The built-in groups' names, for people who may not read the group list (only administrators may). */
const BUILT_IN: Record<string, string> = {
  admins: 'Admins',
  users: 'Operator',
  readonly: 'Read-only Access',
  guests: 'Guests',
};

/** A group's name: from the loaded group list when there is one, else the built-in name, else its key. */
export function groupName(key: string, groups?: readonly GroupRecord[] | null): string {
  return groups?.find((group) => group.key === key)?.name ?? BUILT_IN[key] ?? key;
}
