// /api/languages: the installed language packs. Argonaut's UI ships its own texts, so there are never any.
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { permissionHook } from '../middleware/permissions.js';
import { documentOnly } from './openapi.js';

const Packs = Type.Object(
  {
    language_packs: Type.Object({
      _core: Type.Object({ identifier: Type.Literal('_core'), display: Type.String(), languages: Type.Array(Type.Object({ locale: Type.String() }, { additionalProperties: true })) }),
    }, { additionalProperties: true }),
  },
  { examples: [{ language_packs: { _core: { identifier: '_core', display: 'Core', languages: [] } } }] },
);

/** OctoPrint's answer for an empty translations folder. */
function installedPacks() {
  return { language_packs: { _core: { identifier: '_core', display: 'Core', languages: [] } } };
}

export function registerLanguageRoutes(app: FastifyInstance): void {
  const settings = { config: { permission: 'SETTINGS' as const }, preHandler: permissionHook('SETTINGS'), ...documentOnly };
  app.get('/api/languages', { ...settings, schema: { summary: 'List the installed language packs (always none)', response: { 200: Packs } } }, async () =>
    installedPacks(),
  );
  app.delete(
    '/api/languages/:locale/:pack',
    {
      ...settings,
      schema: {
        summary: 'Delete a language pack; answers the remaining packs',
        params: Type.Object({ locale: Type.String(), pack: Type.String() }),
        response: { 200: Packs },
      },
    },
    async () => installedPacks(),
  );
}
