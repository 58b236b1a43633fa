// plugins.action_command_prompt and plugins.action_command_notification: OctoPrint's two bundled plugins' settings, same keys.
import { field } from './fields.js';

export const actionCommandPromptSchema = {
  enable: field.string('detected', 'Show printer prompts: always, when the firmware reports Cap:PROMPT_SUPPORT (detected), or never.', ['always', 'detected', 'never']),
  command: field.string('M876', 'G-code that answers a prompt; "{choice}" in it is replaced by the index, else " S<index>" is appended.'),
  enable_emergency_sending: field.boolean(true, 'Send the answer ahead of the queue when the firmware has an emergency parser.'),
  enable_signal_support: field.boolean(true, 'Send "<command> P1" to tell the firmware the host shows prompts.'),
} as const;

export const actionCommandNotificationSchema = {
  enable: field.boolean(true, 'Keep and show notifications the printer sends (//action:notification).'),
  enable_popups: field.boolean(false, 'Also show each notification as a pop-up in the UI.'),
  filter: field.string('', 'Regular expression: notifications that match it are dropped.'),
} as const;
