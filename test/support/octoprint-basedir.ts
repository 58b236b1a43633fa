// Builds an OctoPrint 1.11-shaped basedir in a temp folder (users, groups, app keys, uploads with metadata, config,
// printer profile, scripts) for the import tests, and fingerprints a folder tree to prove it was never changed.
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';
import { PERMISSION_KEYS, PERMISSIONS } from '../../src/auth/index.js';
import { repoRoot } from './cli.js';

/** Made by argon2-cffi's PasswordHasher() (the library OctoPrint 1.11 uses) for the password "TestPass123". */
export const ALICE_ARGON2 = '$argon2id$v=19$m=65536,t=3,p=4$2m5CBWkA489bnIwyY5iaWQ$w3ujhnFOTF63QwaBVK950q/NxCwyTVQF4LLTeHAEt/Y';
export const SALT = 'Wq0LhoZfGsyZ8mu2tfJ3bQWbXGfVJ6Gt';

export const OCTOPRINT = {
  alice: { password: 'TestPass123', apikey: 'A11CE0000000000000000000000000AA' },
  bob: { password: 'bobs påssword', apikey: 'B0B00000000000000000000000000BBB' },
  carol: { password: 'carol-password' },
  globalKey: 'G10BA1000000000000000000000000GG',
  appKeys: { cura: 'C04A0000000000000000000000000CCC', octoapp: '0C7A0000000000000000000000000DDD', ghost: '6405700000000000000000000000EEEE' },
} as const;

export const GCODE_FIXTURES = join(repoRoot, 'test', 'fixtures', 'gcode');

export function sha1(data: Buffer | string): string {
  return createHash('sha1').update(data).digest('hex');
}

/** OctoPrint's salted sha512 password hash. */
export function octoprintSha512(password: string, salt = SALT): string {
  return createHash('sha512').update(password + salt, 'utf8').digest('hex');
}

function write(root: string, path: string, content: string | Buffer): void {
  const file = join(root, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, content);
}

const USERS_DEFAULT = PERMISSIONS.filter((p) => p.defaultGroups.includes('users')).map((p) => p.key);

/** OctoPrint's analysis of m3-nut-relative-e.gcode (test/fixtures/README.md). */
export const NUT_ANALYSIS = {
  estimatedPrintTime: 72.0,
  filament: { tool0: { length: 24.574, volume: 0.059108 } },
  dimensions: { width: 18.75, depth: 19.346, height: 1.75 },
  printingArea: { minX: 90.625, minY: 90.327, minZ: 0, maxX: 109.375, maxY: 109.673, maxZ: 1.75 },
};

export interface OctoPrintFiles {
  [path: string]: string | Buffer;
}

