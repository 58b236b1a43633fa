// GET /api/argonaut/history: Argonaut's print history (each print's end: done, cancelled or failed), newest first.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { PrintHistory, PrintResult } from '../../../jobs/index.js';
import { S } from '../openapi/json-schema.js';
import { MESSAGES, httpErrors } from '../errors.js';
import { documentOnly } from './openapi.js';

const RESULTS: readonly PrintResult[] = ['done', 'cancelled', 'failed'];
const MAX_LIMIT = 1000;

const ErrorSchema = S.object({ error: S.string() }, { examples: [{ error: MESSAGES.forbidden }] });
const EntrySchema = S.object({
  id: S.integer(),
  name: S.string(),
  path: S.string(),
  origin: S.string({ description: '`local` or `sdcard`' }),
  size: S.nullable(S.integer()),
  user: S.nullable(S.string()),
  started: S.number({ description: 'Seconds since the epoch' }),
  ended: S.number({ description: 'Seconds since the epoch' }),
  duration: S.number({ description: 'Printing time in seconds' }),
  result: S.union(RESULTS.map((result) => S.literal(result))),
  reason: S.nullable(S.string({ description: 'Why a failed print failed' })),
  completion: S.nullable(S.number({ description: 'How far the print got, in percent (100 when done); null when unknown' })),
});
const EXAMPLE = {
  id: 7,
  name: 'benchy.gcode',
  path: 'boats/benchy.gcode',
  origin: 'local',
  size: 3_412_554,
  user: 'ann',
  started: 1_765_000_000,
  ended: 1_765_005_400,
  duration: 5400,
  result: 'done',
  reason: null,
  completion: 100,
};

function parseQuery(query: Record<string, unknown>): { results: ReadonlySet<PrintResult>; limit: number } {
  const wanted = typeof query.result === 'string' && query.result !== '' ? query.result.split(',') : RESULTS;
  for (const result of wanted) {
    if (!(RESULTS as readonly string[]).includes(result)) throw httpErrors.badRequest(`Unknown result "${result.slice(0, 40)}", expected one of ${RESULTS.join(', ')}`);
  }
  let limit = MAX_LIMIT;
  if (query.limit !== undefined) {
    limit = Number(query.limit);
    if (!Number.isInteger(limit) || limit < 1) throw httpErrors.badRequest('limit must be a positive whole number');
  }
  return { results: new Set(wanted as PrintResult[]), limit: Math.min(limit, MAX_LIMIT) };
}

export function registerHistoryRoutes(app: FastifyInstance, history: PrintHistory): void {
  app.get(
    '/api/argonaut/history',
    {
      ...documentOnly,
      config: { permission: 'FILES_LIST' },
      schema: {
        summary: 'The print history (Argonaut extension): ended prints, newest first',
        description: 'Needs FILES_LIST. `result` filters by a comma-separated list of done, cancelled, failed; `limit` caps the count.',
        querystring: S.object({ result: S.optional(S.string()), limit: S.optional(S.string()) }, { additionalProperties: true }),
        response: { 200: S.object({ prints: S.array(EntrySchema) }, { examples: [{ prints: [EXAMPLE] }] }), 400: ErrorSchema, 403: ErrorSchema },
      },
    },
    async (request: FastifyRequest) => {
      const { results, limit } = parseQuery(request.query as Record<string, unknown>);
      return { prints: history.list().filter((entry) => results.has(entry.result)).slice(0, limit) };
    },
  );
}
