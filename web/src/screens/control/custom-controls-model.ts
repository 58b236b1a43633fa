// OctoPrint's custom controls (config.yaml `controls`) read into a tree the Control tab draws: sections, buttons, inputs, feedback.

export type Layout = 'vertical' | 'horizontal' | 'horizontal_grid';

export interface ControlInput {
  name: string;
  parameter: string;
  default: string;
  /** A slider instead of a text box. */
  slider: { min: number; max: number; step: number } | null;
}

/** Terminal lines matching `regex` shown through `template` (`{0}`, `{1}`, `{name}` are the groups). */
export interface Feedback {
  regex: RegExp;
  template: string;
}

export interface ContainerNode {
  kind: 'container';
  name: string | null;
  layout: Layout;
  collapsed: boolean;
  children: ControlNode[];
}

export interface ButtonNode {
  kind: 'button';
  name: string;
  /** G-code lines (`command` or `commands`), or null for a script. */
  commands: string[] | null;
  script: string | null;
  inputs: ControlInput[];
  /** Asked before running it; null asks nothing. */
  confirm: string | null;
  feedback: Feedback | null;
}

export interface OutputNode {
  kind: 'output';
  name: string | null;
  feedback: Feedback;
}

export type ControlNode = ContainerNode | ButtonNode | OutputNode;

type Raw = Record<string, unknown>;

const isRaw = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const number = (value: unknown, fallback: number): number => (typeof value === 'number' && Number.isFinite(value) ? value : typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : fallback);

/** OctoPrint writes Python regular expressions; the common subset works in JavaScript (named groups need `(?<n>`). */
function feedbackOf(control: Raw): Feedback | null {
  const source = text(control.regex);
  const template = text(control.template);
  if (!source || template === null) return null;
  try {
    return { regex: new RegExp(source.replace(/\(\?P</g, '(?<')), template };
  } catch {
    return null;
  }
}

function inputsOf(value: unknown): ControlInput[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isRaw).flatMap((input) => {
    const parameter = text(input.parameter);
    if (!parameter) return [];
    const slider = isRaw(input.slider) ? { min: number(input.slider.min, 0), max: number(input.slider.max, 255), step: number(input.slider.step, 1) } : null;
    const fallback = slider ? String(slider.min) : '';
    return [{ name: text(input.name) ?? parameter, parameter, default: input.default === undefined || input.default === null ? fallback : String(input.default), slider }];
  });
}

function layoutOf(value: unknown): Layout {
  return value === 'horizontal' || value === 'horizontal_grid' ? value : 'vertical';
}

function nodeOf(control: Raw, depth: number): ControlNode | null {
  if (Array.isArray(control.children)) {
    return {
      kind: 'container',
      name: text(control.name),
      layout: layoutOf(control.layout),
      collapsed: control.collapsed === true,
      children: depth < 10 ? readControls(control.children, depth + 1) : [],
    };
  }
  const commands = text(control.command) ? [control.command as string] : Array.isArray(control.commands) ? control.commands.filter((c): c is string => typeof c === 'string') : null;
  const script = text(control.script);
  const feedback = feedbackOf(control);
  if ((commands && commands.length > 0) || script) {
    return {
      kind: 'button',
      name: text(control.name) ?? (commands ? commands.join('; ') : (script as string)),
      commands: commands && commands.length > 0 ? commands : null,
      script: commands && commands.length > 0 ? null : script,
      inputs: inputsOf(control.input),
      confirm: text(control.confirm),
      feedback,
    };
  }
  return feedback ? { kind: 'output', name: text(control.name), feedback } : null;
}

/** The drawable controls; entries that are neither a container, a button nor a feedback line are left out. */
export function readControls(raw: unknown, depth = 0): ControlNode[] {
  if (!Array.isArray(raw)) return [];
  return raw.filter(isRaw).flatMap((control) => {
    const node = nodeOf(control, depth);
    return node ? [node] : [];
  });
}

/** Fills a feedback template from a match: `{0}` the first group, `{name}` a named one. */
export function fillTemplate(template: string, match: RegExpExecArray): string {
  return template.replace(/\{(\w*)\}/g, (whole, key: string) => {
    if (key === '') return match[1] ?? '';
    if (/^\d+$/.test(key)) return match[Number(key) + 1] ?? '';
    return match.groups?.[key] ?? whole;
  });
}

/** The latest feedback text among received terminal lines (`Recv: ...`), or null. */
export function latestFeedback(feedback: Feedback, lines: readonly string[]): string | null {
  for (let index = lines.length - 1; index >= 0; index--) {
    const line = lines[index] ?? '';
    if (!line.startsWith('Recv: ')) continue;
    const match = feedback.regex.exec(line.slice(6));
    if (match) return fillTemplate(feedback.template, match);
  }
  return null;
}

/** Input values as parameters: numbers for sliders (and numeric text), else the text. */
export function parametersOf(inputs: readonly ControlInput[], values: Record<string, string>): Record<string, string | number> {
  const parameters: Record<string, string | number> = {};
  for (const input of inputs) {
    const value = values[input.parameter] ?? input.default;
    parameters[input.parameter] = input.slider || (value.trim() !== '' && Number.isFinite(Number(value))) ? Number(value) : value;
  }
  return parameters;
}
