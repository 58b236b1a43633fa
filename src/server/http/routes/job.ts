// GET/POST /api/job: the current job and its progress; start, restart, pause (pause|resume|toggle) and cancel.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { JobService } from '../../../jobs/index.js';
import type { PrinterService } from '../../../printer/index.js';
import { httpErrors } from '../errors.js';
import { requirePermission } from '../middleware/permissions.js';
import { jsonCommand, noContent } from '../request-helpers.js';

export function registerJobRoutes(app: FastifyInstance, printer: PrinterService, jobs: JobService): void {
  app.get('/api/job', { config: { permission: 'STATUS' } }, async () => {
    const { job, progress } = jobs.jobData();
    const state = printer.driver.snapshot().state;
    return { job, progress, state: state.text, ...(state.error ? { error: state.error } : {}) };
  });

  // Order of checks as OctoPrint: operational (409), then the JSON body (415/400), then PRINT (403). Every other
  // precondition is the job service's; its errors (409 with OctoPrint's words) reach the answer as they are.
  app.post('/api/job', { config: { permission: 'PRINT', permissionCheck: 'handler' } }, async (request: FastifyRequest, reply: FastifyReply) => {
    if (!printer.driver.isOperational) throw httpErrors.notOperational();
    const { command, data } = jsonCommand(request, { start: [], restart: [], pause: [], cancel: [] });
    requirePermission(request, 'PRINT');
    const user = request.identity.name ?? null;
    if (command === 'start') await jobs.start(user);
    else if (command === 'restart') await jobs.restart(user);
    else if (command === 'pause') await jobs.pause(data.action ?? 'toggle');
    else await jobs.cancel();
    return noContent(reply);
  });
}
