// ESLint rule enforcing ARCHITECTURE.md's layer table: who may import whom, only through index.ts, and purity.
import path from 'node:path';

/** Areas, most specific first. `dir` is relative to the repository root. */
const AREAS = [
  { name: 'files/analysis/queue', dir: 'src/files/analysis/queue' },
  { name: 'files/analysis', dir: 'src/files/analysis', pure: true },
  { name: 'files/storage', dir: 'src/files/storage' },
  { name: 'files', dir: 'src/files' },
  { name: 'printer/protocol', dir: 'src/printer/protocol', pure: true },
  { name: 'printer/transport', dir: 'src/printer/transport' },
  { name: 'printer/virtual', dir: 'src/printer/virtual' },
  { name: 'printer/driver', dir: 'src/printer/driver' },
  { name: 'printer/profiles', dir: 'src/printer/profiles' },
  { name: 'printer/process', dir: 'src/printer/process' },
  { name: 'printer', dir: 'src/printer' },
  { name: 'server/http', dir: 'src/server/http' },
  { name: 'server/push', dir: 'src/server/push' },
  { name: 'shared', dir: 'src/shared', pure: true },
  { name: 'config', dir: 'src/config' },
  { name: 'events', dir: 'src/events' },
  { name: 'auth', dir: 'src/auth' },
  { name: 'camera', dir: 'src/camera' },
  { name: 'jobs', dir: 'src/jobs' },
  { name: 'app', dir: 'src/app' },
  { name: 'cli', dir: 'src/cli' },
  { name: 'web', dir: 'web/src' },
];

const BASE = ['shared'];
const LOW = ['shared', 'config', 'events'];
const RANK2 = ['printer/protocol', 'printer/transport', 'files/analysis'];

/** Which areas each area may import (besides itself). */
export const ALLOWED = {
  shared: [],
  config: BASE,
  events: BASE,
  'printer/protocol': BASE,
  'printer/transport': BASE,
  'files/analysis': BASE,
  'printer/virtual': [...LOW, ...RANK2],
  'printer/driver': [...LOW, ...RANK2],
  'printer/profiles': LOW,
  // The driver's process: its entry and host build the driver with its transports; its client is the web side's.
  'printer/process': [...LOW, ...RANK2, 'printer/virtual', 'printer/driver'],
  'files/storage': [...LOW, ...RANK2],
  'files/analysis/queue': [...LOW, ...RANK2],
  auth: [...LOW, ...RANK2],
  camera: [...LOW, ...RANK2],
  // The facades re-export their own sub-areas.
  printer: [...LOW, 'printer/protocol', 'printer/transport', 'printer/virtual', 'printer/driver', 'printer/profiles', 'printer/process'],
  files: [...LOW, 'files/storage', 'files/analysis', 'files/analysis/queue'],
  jobs: [...LOW, 'printer', 'files'],
  'server/http': [...LOW, 'auth', 'jobs', 'printer', 'files', 'camera'],
  'server/push': [...LOW, 'auth', 'jobs', 'printer', 'files', 'camera'],
  app: AREAS.map((a) => a.name).filter((n) => n !== 'cli' && n !== 'web' && n !== 'app'),
  cli: ['app', 'config'],
  web: ['shared'],
};

export function areaOf(file, root) {
  const rel = path.relative(root, file).split(path.sep).join('/');
  for (const area of AREAS) {
    if (rel === area.dir || rel.startsWith(area.dir + '/')) return { ...area, rel };
  }
  return null;
}

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'enforce the layer table of ARCHITECTURE.md' },
    schema: [{ type: 'object', properties: { root: { type: 'string' } }, additionalProperties: false }],
    messages: {
      forbidden: "Layer rule: '{{from}}' may not import '{{to}}' (see ARCHITECTURE.md).",
      notIndex: "Layer rule: import '{{to}}' through its index.ts, not '{{target}}'.",
      impure: "Layer rule: '{{from}}' is pure and may not import '{{target}}'.",
      exportAll: "Facade rule: an index.ts names what it re-exports; replace 'export *' from '{{target}}' with named exports.",
      hiddenArea: "Layer rule: this facade re-exports '{{target}}', a folder that is not an area of the rank table (add it to eslint-rules/layers.js and ARCHITECTURE.md).",
    },
  },
  create(context) {
    const root = context.options[0]?.root ?? process.cwd();
    const file = context.filename ?? context.getFilename();
    const from = areaOf(file, root);
    if (!from) return {};
    const isTest = /\.test\.tsx?$/.test(file);
    const isIndex = /(^|\/)index\.tsx?$/.test(from.rel);

    // A facade of sub-areas (printer, files) re-exports only its own files and the indexes of sub-areas: a subfolder
    // that is no area (the driver thread was one) would hide an area from the rank table.
    const isFacade = isIndex && from.rel === `${from.dir}/index.ts` && AREAS.some((area) => area.dir.startsWith(`${from.dir}/`));
    function checkReExport(node, source) {
      if (!isFacade || typeof source !== 'string' || !source.startsWith('./')) return;
      const rest = source.slice(2);
      if (!rest.includes('/')) return;
      const folder = path.resolve(path.dirname(file), rest.split('/')[0]);
      const to = areaOf(path.join(folder, 'index.ts'), root);
      const folderRel = path.relative(root, folder).split(path.sep).join('/');
      if (!to || to.dir !== folderRel) context.report({ node, messageId: 'hiddenArea', data: { target: source } });
    }

    function check(node, source) {
      if (typeof source !== 'string') return;
      if (from.pure && !isTest && (source.startsWith('node:') || BUILTINS.has(source))) {
        context.report({ node, messageId: 'impure', data: { from: from.name, target: source } });
        return;
      }
      if (!source.startsWith('.')) return;
      const resolved = path.resolve(path.dirname(file), source);
      const to = areaOf(resolved, root);
      if (!to || to.name === from.name) return;
      // A facade may reach into its own sub-areas; anything else must be allowed by the table.
      if (!ALLOWED[from.name]?.includes(to.name)) {
        if (!isTest) context.report({ node, messageId: 'forbidden', data: { from: from.name, to: to.name } });
        return;
      }
      const targetRel = to.rel.replace(/\.(js|ts|tsx)$/, '');
      if (targetRel !== `${to.dir}/index` && targetRel !== to.dir) {
        if (!isTest) context.report({ node, messageId: 'notIndex', data: { to: to.name, target: source } });
      }
    }

    return {
      ImportDeclaration(node) {
        check(node, node.source.value);
      },
      ExportNamedDeclaration(node) {
        if (!node.source) return;
        check(node, node.source.value);
        checkReExport(node, node.source.value);
      },
      ExportAllDeclaration(node) {
        check(node, node.source.value);
        checkReExport(node, node.source.value);
        if (isIndex) context.report({ node, messageId: 'exportAll', data: { target: node.source.value } });
      },
      ImportExpression(node) {
        if (node.source.type === 'Literal') check(node, node.source.value);
      },
    };
  },
};

const BUILTINS = new Set(['fs', 'path', 'os', 'crypto', 'http', 'https', 'net', 'child_process', 'worker_threads', 'stream', 'events', 'util', 'buffer', 'url', 'zlib', 'timers']);

export default { rules: { layers: rule } };
