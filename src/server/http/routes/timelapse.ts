// /api/timelapse: the configuration, the rendered movies and the unrendered captures (OctoPrint's timelapse API).
import { stat } from 'node:fs/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isMovieName, isPlainName } from '../../../camera/index.js';
import type { TimelapseService, TimelapseSettings } from '../../../camera/index.js';
import { httpErrors } from '../errors.js';
import { S } from '../openapi/json-schema.js';
import { isTruthy, jsonCommand, noContent, requestValues } from '../request-helpers.js';
import type { HttpServices } from '../services.js';
import { etagOf, revalidate } from '../settings/conditional-get.js';
import { documentOnly } from './openapi.js';
import { timelapseSettingsFrom } from './timelapse-config.js';
import { registerTimelapseDownloadRoutes } from './timelapse-downloads.js';

const TimelapseList = S.object(
  {
    config: S.object({ type: S.string() }, { additionalProperties: true }),
    enabled: S.boolean({ description: 'The webcam.timelapseEnabled setting, as OctoPrint reports it.' }),
    recordable: S.optional(S.boolean({ description: 'Argonaut: a camera and ffmpeg are there, so timelapses can be recorded.' })),
    files: S.array(S.object({ name: S.string(), size: S.string(), bytes: S.number(), date: S.string(), url: S.string() }, { additionalProperties: true })),
    unrendered: S.optional(S.array(S.object({ name: S.string(), count: S.number() }, { additionalProperties: true }))),
  },
  { examples: [{ config: { type: 'off' }, enabled: false, files: [] }] },
);

const NameParams = S.object({ name: S.string() });

/** The body of GET /api/timelapse (also the answer of POST and DELETE). */
async function timelapseData(request: FastifyRequest, timelapse: TimelapseService | undefined, unrendered: boolean, setting: boolean): Promise<Record<string, unknown>> {
  if (!timelapse) return { config: { type: 'off' }, enabled: false, files: [], ...(unrendered ? { unrendered: [] } : {}) };
  const root = `${request.origin.scriptRoot}/downloads/timelapse/`;
  const files = (await timelapse.movies()).map((movie) => ({ ...movie, url: root + encodeURIComponent(movie.name) }));
  // `enabled` is the setting, as OctoPrint reports it; `recordable` (Argonaut) says whether a camera and ffmpeg are there too.
  const body: Record<string, unknown> = { config: timelapse.restConfig(), enabled: setting, recordable: timelapse.enabled, files };
  if (unrendered) body.unrendered = await timelapse.unrendered();
  return body;
}

async function lastChange(services: HttpServices): Promise<number> {
  const times = await Promise.all([services.basedir.timelapse, services.basedir.timelapseTmp].map((dir) => stat(dir).then((s) => s.mtimeMs, () => 0)));
  return Math.max(...times);
}

export function registerTimelapseRoutes(app: FastifyInstance, services: HttpServices): void {
  const { timelapse } = services;
  registerTimelapseDownloadRoutes(app, services);
  app.get(
    '/api/timelapse',
    {
      ...documentOnly,
      config: { permission: 'TIMELAPSE_LIST' },
      schema: {
        summary: 'Timelapse configuration, rendered movies and (with unrendered=true) unrendered captures',
        querystring: S.object({ unrendered: S.optional(S.string()), force: S.optional(S.string()) }, { additionalProperties: true }),
        response: { 200: TimelapseList },
      },
    },
    async (request: FastifyRequest, reply: FastifyReply) => {
      const query = request.query as Record<string, unknown>;
      const body = await timelapseData(request, timelapse, isTruthy(query.unrendered), services.config.config.webcam.timelapseEnabled);
      // The render progress changes nothing listed; the flags of the unrendered list are in the ETag.
      if (revalidate(request, reply, { etag: etagOf(body), lastModified: await lastChange(services) }, isTruthy(query.force))) return reply;
      return reply.type('application/json').send(body);
    },
  );

  app.post(
    '/api/timelapse',
    {
      ...documentOnly,
      config: { permission: 'TIMELAPSE_ADMIN' },
      schema: { summary: 'Set the timelapse configuration (JSON or form); save=true also stores it in config.yaml', response: { 200: TimelapseList } },
    },
    async (request, reply) => {
      const values = requestValues(request);
      const current = services.config.config.webcam.timelapse as TimelapseSettings;
      const settings = timelapseSettingsFrom(values, current);
      if (settings && timelapse) await timelapse.configure(settings, isTruthy(values.save));
      return reply.type('application/json').send(await timelapseData(request, timelapse, isTruthy(values.unrendered), services.config.config.webcam.timelapseEnabled));
    },
  );

  app.get<{ Params: { name: string } }>(
    '/api/timelapse/:name',
    {
      config: { permission: 'TIMELAPSE_DOWNLOAD' },
      schema: { summary: 'Redirects to the movie download', params: NameParams },
    },
    async (request, reply) => {
      if (!isMovieName(request.params.name)) throw httpErrors.notFound('No such timelapse');
      return reply.redirect(`${request.origin.scriptRoot}/downloads/timelapse/${encodeURIComponent(request.params.name)}`);
    },
  );

  app.delete<{ Params: { name: string } }>(
    '/api/timelapse/:name',
    {
      ...documentOnly,
      config: { permission: 'TIMELAPSE_DELETE' },
      schema: { summary: 'Delete a rendered movie; answers the list', params: NameParams, response: { 200: TimelapseList } },
    },
    async (request, reply) => {
      // As in OctoPrint, a name that is no movie or no file changes nothing and still gets the list.
      if (timelapse && isMovieName(request.params.name)) await timelapse.deleteMovie(request.params.name);
      return reply.type('application/json').send(await timelapseData(request, timelapse, false, services.config.config.webcam.timelapseEnabled));
    },
  );

  app.delete<{ Params: { name: string } }>(
    '/api/timelapse/unrendered/:name',
    {
      config: { permission: 'TIMELAPSE_MANAGE_UNRENDERED' },
      schema: { summary: 'Delete the captures of an unrendered timelapse', params: NameParams },
    },
    async (request, reply) => {
      if (timelapse && isPlainName(request.params.name)) await timelapse.deleteUnrendered(request.params.name);
      return noContent(reply);
    },
  );

  app.post<{ Params: { name: string } }>(
    '/api/timelapse/unrendered/:name',
    {
      config: { permission: 'TIMELAPSE_MANAGE_UNRENDERED' },
      schema: { summary: 'Render an unrendered timelapse (command render); 409 while printing', params: NameParams },
    },
    async (request, reply) => {
      jsonCommand(request, { render: [] });
      const flags = services.jobs?.current().state.flags;
      if (flags && (flags.printing || flags.paused)) throw httpErrors.conflict('The printer is printing; render the timelapse after the print');
      if (!isPlainName(request.params.name)) throw httpErrors.notFound('No such unrendered timelapse');
      timelapse?.renderUnrendered(request.params.name);
      return noContent(reply);
    },
  );
}
