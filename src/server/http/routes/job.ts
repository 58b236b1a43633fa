// GET/POST /api/job: the current job and its progress; start, restart, pause (pause|resume|toggle) and cancel.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { JobService } from '../../../jobs/index.js';
import type { PrinterService } from '../../../printer/index.js';
import { HttpError, MESSAGES } from '../errors.js';
import { permissionHook, requirePermission } from '../middleware/permissions.js';
import { jsonCommand, noContent } from '../request-helpers.js';

export function registerJobRoutes(app: FastifyInstance, printer: PrinterService, jobs: JobService): void {
  app.get('/api/job', { config: { permission: 'STATUS' }, preHandler: permissionHook('STATUS') }, async () => {
    const { job, progress } = jobs.jobData();
    const state = printer.driver.snapshot().state;
    return { job, progress, state: state.text, ...(state.error ? { error: state.error } : {}) };
  });

  // Order of checks as OctoPrint: operational (409), then the JSON body (415/400), then PRINT (403).
  app.post('/api/job', { config: { permission: 'PRINT' } }, async (request: FastifyRequest, reply: FastifyReply) => {
    if (!printer.driver.isOperational) throw new HttpError(409, MESSAGES.notOperational);
    const { command, data } = jsonCommand(request, { start: [], restart: [], pause: [], cancel: [] });
    requirePermission(request, 'PRINT');
    const user = request.identity.name ?? null;
    const active = printer.driver.isPrinting || printer.driver.isPaused;
    if (command === 'start') {
      if (active) throw new HttpError(409, "Printer already has an active print job, did you mean 'restart'?");
      await jobs.start(user);
    } else if (command === 'restart') {
      if (!printer.driver.isPaused) throw new HttpError(409, 'Printer does not have an active print job or is not paused');
      await jobs.restart(user);
    } else if (command === 'pause') {
      if (!active) throw new HttpError(409, "Printer is neither printing nor paused, 'pause' command cannot be performed");
      const action = data.action ?? 'toggle';
      if (action !== 'pause' && action !== 'resume' && action !== 'toggle') {
        // OctoPrint's words (the actions are pause, resume and toggle).
        throw new HttpError(400, 'Unknown action');
      }
      if (action === 'pause') jobs.pause();
      else if (action === 'resume') jobs.resume();
      else jobs.togglePause();
    } else {
      if (!active) throw new HttpError(409, "Printer is neither printing nor paused, 'cancel' command cannot be performed");
      jobs.cancel();
    }
    await printer.driver.sync();
    return noContent(reply);
  });
}
