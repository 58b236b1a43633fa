// The basedir layout (like OctoPrint's): config.yaml, users.yaml, uploads/, data/, logs/, printerProfiles/.
import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export interface Basedir {
  readonly root: string;
  readonly configFile: string;
  readonly usersFile: string;
  readonly groupsFile: string;
  readonly uploads: string;
  readonly data: string;
  readonly appkeysFile: string;
  readonly sessionsFile: string;
  readonly secretFile: string;
  readonly logs: string;
  readonly printerProfiles: string;
  readonly temp: string;
  readonly pidFile: string;
  /** Rendered timelapse movies. */
  readonly timelapse: string;
  /** Timelapse captures waiting to be rendered (OctoPrint's timelapse/tmp). */
  readonly timelapseTmp: string;
}

/** `--basedir`, else `$ARGONAUT_BASEDIR`, else `~/.argonaut`. */
export function defaultBasedir(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.ARGONAUT_BASEDIR;
  return fromEnv && fromEnv.length > 0 ? resolve(fromEnv) : join(homedir(), '.argonaut');
}

export function basedirLayout(root: string): Basedir {
  const abs = resolve(root);
  const data = join(abs, 'data');
  return {
    root: abs,
    configFile: join(abs, 'config.yaml'),
    usersFile: join(abs, 'users.yaml'),
    groupsFile: join(abs, 'groups.yaml'),
    uploads: join(abs, 'uploads'),
    data,
    appkeysFile: join(data, 'appkeys', 'keys.yaml'),
    sessionsFile: join(data, 'sessions.yaml'),
    secretFile: join(data, 'secret.key'),
    logs: join(abs, 'logs'),
    printerProfiles: join(abs, 'printerProfiles'),
    temp: join(abs, 'data', 'tmp'),
    pidFile: join(abs, 'data', 'server.pid'),
    timelapse: join(abs, 'timelapse'),
    timelapseTmp: join(abs, 'timelapse', 'tmp'),
  };
}

/** Creates the folders of the layout if missing; the basedir itself is private to its owner. */
export function ensureBasedir(root: string): Basedir {
  const layout = basedirLayout(root);
  const created = !existsSync(layout.root);
  mkdirSync(layout.root, { recursive: true, mode: 0o700 });
  if (created) chmodSync(layout.root, 0o700);
  for (const dir of [layout.uploads, layout.data, join(layout.data, 'appkeys'), layout.logs, layout.printerProfiles, layout.temp, layout.timelapse, layout.timelapseTmp]) {
    mkdirSync(dir, { recursive: true });
  }
  if (!statSync(layout.root).isDirectory()) throw new Error(`The basedir ${layout.root} is not a folder.`);
  return layout;
}
