// GET /api/printer and the heaters: /api/printer/tool, /bed, /chamber (state, temperatures, history; targets and offsets).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { extrudeCommands, flowRateCommand, temperatureCommand } from '../../../printer/index.js';
import type { PrinterService } from '../../../printer/index.js';
import { httpErrors } from '../errors.js';

import { isTruthy, jsonCommand, noContent, requestValues } from '../request-helpers.js';

type Filter = (key: string) => boolean;
const TOOL = /^tool\d+$/;
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

export function registerPrinterRoutes(app: FastifyInstance, printer: PrinterService, sdSupport: () => boolean): void {
  const driver = printer.driver;

  /** OctoPrint's check before anything else; the driver checks again where the state lives. */
  function requireOperational(): void {
    if (!driver.isOperational) throw httpErrors.notOperational();
  }

  function requireHeater(heater: 'bed' | 'chamber'): void {
    const profile = printer.profiles.readCurrentOrDefault();
    if (heater === 'bed' && !profile.heatedBed) throw httpErrors.conflict('Printer does not have a heated bed');
    if (heater === 'chamber' && !profile.heatedChamber) throw httpErrors.conflict('Printer does not have a heated chamber');
  }

  /** Current temperatures (and history, fetched from the driver, when asked) with only the keys `keep` allows. */
  async function temperatureData(request: FastifyRequest, keep: Filter): Promise<Record<string, unknown>> {
    const result: Record<string, unknown> = {};
    for (const [name, heater] of Object.entries(driver.temperatures.current())) if (keep(name)) result[name] = heater;
    const values = requestValues(request);
    if (isTruthy(values.history)) {
      const history = await driver.temperatures.history();
      const limitText = String(values.limit ?? '');
      const limit = /^\d+$/.test(limitText) ? Number(limitText) : 300;
      result.history = history.slice(Math.max(0, history.length - limit)).map((point) => {
        const filtered: Record<string, unknown> = { time: point.time };
        for (const [name, value] of Object.entries(point)) if (name !== 'time' && keep(name)) filtered[name] = value;
        return filtered;
      });
    }
    return result;
  }

  function profileFilter(): Filter {
    const profile = printer.profiles.readCurrentOrDefault();
    return (name) => (name !== 'bed' || profile.heatedBed) && (name !== 'chamber' || profile.heatedChamber);
  }

  app.get('/api/printer', { config: { permission: 'STATUS' } }, async (request) => {
    requireOperational();
    const exclude = String(requestValues(request).exclude ?? '')
      .split(',')
      .map((part) => part.trim());
    const result: Record<string, unknown> = {};
    if (!exclude.includes('temperature')) result.temperature = await temperatureData(request, profileFilter());
    if (!exclude.includes('sd') && sdSupport()) result.sd = { ready: driver.sd.ready() };
    if (!exclude.includes('state')) {
      const { text, flags, error } = driver.snapshot().state;
      // OctoPrint's error text is '' while there is none.
      result.state = { text, flags, error: error ?? '' };
    }
    return result;
  });

  app.get('/api/printer/tool', { config: { permission: 'STATUS' } }, async (request) => {
    requireOperational();
    return temperatureData(request, (name) => TOOL.test(name));
  });

  app.post('/api/printer/tool', { config: { permission: 'CONTROL' } }, async (request: FastifyRequest, reply: FastifyReply) => {
    requireOperational();
    const { command, data } = jsonCommand(request, { select: ['tool'], target: ['targets'], offset: ['offsets'], extrude: ['amount'], flowrate: ['factor'] });
    if (command === 'select') {
      if (typeof data.tool !== 'string' || !TOOL.test(data.tool)) throw httpErrors.badRequest('tool is invalid');
      await driver.call('commands', [`T${data.tool.slice(4)}`]);
    } else if (command === 'target') {
      const targets = objectOf(data.targets, 'targets');
      for (const [tool, value] of Object.entries(targets)) {
        if (!TOOL.test(tool)) throw httpErrors.badRequest('targets contains invalid tool');
        if (!isNumber(value)) throw httpErrors.badRequest('targets contains invalid value');
      }
      await driver.call('commands', Object.entries(targets).map(([tool, value]) => temperatureCommand(tool, value as number) as string));
    } else if (command === 'offset') {
      const offsets = objectOf(data.offsets, 'offsets');
      for (const [tool, value] of Object.entries(offsets)) {
        if (!TOOL.test(tool)) throw httpErrors.badRequest('offsets contains invalid tool');
        if (!isNumber(value) || value < -50 || value > 50) throw httpErrors.badRequest('offsets contains invalid value');
      }
      await driver.call('setTemperatureOffsets', offsets as Record<string, number>);
    } else if (command === 'extrude') {
      if (driver.isPrinting) throw httpErrors.conflict('Printer is currently printing');
      if (!isNumber(data.amount)) throw httpErrors.badRequest('amount is invalid');
      const speed = isNumber(data.speed) && data.speed > 0 ? data.speed : printer.profiles.currentOrDefault().axes.e.speed;
      await driver.call('commands', extrudeCommands(data.amount, speed));
    } else {
      if (!isNumber(data.factor)) throw httpErrors.invalidParameter('factor');
      await driver.call('commands', [rateOr400(() => flowRateCommand(data.factor as number))]);
    }
    return noContent(reply);
  });

  for (const heater of ['bed', 'chamber'] as const) {
    app.get(`/api/printer/${heater}`, { config: { permission: 'STATUS' } }, async (request) => {
      requireOperational();
      requireHeater(heater);
      return temperatureData(request, (name) => name === heater);
    });

    app.post(`/api/printer/${heater}`, { config: { permission: 'CONTROL' } }, async (request: FastifyRequest, reply: FastifyReply) => {
      requireOperational();
      requireHeater(heater);
      const { command, data } = jsonCommand(request, { target: ['target'], offset: ['offset'] });
      if (command === 'target') {
        if (!isNumber(data.target)) throw httpErrors.invalidParameter('target');
        await driver.call('commands', [temperatureCommand(heater, data.target) as string]);
      } else {
        if (!isNumber(data.offset) || data.offset < -50 || data.offset > 50) throw httpErrors.badRequest('offset is invalid');
        await driver.call('setTemperatureOffsets', { [heater]: data.offset });
      }
      return noContent(reply);
    });
  }
}

function objectOf(value: unknown, name: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw httpErrors.invalidParameter(name);
  return value as Record<string, unknown>;
}

/** A feed/flow rate command; a factor out of range is a 400. */
export function rateOr400(build: () => string): string {
  try {
    return build();
  } catch {
    throw httpErrors.invalidParameter('factor');
  }
}
