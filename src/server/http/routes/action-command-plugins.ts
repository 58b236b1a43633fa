// /api/plugin/action_command_prompt and /api/plugin/action_command_notification: OctoPrint's two bundled plugins' APIs.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PrinterService } from '../../../printer/index.js';
import { httpErrors } from '../errors.js';
import { requirePermission } from '../middleware/permissions.js';
import { jsonCommand, noContent } from '../request-helpers.js';

const PROMPT = 'PLUGIN_ACTION_COMMAND_PROMPT_INTERACT' as const;
const SHOW = 'PLUGIN_ACTION_COMMAND_NOTIFICATION_SHOW' as const;
const CLEAR = 'PLUGIN_ACTION_COMMAND_NOTIFICATION_CLEAR' as const;

export function registerActionCommandPluginRoutes(app: FastifyInstance, printer: PrinterService): void {
  const driver = printer.driver;

  // The prompt being built or shown: `{text, choices}`, or `{}` when there is none.
  app.get('/api/plugin/action_command_prompt', { config: { permission: PROMPT } }, async () => {
    const prompt = driver.snapshot().prompt;
    return prompt ? { text: prompt.text, choices: prompt.choices } : {};
  });

  // `{"command": "select", "choice": <index>}`: answers the prompt (M876 S<index>) and closes it for everyone.
  app.post(
    '/api/plugin/action_command_prompt',
    { config: { permission: PROMPT, permissionCheck: 'handler' } },
    async (request: FastifyRequest, reply: FastifyReply) => {
      const { data } = jsonCommand(request, { select: ['choice'] });
      requirePermission(request, PROMPT);
      if (!driver.snapshot().prompt || !driver.running) throw httpErrors.conflict('No active prompt');
      await driver.call('answerPrompt', data.choice);
      return noContent(reply);
    },
  );

  app.get('/api/plugin/action_command_notification', { config: { permission: SHOW } }, async () => ({
    notifications: driver.snapshot().notifications.map((notification) => ({ timestamp: notification.timestamp, message: notification.message })),
  }));

  // `{"command": "clear"}`: forgets the notifications, everywhere.
  app.post(
    '/api/plugin/action_command_notification',
    { config: { permission: CLEAR, permissionCheck: 'handler' } },
    async (request: FastifyRequest, reply: FastifyReply) => {
      jsonCommand(request, { clear: [] });
      requirePermission(request, CLEAR);
      if (driver.running) await driver.call('clearNotifications');
      return noContent(reply);
    },
  );
}
