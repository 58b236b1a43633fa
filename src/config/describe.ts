// Lists every config.yaml key with its default and documentation, for `argonaut config describe` and the README.
import { configSchema, isField } from './schema/index.js';
import type { FieldSpec, SectionSpec } from './schema/index.js';

export interface KeyDescription {
  path: string;
  type: string;
  default: unknown;
  doc: string;
  /** One of OctoPrint's settings kept only for its clients. */
  kept: boolean;
}

function typeName(spec: FieldSpec): string {
  switch (spec.kind) {
    case 'optionalString':
      return 'string or null';
    case 'stringList':
      return 'list of strings';
    case 'integerList':
      return 'list of integers';
    case 'any':
      return 'structure';
    default:
      return spec.kind === 'string' && spec.enum ? `one of ${spec.enum.join('/')}` : spec.kind;
  }
}

export function describeConfig(section: SectionSpec = configSchema, prefix = ''): KeyDescription[] {
  const result: KeyDescription[] = [];
  for (const [key, spec] of Object.entries(section)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (isField(spec)) result.push({ path, type: typeName(spec), default: spec.default, doc: spec.doc, kept: spec.compat === true });
    else result.push(...describeConfig(spec, path));
  }
  return result;
}

/** A Markdown table of every key; the settings kept only for OctoPrint's clients only with `kept`. */
export function configMarkdownTable(options: { kept?: boolean } = {}): string {
  const rows = describeConfig().filter((d) => options.kept === true || !d.kept).map((d) => {
    const shown = JSON.stringify(d.default).replace(/\|/g, '\\|');
    const value = shown.length > 50 ? shown.slice(0, 47) + '…' : shown;
    return `| \`${d.path}\` | ${d.type} | \`${value}\` | ${d.doc.replace(/\|/g, '\\|')} |`;
  });
  return ['| key | type | default | what it does |', '|---|---|---|---|', ...rows].join('\n');
}
