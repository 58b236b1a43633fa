// Host prompts (`//action:prompt_*`), as OctoPrint's action_command_prompt plugin handles them: built, shown, answered with M876.
import { ArgonautError } from '../../shared/index.js';
import { hasControlCharacters } from './printer-commands.js';

export type PromptEnable = 'always' | 'detected' | 'never';

/** `plugins.action_command_prompt.*` of config.yaml. */
export interface PromptSettings {
  enable: PromptEnable;
  /** The answer's G-code (M876); `{choice}` in it is replaced by the index, else ` S<index>` is appended. */
  command: string;
  /** Send the answer ahead of the queue when the firmware has an emergency parser. */
  emergencySending: boolean;
  /** Send `<command> P1` to tell the firmware the host can show prompts. */
  signalSupport: boolean;
}

/** A prompt as the API shows it. */
export interface PromptView {
  text: string;
  choices: string[];
}

export interface HostPromptHooks {
  settings(): PromptSettings;
  /** Sends a command; `force`: ahead of the queue when the firmware can take it so. */
  send(command: string, force: boolean): void;
  /** A push message of the plugin (`{action: 'show' | 'close', ...}`). */
  message(data: Record<string, unknown>): void;
  log(text: string): void;
}

export const PROMPT_PLUGIN = 'action_command_prompt';
const DEFAULT_COMMAND = 'M876';

export class HostPrompt {
  private prompt: { text: string; choices: string[]; active: boolean } | null = null;
  private firmwareSupport = false;

  constructor(private readonly hooks: HostPromptHooks) {}

  /** The prompt being built or shown (null when none), as GET /api/plugin/action_command_prompt shows it. */
  get current(): PromptView | null {
    return this.prompt ? { text: this.prompt.text, choices: [...this.prompt.choices] } : null;
  }

  /** Whether the firmware reported `Cap:PROMPT_SUPPORT:1`. */
  get supported(): boolean {
    return this.firmwareSupport;
  }

  /** One `prompt_*` action with its parameter. */
  action(name: string, parameter: string): void {
    const prompt = this.prompt;
    switch (name) {
      case 'prompt_begin':
        if (prompt?.active) {
          this.hooks.log('A prompt is already shown; prompt_begin ignored');
          return;
        }
        this.prompt = { text: parameter.trim(), choices: [], active: false };
        return;
      case 'prompt_choice':
      case 'prompt_button':
        if (!prompt) return;
        if (prompt.active) {
          this.hooks.log(`A prompt is already shown; ${name} ignored`);
          return;
        }
        prompt.choices.push(parameter.trim());
        return;
      case 'prompt_show':
        if (!prompt) return;
        if (prompt.active) {
          this.hooks.log('A prompt is already shown; prompt_show ignored');
          return;
        }
        this.show(prompt);
        return;
      case 'prompt_end':
        if (!prompt) return;
        this.close();
        this.prompt = null;
        return;
      default:
        this.hooks.log(`Unknown prompt action ${name}, ignored`);
    }
  }

  /** A `Cap:` line of M115. */
  capability(name: string, enabled: boolean): void {
    if (name !== 'PROMPT_SUPPORT' || !enabled) return;
    this.firmwareSupport = true;
    const settings = this.hooks.settings();
    if (settings.enable === 'detected' && settings.signalSupport) this.hooks.send(this.signal(), false);
  }

  /** The printer is connected. */
  connected(): void {
    const settings = this.hooks.settings();
    if (settings.enable === 'always' && settings.signalSupport) this.hooks.send(this.signal(), false);
  }

  /** The printer is gone: the prompt closes and the firmware's support is forgotten. */
  disconnected(): void {
    this.close();
    this.prompt = null;
    this.firmwareSupport = false;
  }

  /**
   * Answers the prompt with the choice's index (POST `select`): the dialog closes everywhere and the command goes out.
   * Throws conflict without a prompt and invalid for a choice that is not one of its indices.
   */
  answer(choice: unknown): void {
    const prompt = this.prompt;
    if (!prompt) throw new ArgonautError('conflict', 'No active prompt');
    if (typeof choice !== 'number' || !Number.isInteger(choice) || choice < 0 || choice >= prompt.choices.length) {
      throw new ArgonautError('invalid', `${JSON.stringify(choice) ?? String(choice)} is not a valid value for choice`);
    }
    if (!this.enabled()) return;
    this.close();
    const command = this.command();
    this.hooks.send(command.includes('{choice}') ? command.split('{choice}').join(String(choice)) : `${command} S${choice}`, true);
  }

  private enabled(): boolean {
    const enable = this.hooks.settings().enable;
    return enable === 'always' || (enable === 'detected' && this.firmwareSupport);
  }

  private command(): string {
    const command = this.hooks.settings().command.trim();
    return command === '' || hasControlCharacters(command) ? DEFAULT_COMMAND : command;
  }

  /** `<code> P1`: the host shows prompts (the command's G-code only, so that a `{choice}` template is not sent). */
  private signal(): string {
    return `${this.command().split(/\s+/)[0] ?? DEFAULT_COMMAND} P1`;
  }

  private show(prompt: { text: string; choices: string[]; active: boolean }): void {
    if (!this.enabled()) return;
    prompt.active = true;
    this.hooks.message({ action: 'show', text: prompt.text, choices: [...prompt.choices] });
  }

  private close(): void {
    if (!this.enabled()) return;
    this.prompt = null;
    this.hooks.message({ action: 'close' });
  }
}
