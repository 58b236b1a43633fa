// The camera's URLs: /webcam/?action=stream|snapshot (OctoPi's), /downloads/camera/current, and GET /api/camera (status).
import type { FastifyInstance, FastifyReply } from 'fastify';
import { CameraError } from '../../../camera/index.js';
import type { CameraService } from '../../../camera/index.js';
import { HttpError, httpErrors } from '../errors.js';
import { S } from '../openapi/json-schema.js';
import { documentOnly } from './openapi.js';
import { BUILT_IN_SNAPSHOT_URL, BUILT_IN_STREAM_URL } from '../settings/webcam-settings.js';

const NO_CACHE = 'no-store, no-cache, must-revalidate, max-age=0';
const WEBCAM = { config: { permission: 'WEBCAM' as const } };

function cameraFailure(error: unknown): HttpError {
  if (error instanceof CameraError) return error.code === 'off' ? httpErrors.notFound(error.message) : new HttpError(503, error.message);
  return new HttpError(503, `The camera cannot be read: ${(error as Error).message}`);
}

async function sendSnapshot(camera: CameraService, reply: FastifyReply): Promise<FastifyReply> {
  let picture: Buffer;
  try {
    picture = await camera.snapshot();
  } catch (error) {
    throw cameraFailure(error);
  }
  return reply.header('Cache-Control', NO_CACHE).type('image/jpeg').send(picture);
}

export function registerWebcamRoutes(app: FastifyInstance, camera: CameraService): void {
  app.get(
    '/webcam/',
    {
      ...WEBCAM,
      schema: {
        summary: 'The camera as OctoPi serves it: ?action=stream (MJPEG, multipart/x-mixed-replace) or ?action=snapshot (one JPEG)',
        querystring: S.object({ action: S.optional(S.string()) }, { additionalProperties: true }),
      },
    },
    async (request, reply) => {
      const action = (request.query as Record<string, unknown>).action;
      if (action === 'snapshot') return sendSnapshot(camera, reply);
      if (action !== 'stream') throw httpErrors.badRequest('Unknown action: use ?action=stream or ?action=snapshot.');
      let stream;
      try {
        stream = await camera.openStream();
      } catch (error) {
        throw cameraFailure(error);
      }
      // The viewer leaving (or the response ending any other way) releases the camera.
      reply.raw.on('close', stream.close);
      if (reply.raw.destroyed) stream.close();
      return reply.header('Cache-Control', NO_CACHE).header('Pragma', 'no-cache').header('X-Accel-Buffering', 'no').type(stream.contentType).send(stream.body);
    },
  );

  app.get(
    '/downloads/camera/current',
    { ...WEBCAM, schema: { summary: 'A snapshot of the camera now (JPEG)' } },
    async (_request, reply) => sendSnapshot(camera, reply),
  );

  app.get(
    '/api/camera',
    {
      ...WEBCAM,
      ...documentOnly,
      schema: {
        summary: 'Argonaut: the camera\'s source, whether ffmpeg was found, viewers now, and what is missing in plain words',
        response: {
          200: S.object({
            source: S.string(),
            ffmpeg: S.object({ found: S.boolean(), source: S.union([S.string(), S.null()]) }),
            viewers: S.integer(),
            problem: S.union([S.string(), S.null()]),
            streamUrl: S.string(),
            snapshotUrl: S.string(),
          }),
        },
      },
    },
    async () => ({ ...camera.status(), streamUrl: BUILT_IN_STREAM_URL, snapshotUrl: BUILT_IN_SNAPSHOT_URL }),
  );
}
