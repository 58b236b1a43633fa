// POST /api/printer/printhead and /command, GET /command/custom, /api/printer/sd, GET /api/printer/error.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ConfigStore } from '../../../config/index.js';
import { feedRateCommand, hasControlCharacters, homeCommand, jogCommands } from '../../../printer/index.js';
import type { Axis, PrinterService } from '../../../printer/index.js';
import { httpErrors, MESSAGES } from '../errors.js';

import { COMMAND_RATE_LIMIT } from '../middleware/rate-limit.js';
import { isTruthy, jsonBody, jsonCommand, noContent } from '../request-helpers.js';
import { rateOr400 } from './printer.js';

const AXES: readonly Axis[] = ['x', 'y', 'z'];
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** OctoPrint fills `%(name)s`-style placeholders of commands from `parameters`. */
export function fillParameters(command: string, parameters: Record<string, unknown>): string {
  return command.replace(/%\(([A-Za-z_][A-Za-z0-9_]*)\)[sdif]/g, (all, name: string) => {
    const value = parameters[name];
    return typeof value === 'string' || typeof value === 'number' ? String(value) : all;
  });
}

const PLACEHOLDER = /%\(([A-Za-z_][A-Za-z0-9_]*)\)[sdif]/;

/**
 * The `parameters` of a command body: absent, or an object of texts, finite numbers and booleans without control
 * characters. Anything else is a 400 (OctoPrint answers 500), so no value can smuggle a second line in.
 */
export function commandParameters(value: unknown): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw httpErrors.badRequest('parameters is invalid');
  for (const [name, item] of Object.entries(value)) {
    const ok =
      (typeof item === 'string' && !hasControlCharacters(item)) || (typeof item === 'number' && Number.isFinite(item)) || typeof item === 'boolean';
    if (!ok) throw httpErrors.badRequest(`parameters.${name} is invalid`);
  }
  return value as Record<string, unknown>;
}

export function registerPrinterCommandRoutes(app: FastifyInstance, printer: PrinterService, config: ConfigStore): void {
  const driver = printer.driver;
  const sdSupport = () => config.config.feature.sdSupport;

  app.post('/api/printer/printhead', { config: { permission: 'CONTROL' } }, async (request: FastifyRequest, reply: FastifyReply) => {
    const { command, data } = jsonCommand(request, { jog: [], home: ['axes'], feedrate: ['factor'] });
    if (!driver.isOperational || (driver.isPrinting && command !== 'feedrate')) throw httpErrors.conflict('Printer is not operational or currently printing');
    const profile = printer.profiles.readCurrentOrDefault();
    if (command === 'jog') {
      const moves: Partial<Record<Axis, number>> = {};
      for (const axis of AXES) {
        if (!(axis in data)) continue;
        const value = data[axis];
        if (!isNumber(value)) throw httpErrors.badRequest('axis value is invalid');
        moves[axis] = profile.axes[axis].inverted ? -value : value;
      }
      const speed = isNumber(data.speed) && data.speed > 0 ? data.speed : undefined;
      const speeds = { x: profile.axes.x.speed, y: profile.axes.y.speed, z: profile.axes.z.speed, e: profile.axes.e.speed };
      const commands = jogCommands(moves, !isTruthy(data.absolute), speeds, speed);
      if (commands.length > 0) await driver.call('commands', commands);
    } else if (command === 'home') {
      if (!Array.isArray(data.axes)) throw httpErrors.badRequest('axes is invalid');
      const axes: Axis[] = [];
      for (const axis of data.axes) {
        if (!AXES.includes(axis as Axis)) throw httpErrors.badRequest('axis is invalid');
        axes.push(axis as Axis);
      }
      await driver.call('commands', ['G91', homeCommand(axes), 'G90']);
    } else {
      if (!isNumber(data.factor)) throw httpErrors.invalidParameter('factor');
      await driver.call('commands', [rateOr400(() => feedRateCommand(data.factor as number))]);
    }
    return noContent(reply);
  });

  app.post('/api/printer/command', { config: { permission: 'CONTROL', rateLimit: COMMAND_RATE_LIMIT } }, async (request: FastifyRequest, reply: FastifyReply) => {
    // OctoPrint's one check before the body; the driver checks again where the state lives.
    if (!driver.isOperational) throw httpErrors.notOperational();
    const data = jsonBody(request);
    const hasCommands = 'command' in data || 'commands' in data;
    if ('command' in data && 'commands' in data) throw httpErrors.badRequest("'command' and 'commands' are mutually exclusive");
    if (hasCommands && 'script' in data) throw httpErrors.badRequest("'command'/'commands' and 'script' are mutually exclusive");
    if (!hasCommands && !('script' in data)) throw httpErrors.badRequest("Need one of 'command', 'commands' or 'script'");
    const parameters = commandParameters(data.parameters);
    if (hasCommands) {
      const list = 'command' in data ? [data.command] : data.commands;
      if (!Array.isArray(list) || list.some((command) => typeof command !== 'string')) throw httpErrors.badRequest('commands is invalid');
      const commands = (list as string[]).map((command) => fillParameters(command, parameters));
      const unfilled = Object.keys(parameters).length > 0 ? commands.map((command) => PLACEHOLDER.exec(command)?.[1]).find(Boolean) : undefined;
      if (unfilled) throw httpErrors.badRequest(`parameters.${unfilled} is missing`);
      await driver.call('commands', commands);
    } else {
      if (typeof data.script !== 'string') throw httpErrors.badRequest('script is invalid');
      const context = typeof data.context === 'object' && data.context !== null ? (data.context as Record<string, unknown>) : {};
      for (const [name, value] of Object.entries(context)) {
        if (typeof value === 'string' && hasControlCharacters(value)) throw httpErrors.badRequest(`context.${name} is invalid`);
      }
      await driver.call('script', data.script, { ...context, ...parameters });
    }
    return noContent(reply);
  });

  app.get('/api/printer/command/custom', { config: { permission: 'CONTROL' } }, async () => {
    return { controls: config.config.controls };
  });

  app.get('/api/printer/sd', { config: { permission: 'STATUS' } }, async () => {
    if (!sdSupport()) throw httpErrors.notFound(MESSAGES.sdDisabled);
    return { ready: driver.sd.ready() };
  });

  app.post('/api/printer/sd', { config: { permission: 'CONTROL' } }, async (request: FastifyRequest, reply: FastifyReply) => {
    if (!sdSupport()) throw httpErrors.notFound(MESSAGES.sdDisabled);
    if (!driver.isOperational || driver.isPrinting || driver.isPaused) throw httpErrors.conflict('Printer is not operational or currently busy');
    const { command } = jsonCommand(request, { init: [], refresh: [], release: [] });
    await driver.call(command === 'init' ? 'initSd' : command === 'refresh' ? 'refreshSd' : 'releaseSd');
    return noContent(reply);
  });

  app.get('/api/printer/error', { config: { permission: 'STATUS' } }, async () => {
    const error = driver.error;
    return error ? { error, reason: 'firmware' } : { error: '', reason: '' };
  });
}
