// GET/POST /api/connection: ports, baud rates and printer profiles on offer; connect and disconnect.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PrinterService } from '../../../printer/index.js';
import { httpErrors } from '../errors.js';

import { isTruthy, jsonCommand, noContent } from '../request-helpers.js';

export function registerConnectionRoutes(app: FastifyInstance, printer: PrinterService): void {
  app.get('/api/connection', { config: { permission: 'STATUS' } }, async () => ({
    current: printer.connectionState(),
    options: await printer.connectionOptions(),
  }));

  app.post(
    '/api/connection',
    { config: { permission: 'CONNECTION' } },
    async (request: FastifyRequest, reply: FastifyReply) => {
      const { command, data } = jsonCommand(request, { connect: [], disconnect: [], fake_ack: [] });
      if (command === 'connect') {
        const port = data.port;
        const baudrate = data.baudrate;
        const profile = data.printerProfile;
        if (port !== undefined && port !== null && typeof port !== 'string') throw httpErrors.badRequest('port is invalid');
        if (baudrate !== undefined && baudrate !== null && !(typeof baudrate === 'number' && Number.isInteger(baudrate))) {
          throw httpErrors.badRequest('baudrate is invalid');
        }
        if (profile !== undefined && profile !== null && typeof profile !== 'string') throw httpErrors.badRequest('printerProfile is invalid');
        const { attempt } = await printer.connect({
          port: (port as string | null | undefined) ?? null,
          baudrate: (baudrate as number | null | undefined) ?? null,
          printerProfile: (profile as string | null | undefined) ?? null,
          save: isTruthy(data.save),
          autoconnect: data.autoconnect === undefined ? undefined : isTruthy(data.autoconnect),
        });
        attempt.catch((error: unknown) => request.log.warn({ err: error }, 'connecting failed'));
      } else if (command === 'disconnect') {
        await printer.disconnect();
      } else {
        await printer.driver.call('fakeAck');
      }
      return noContent(reply);
    },
  );
}
