// G-code scripts: OctoPrint's scripts/gcode/<name> files (which win) and config.yaml scripts.gcode.*, as plain G-code.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { configSchema } from '../../config/index.js';
import { decide } from './import-config.js';
import type { ConfigEdit, ConfigView } from './import-config.js';
import type { ImportReport } from './import-report.js';
import { isRecord, reasonOf, valueAt } from './octoprint-source.js';

const OUR_SCRIPTS = new Set(Object.keys(configSchema.scripts.gcode));

/** OctoPrint's name for the script sent when a paused print goes on; Argonaut calls it beforePrintResumed. */
const RENAMED: Readonly<Record<string, string>> = { afterPrintResumed: 'beforePrintResumed' };

/** Jinja2 statements, expressions or comments: OctoPrint renders them, Argonaut would send them to the printer. */
const TEMPLATE_SYNTAX = /\{[{%#]/;

interface Script {
  name: string;
  /** Where it came from, for the report. */
  subject: string;
  text: string;
}

async function scriptFiles(folder: string, report: ImportReport): Promise<Script[]> {
  let names: string[];
  try {
    names = (await readdir(folder, { withFileTypes: true })).filter((e) => e.isFile() && !e.name.startsWith('.')).map((e) => e.name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') report.add('scripts', 'problem', folder, `cannot be read: ${reasonOf(error)}`);
    return [];
  }
  const scripts: Script[] = [];
  for (const name of names.sort()) {
    const file = join(folder, name);
    try {
      scripts.push({ name, subject: `scripts/gcode/${name}`, text: await readFile(file, 'utf8') });
    } catch (error) {
      report.add('scripts', 'problem', file, `cannot be read: ${reasonOf(error)}`);
    }
  }
  return scripts;
}

function configScripts(config: unknown, report: ImportReport): Script[] {
  const section = valueAt(config, 'scripts.gcode');
  if (!isRecord(section)) return [];
  const scripts: Script[] = [];
  for (const [name, value] of Object.entries(section)) {
    const subject = `scripts.gcode.${name}`;
    if (name === 'snippets') {
      if (isRecord(value) && Object.keys(value).length > 0) {
        report.add('scripts', 'not-imported', subject, "snippets belong to OctoPrint's Jinja2 templates, which Argonaut does not run");
      }
      continue;
    }
    if (value === null || value === undefined) continue;
    if (typeof value !== 'string') {
      report.add('scripts', 'problem', subject, "OctoPrint's config.yaml has no text here; not imported");
      continue;
    }
    scripts.push({ name, subject, text: value });
  }
  return scripts;
}

/** Plans the scripts.gcode.* edits; a file in scripts/gcode wins over config.yaml, as in OctoPrint. */
export async function planScripts(scriptsFolder: string, config: unknown, target: ConfigView, report: ImportReport): Promise<ConfigEdit[]> {
  const byName = new Map<string, Script>();
  for (const script of configScripts(config, report)) byName.set(script.name, script);
  for (const script of await scriptFiles(join(scriptsFolder, 'gcode'), report)) byName.set(script.name, script);
  const edits: ConfigEdit[] = [];
  const claimed = new Set<string>();
  // Argonaut's own names first, so beforePrintResumed wins over OctoPrint's afterPrintResumed.
  const ordered = [...byName.values()].sort((a, b) => Number(a.name in RENAMED) - Number(b.name in RENAMED));
  for (const script of ordered) {
    const to = RENAMED[script.name] ?? script.name;
    if (!OUR_SCRIPTS.has(to)) {
      report.add('scripts', 'not-imported', script.subject, `Argonaut has no ${script.name} script`);
      continue;
    }
    if (claimed.has(to)) {
      report.add('scripts', 'not-imported', script.subject, `OctoPrint also has ${to}, which Argonaut uses instead`);
      continue;
    }
    claimed.add(to);
    const text = script.text.replace(/\r\n?/g, '\n');
    if (TEMPLATE_SYNTAX.test(text)) {
      report.add(
        'scripts',
        'not-imported',
        script.subject,
        "it uses OctoPrint's Jinja2 template syntax ({{ }}, {% %}), which Argonaut does not run; put plain G-code into Argonaut's settings by hand",
      );
      continue;
    }
    const edit = decide({ section: 'scripts', subject: script.subject, to: `scripts.gcode.${to}`, value: text }, target, report);
    if (edit) edits.push(edit);
  }
  return edits;
}
