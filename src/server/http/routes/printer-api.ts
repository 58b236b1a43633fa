// Registers the printer part of the API (connection, printer, job, printer profiles) when a printer is wired.
import type { FastifyInstance } from 'fastify';
import type { HttpServices } from '../services.js';
import { registerActionCommandPluginRoutes } from './action-command-plugins.js';
import { registerConnectionRoutes } from './connection.js';
import { registerJobRoutes } from './job.js';
import { registerPrinterCommandRoutes } from './printer-commands.js';
import { registerPrinterRoutes } from './printer.js';
import { registerPrinterProfileRoutes } from './printerprofiles.js';

export function registerPrinterApiRoutes(app: FastifyInstance, services: HttpServices): void {
  const { printer, jobs, config } = services;
  if (!printer || !jobs) return;
  registerConnectionRoutes(app, printer);
  registerPrinterRoutes(app, printer, () => config.config.feature.sdSupport);
  registerPrinterCommandRoutes(app, printer, config);
  registerJobRoutes(app, printer, jobs);
  registerActionCommandPluginRoutes(app, printer);
  registerPrinterProfileRoutes(app, printer);
}
