// OctoPrint's action_command_prompt and action_command_notification plugin APIs: the printer's prompt and notifications.
import type { ApiClient } from './api-client.js';

export interface PromptResponse {
  text?: string;
  choices?: string[];
}

export interface NotificationEntry {
  /** Seconds since the epoch. */
  timestamp: number;
  message: string;
}

export function getPrompt(api: ApiClient): Promise<PromptResponse> {
  return api.get<PromptResponse>('api/plugin/action_command_prompt');
}

/** Answers the prompt with the index of a choice (the printer gets M876 S<index>). */
export async function selectPromptChoice(api: ApiClient, choice: number): Promise<void> {
  await api.post('api/plugin/action_command_prompt', { command: 'select', choice });
}

export async function getNotifications(api: ApiClient): Promise<NotificationEntry[]> {
  const response = await api.get<{ notifications?: NotificationEntry[] }>('api/plugin/action_command_notification');
  return response.notifications ?? [];
}

export async function clearNotifications(api: ApiClient): Promise<void> {
  await api.post('api/plugin/action_command_notification', { command: 'clear' });
}
