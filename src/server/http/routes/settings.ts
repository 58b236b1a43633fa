// GET/POST /api/settings: OctoPrint's settings JSON over config.yaml, filtered by permission, with ETag/304.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { S } from '../openapi/json-schema.js';
import { ConfigError } from '../../../config/index.js';
import { MalformedJson } from '../body-parsers.js';
import { MESSAGES, httpErrors } from '../errors.js';
import { requireFreshCredentials } from '../middleware/permissions.js';
import { isJsonContentType, isTruthy } from '../request-helpers.js';
import type { HttpServices } from '../services.js';
import { etagOf, revalidate } from '../settings/conditional-get.js';
import { buildSettingsJson } from '../settings/settings-dump.js';
import type { ConnectionOptions, SettingsJson } from '../settings/settings-dump.js';
import { SettingsSchema, SettingsUpdateSchema, exampleSettings } from '../settings/settings-schema.js';
import { planSettingsUpdate } from '../settings/settings-update.js';
import { documentOnly } from './openapi.js';

const ErrorSchema = S.object({ error: S.string() }, { examples: [{ error: MESSAGES.forbidden }] });

export function registerSettingsRoutes(app: FastifyInstance, services: HttpServices): void {
  const { config } = services;
  // Last-Modified: the file's time at start, then the time of each change of the values or of the file's state.
  let lastModified = existsSync(config.file) ? statSync(config.file).mtimeMs : services.now();
  const touch = (): void => {
    lastModified = services.now();
  };
  const subscriptions = [config.onDidChange(touch), config.onDidReread(touch)];
  app.addHook('onClose', async () => {
    for (const subscription of subscriptions) subscription.dispose();
  });

  /** Detected ports and offered baud rates from the printer; without one, no ports and the configured rates. */
  async function connectionOptions(): Promise<ConnectionOptions> {
    const printer = services.printer;
    const source = services.connectionOptions ?? (printer ? () => printer.connectionOptions() : null);
    if (!source) return { ports: [], baudrates: config.config.serial.baudrates };
    const options = await source();
    return { ports: options.ports, baudrates: options.baudrates };
  }

  async function settingsFor(request: FastifyRequest): Promise<SettingsJson> {
    return buildSettingsJson({
      config: config.config,
      identity: request.identity,
      folders: {
        uploads: services.basedir.uploads,
        logs: services.basedir.logs,
        timelapse: join(services.basedir.root, 'timelapse'),
        watched: join(services.basedir.root, 'watched'),
      },
      connection: await connectionOptions(),
      controls: config.config.controls,
      notices: { restartNeeded: config.restartPending(), configProblem: config.problem },
    });
  }

  const example = exampleSettings();

  app.get(
    '/api/settings',
    {
      ...documentOnly,
      config: { permission: 'SETTINGS_READ' },
      schema: {
        summary: 'Read the settings (sections filtered by permission)',
        description: 'Answers 304 when If-None-Match / If-Modified-Since still match; `force=true` always sends the body.',
        querystring: S.object({ force: S.optional(S.string({ description: 'true to skip the 304 check' })) }, { additionalProperties: true }),
        response: { 200: { ...SettingsSchema, examples: [example] }, 403: ErrorSchema },
      },
    },
    async (request: FastifyRequest, reply: FastifyReply) => {
      const settings = await settingsFor(request);
      const force = isTruthy((request.query as Record<string, unknown>).force);
      const permissions = [...request.identity.permissions].sort();
      if (revalidate(request, reply, { etag: etagOf(settings, permissions), lastModified }, force)) return reply;
      return reply.type('application/json').send(settings);
    },
  );

  app.post(
    '/api/settings',
    {
      ...documentOnly,
      config: { permission: 'SETTINGS', permissionCheck: 'preValidation' },
      schema: {
        summary: 'Change settings (partial settings JSON); answers the new settings',
        body: SettingsUpdateSchema,
        response: { 200: { ...SettingsSchema, examples: [example] }, 400: ErrorSchema, 403: ErrorSchema, 415: ErrorSchema },
      },
      preValidation: [
        async (request: FastifyRequest) => {
          if (!isJsonContentType(request)) throw httpErrors.unsupportedType();
          if (request.body instanceof MalformedJson) throw httpErrors.badRequest(MESSAGES.badJson);
          if (typeof request.body !== 'object' || request.body === null || Array.isArray(request.body)) {
            throw httpErrors.badRequest('Malformed JSON body in request');
          }
        },
      ],
    },
    async (request: FastifyRequest, reply: FastifyReply) => {
      const plan = planSettingsUpdate(request.body as Record<string, unknown>, config.config);
      if (plan.needsFreshCredentials) {
        requireFreshCredentials(request, services.now(), config.config.accessControl.defaultReauthenticationTimeout);
      }
      if (plan.edits.length > 0) {
        try {
          await config.update(plan.edits);
        } catch (error) {
          if (error instanceof ConfigError) throw httpErrors.badRequest(error.message);
          throw error;
        }
        services.logger.info({ user: request.identity.name, changed: plan.changed }, 'settings changed');
        services.events.emit('SettingsUpdated', {});
      }
      return reply.type('application/json').send(await settingsFor(request));
    },
  );
}
