// Every route module of the API, registered in one place.
import type { FastifyInstance } from 'fastify';
import type { HttpServices } from '../services.js';
import { registerAccessGroupRoutes } from './access-groups.js';
import { registerAccessUserRoutes } from './access-users.js';
import { registerAppKeysRoutes } from './appkeys.js';
import { registerFarmRoutes } from './argonaut-farm.js';
import { registerFilesRoutes } from './files.js';
import { registerHistoryRoutes } from './history.js';
import { registerLoginRoutes } from './login.js';
import { registerOpenApiCollector, registerOpenApiRoutes } from './openapi.js';
import { registerPrinterApiRoutes } from './printer-api.js';
import { registerPsuControlRoutes } from './psucontrol.js';
import { registerDiscoveryRoutes } from './discovery.js';
import { registerLanguageRoutes } from './languages.js';
import { registerMiscRoutes } from './misc.js';
import { registerSettingsRoutes } from './settings.js';
import { registerSystemRoutes } from './system.js';
import { registerReverseProxyTest } from './reverse-proxy-test.js';
import { registerSlicingRoutes } from './slicing.js';
import { registerTimelapseRoutes } from './timelapse.js';
import { registerUtilRoutes } from './util.js';
import { registerSetupRoutes } from './setup.js';
import { registerUiRoutes } from './ui.js';
import { registerVersionRoutes } from './version.js';
import { registerWebcamRoutes } from './webcam.js';

export async function registerRoutes(app: FastifyInstance, services: HttpServices): Promise<void> {
  // First: the OpenAPI document collects every route registered after this line, by anyone.
  await registerOpenApiCollector(app);
  registerOpenApiRoutes(app);
  registerVersionRoutes(app);
  await registerFilesRoutes(app, services);
  registerLoginRoutes(app, services);
  registerAccessUserRoutes(app, services);
  registerAccessGroupRoutes(app, services);
  registerSetupRoutes(app, services);
  if (services.appKeys) registerAppKeysRoutes(app, services, services.appKeys);
  registerSettingsRoutes(app, services);
  registerPsuControlRoutes(app, services);
  registerPrinterApiRoutes(app, services);
  registerSystemRoutes(app, services);
  if (services.history) registerHistoryRoutes(app, services.history);
  registerUtilRoutes(app, services);
  registerLanguageRoutes(app);
  registerTimelapseRoutes(app, services);
  if (services.camera) registerWebcamRoutes(app, services.camera);
  registerDiscoveryRoutes(app, services);
  registerFarmRoutes(app, services);
  registerMiscRoutes(app);
  registerSlicingRoutes(app);
  registerReverseProxyTest(app);
  // The web UI: `/`, its assets, and the page for browser paths that no route answers.
  await registerUiRoutes(app, services);
}