/** The files of a complete OctoPrint basedir, by relative path; tests change or add entries before writing them. */
export function octoprintFiles(): OctoPrintFiles {
  const nut = readFileSync(join(GCODE_FIXTURES, 'm3-nut-relative-e.gcode'));
  const torus = readFileSync(join(GCODE_FIXTURES, 'torus.gcode'));
  const bracket = Buffer.from('G28\nG1 X10 Y10 Z0.2 F3000\nG1 X20 E1\n');
  return {
    'config.yaml': stringify({
      _config_version: 2,
      accessControl: { salt: SALT },
      api: { key: OCTOPRINT.globalKey, allowCrossOrigin: true },
      appearance: { name: 'Workshop Prusa', color: 'blue' },
      serial: {
        port: '/dev/ttyUSB0',
        baudrate: 115200,
        autoconnect: true,
        additionalBaudrates: [500000],
        timeout: { communication: 20, detectionFirst: 5 },
        capabilities: { autoreport_pos: false },
      },
      temperature: { profiles: [{ name: 'PETG', extruder: 240, bed: 80, chamber: null }] },
      controls: [{ name: 'Fan', children: [{ name: 'Fan on', command: 'M106 S255' }] }],
      terminalFilters: [{ name: 'Hide busy', regex: 'Recv: busy' }],
      scripts: { gcode: { beforePrintStarted: 'M117 Printing', snippets: { custom: 'M117 hi' } } },
      server: {
        secretKey: 'octoprint-secret',
        // As OctoPrint 1.11 writes them when the wizard left them empty: "not set".
        commands: { systemShutdownCommand: '', systemRestartCommand: '', serverRestartCommand: '' },
        reverseProxy: { trustedDownstream: ['127.0.0.1', '10.0.0.2'], prefixHeader: 'X-Forwarded-Prefix', serverHeader: 'X-Server' },
      },
      printerProfiles: { default: 'prusa_mk3' },
      plugins: { softwareupdate: { checks: {} }, tracking: { enabled: false } },
      webcam: { flipH: true },
    }),
    // OctoPrint 1.11 writes its file version first.
    'users.yaml': stringify({
      _version: 2,
      alice: {
        password: ALICE_ARGON2,
        active: true,
        groups: ['admins', 'users'],
        permissions: [],
        apikey: OCTOPRINT.alice.apikey,
        settings: { interface: { language: 'de' } },
        roles: ['user', 'admin'],
      },
      bob: { password: octoprintSha512(OCTOPRINT.bob.password), active: true, groups: ['users', 'operators'], permissions: [], apikey: OCTOPRINT.bob.apikey, settings: {}, roles: ['user'] },
      carol: { password: octoprintSha512(OCTOPRINT.carol.password), active: false, groups: ['readonly'], permissions: [], apikey: null, settings: {}, roles: ['user'] },
    }),
    'groups.yaml': stringify({
      _version: 2,
      groups: {
        admins: { permissions: ['ADMIN'], subgroups: [], default: false },
        // Customised: operators here may not control the printer, and a plugin's permission Argonaut lacks.
        users: { permissions: [...USERS_DEFAULT.filter((p) => p !== 'CONTROL'), 'PLUGIN_ACTION_COMMAND_PROMPT_INTERACT'], subgroups: [], default: true },
        readonly: { permissions: ['STATUS', 'WEBCAM', 'FILES_LIST'], subgroups: [], default: false },
        guests: { permissions: [], subgroups: [], default: false },
        operators: { name: 'Machine operators', description: 'Connect and control', permissions: ['CONNECTION', 'CONTROL'], subgroups: ['readonly'], default: false },
      },
      tracked: [...PERMISSION_KEYS],
    }),
    'data/appkeys/keys.yaml': stringify({
      alice: [{ app_id: 'Cura', api_key: OCTOPRINT.appKeys.cura }],
      bob: [{ app_id: 'OctoApp', api_key: OCTOPRINT.appKeys.octoapp }],
      ghost: [{ app_id: 'Gone', api_key: OCTOPRINT.appKeys.ghost }],
    }),
    'uploads/nut.gcode': nut,
    'uploads/.metadata.json': JSON.stringify({
      'nut.gcode': {
        hash: sha1(nut),
        analysis: NUT_ANALYSIS,
        history: [{ timestamp: 1700000000.5, success: true, printerProfile: 'prusa_mk3', printTime: 80.2 }],
        statistics: { averagePrintTime: { prusa_mk3: 80.2 }, lastPrintTime: { prusa_mk3: 80.2 } },
        user: 'alice',
        notes: [],
      },
      parts: { display: 'Parts' },
    }),
    'uploads/notes.txt': 'not a printable file',
    'uploads/.hidden.gcode': 'G28\n',
    'uploads/parts/bracket.gcode': bracket,
    'uploads/parts/torus.gcode': torus,
    'uploads/parts/.metadata.json': JSON.stringify({ 'bracket.gcode': { hash: sha1(bracket), display: 'Bracket (v2).gcode' } }),
    'uploads/empty/.keep': '',
    'printerProfiles/prusa_mk3.profile': stringify({
      id: 'prusa_mk3',
      name: 'Prusa MK3S',
      model: 'Original Prusa i3 MK3S',
      color: 'default',
      volume: { width: 250, depth: 210, height: 210, formFactor: 'rectangular', origin: 'lowerleft', custom_box: false },
      heatedBed: true,
      heatedChamber: false,
      extruder: { count: 1, offsets: [[0, 0]], nozzleDiameter: 0.4, sharedNozzle: false, defaultExtrusionLength: 5 },
      axes: { x: { speed: 6000, inverted: false }, y: { speed: 6000, inverted: false }, z: { speed: 200, inverted: false }, e: { speed: 300, inverted: false } },
    }),
    'scripts/gcode/afterPrintDone': 'M104 S0\r\nM140 S0\r\nM84',
    'scripts/gcode/afterPrintCancelled': "; off\n{% snippet 'disable_hotends' %}\nM84",
  };
}

/** Writes an OctoPrint basedir with these files into a new temp folder and returns its path. */
export function makeOctoPrintBasedir(files: OctoPrintFiles = octoprintFiles()): string {
  const root = mkdtempSync(join(tmpdir(), 'octoprint-basedir-'));
  for (const [path, content] of Object.entries(files)) write(root, path, content);
  return root;
}

/** Every entry below a folder with its type, mode, size, modification time and content hash: equal means untouched. */
export function fingerprint(root: string): Record<string, string> {
  const result: Record<string, string> = {};
  const visit = (path: string, rel: string) => {
    const stats = lstatSync(path);
    const base = `${stats.mode.toString(8)} ${stats.mtimeMs}`;
    if (stats.isDirectory()) {
      result[rel || '.'] = `dir ${base}`;
      for (const name of readdirSync(path).sort()) visit(join(path, name), rel ? `${rel}/${name}` : name);
    } else {
      result[rel] = `file ${base} ${stats.size} ${sha1(readFileSync(path))}`;
    }
  };
  visit(root, '');
  return result;
}
