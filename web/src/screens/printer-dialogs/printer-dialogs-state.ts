// The printer's prompt and notifications as the UI keeps them, updated from the plugins' push messages.
import type { NotificationEntry, PromptResponse } from '../../api/printer-dialogs-api.js';

export const PROMPT_PLUGIN = 'action_command_prompt';
export const NOTIFICATION_PLUGIN = 'action_command_notification';

export interface PrinterPrompt {
  text: string;
  choices: string[];
}

/** A plugin push message `{plugin, data}` of the given plugin, or null. */
export function pluginData(payload: unknown, plugin: string): Record<string, unknown> | null {
  const message = payload as { plugin?: unknown; data?: unknown } | null;
  if (message?.plugin !== plugin || typeof message.data !== 'object' || message.data === null) return null;
  return message.data as Record<string, unknown>;
}

function strings(value: unknown): string[] | null {
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? (value as string[]) : null;
}

/** The prompt a GET answer shows (none for `{}`). */
export function promptFromResponse(response: PromptResponse): PrinterPrompt | null {
  const choices = strings(response.choices);
  return typeof response.text === 'string' && choices ? { text: response.text, choices } : null;
}

/** The prompt after a push message: `show` opens it, `close` ends it; anything else leaves it. */
export function nextPrompt(current: PrinterPrompt | null, data: Record<string, unknown>): PrinterPrompt | null {
  if (data.action === 'close') return null;
  if (data.action !== 'show') return current;
  const choices = strings(data.choices);
  return typeof data.text === 'string' && choices ? { text: data.text, choices } : current;
}

/** The list after a push message: `{message}` adds one (now), `{}` clears them all. */
export function nextNotifications(list: NotificationEntry[], data: Record<string, unknown>, nowSeconds: number): NotificationEntry[] {
  if (typeof data.message === 'string') return [...list, { timestamp: nowSeconds, message: data.message }];
  if (Object.keys(data).length === 0) return [];
  return list;
}

/** Whether `plugins.action_command_notification.enable` of a settings answer is on (on when unknown, as by default). */
export function notificationsEnabled(settings: unknown): boolean {
  const plugins = (settings as { plugins?: Record<string, { enable?: unknown } | undefined> } | null)?.plugins;
  return plugins?.[NOTIFICATION_PLUGIN]?.enable !== false;
}
