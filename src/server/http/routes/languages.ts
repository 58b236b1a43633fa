// /api/languages: the installed language packs. Argonaut's UI ships its own texts, so there are never any.
import type { FastifyInstance } from 'fastify';
import { S } from '../openapi/json-schema.js';

import { documentOnly } from './openapi.js';

const Packs = S.object(
  {
    language_packs: S.object({
      _core: S.object({ identifier: S.literal('_core'), display: S.string(), languages: S.array(S.object({ locale: S.string() }, { additionalProperties: true })) }),
    }, { additionalProperties: true }),
  },
  { examples: [{ language_packs: { _core: { identifier: '_core', display: 'Core', languages: [] } } }] },
);

/** OctoPrint's answer for an empty translations folder. */
function installedPacks() {
  return { language_packs: { _core: { identifier: '_core', display: 'Core', languages: [] } } };
}

export function registerLanguageRoutes(app: FastifyInstance): void {
  const settings = { config: { permission: 'SETTINGS' as const }, ...documentOnly };
  app.get('/api/languages', { ...settings, schema: { summary: 'List the installed language packs (always none)', response: { 200: Packs } } }, async () =>
    installedPacks(),
  );
  app.delete(
    '/api/languages/:locale/:pack',
    {
      ...settings,
      schema: {
        summary: 'Delete a language pack; answers the remaining packs',
        params: S.object({ locale: S.string(), pack: S.string() }),
        response: { 200: Packs },
      },
    },
    async () => installedPacks(),
  );
}
