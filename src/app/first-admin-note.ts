// The log line that says when the first administrator was created and by which route (first-run page, CLI, import).
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { GroupStore, UserStore, firstAdminMessage } from '../auth/index.js';
import type { FirstAdminRoute } from '../auth/index.js';
import type { Basedir } from '../config/index.js';

/** The active users with the ADMIN permission in a basedir's files, read as they are on disk. */
export function activeAdminNames(layout: Basedir): string[] {
  const groups = GroupStore.open(layout.groupsFile);
  const users = UserStore.open(layout.usersFile);
  return users
    .list()
    .filter((user) => user.active && groups.permissionsOfUser(user).has('ADMIN'))
    .map((user) => user.name);
}

/**
 * For commands that work on the basedir without the server (CLI, import): appends the message to logs/argonaut.log in
 * the server's line format, so the server's log tells the story too. Returns the message; a write failure is ignored
 * (the command prints the message itself).
 */
export function noteFirstAdmin(layout: Basedir, names: readonly string[], route: FirstAdminRoute, detail?: string): string {
  const msg = firstAdminMessage(names, route, detail);
  try {
    mkdirSync(layout.logs, { recursive: true });
    appendFileSync(join(layout.logs, 'argonaut.log'), `${JSON.stringify({ level: 30, time: Date.now(), msg })}\n`, { encoding: 'utf8' });
  } catch {
    // Not fatal: the command's own output says it.
  }
  return msg;
}
