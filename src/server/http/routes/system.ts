// /api/system: the configured system commands (listed and run without a shell) and the system information.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { S } from '../openapi/json-schema.js';
import { HttpError, MESSAGES, httpErrors } from '../errors.js';
import { requireFreshCredentials } from '../middleware/permissions.js';
import { noContent } from '../request-helpers.js';
import type { HttpServices } from '../services.js';
import { CommandLineError, splitCommandLine } from '../system/command-line.js';
import { CommandStartError, runCommand } from '../system/command-runner.js';
import type { CommandResult } from '../system/command-runner.js';
import { COMMAND_SOURCES, commandsOf, findCommand, toClientSpec } from '../system/system-commands.js';
import type { CommandSource, CommandSpec } from '../system/system-commands.js';
import { systemInfo } from '../system/system-info.js';
import { documentOnly } from './openapi.js';

const ErrorSchema = S.object({ error: S.string() }, { examples: [{ error: MESSAGES.forbidden }] });
const SpecSchema = S.object(
  {
    source: S.union([S.literal('core'), S.literal('custom'), S.literal('plugin')]),
    action: S.string(),
    name: S.optional(S.string()),
    confirm: S.optional(S.union([S.string(), S.literal(false)])),
    fresh_credentials: S.boolean(),
    resource: S.string(),
  },
  { additionalProperties: false },
);
const EXAMPLE_SPEC = {
  source: 'core',
  action: 'reboot',
  name: 'Reboot system',
  confirm: 'This reboots the host. A running print may be interrupted, depending on how the printer is connected.',
  fresh_credentials: true,
  resource: 'http://octopi.local/api/system/commands/core/reboot',
};
const SourceParams = S.object({ source: S.string() });
const ActionParams = S.object({ source: S.string(), action: S.string() });

function sourceOf(value: string): CommandSource {
  if (!(COMMAND_SOURCES as readonly string[]).includes(value)) throw httpErrors.notFound();
  return value as CommandSource;
}

export function registerSystemRoutes(app: FastifyInstance, services: HttpServices): void {
  const system = { config: { permission: 'SYSTEM' as const } };

  function failure(spec: CommandSpec, result: CommandResult): string | null {
    if (result.timedOut) return `Command for ${spec.source}:${spec.action} did not finish in time and was stopped`;
    if (spec.ignore || result.code === 0) return null;
    return `Command for ${spec.source}:${spec.action} failed with return code ${result.code ?? result.signal}`;
  }

  async function execute(spec: CommandSpec): Promise<void> {
    const result = await runCommand(spec.command as string);
    const problem = failure(spec, result);
    if (problem) {
      services.logger.warn({ stdout: result.stdout, stderr: result.stderr }, problem);
      throw new HttpError(500, problem);
    }
  }

  app.get(
    '/api/system/commands',
    {
      ...system,
      ...documentOnly,
      schema: {
        summary: 'List the system commands of every source',
        response: {
          200: S.object(
            { core: S.array(SpecSchema), custom: S.array(SpecSchema), plugin: S.array(SpecSchema) },
            { examples: [{ core: [EXAMPLE_SPEC], custom: [], plugin: [] }] },
          ),
          403: ErrorSchema,
        },
      },
    },
    async (request: FastifyRequest) => {
      const config = services.config.config;
      const list = (source: CommandSource) => commandsOf(config, source).map((spec) => toClientSpec(spec, request.origin.baseUrl));
      return { core: list('core'), custom: list('custom'), plugin: list('plugin') };
    },
  );

  app.get(
    '/api/system/commands/:source',
    {
      ...system,
      ...documentOnly,
      schema: {
        summary: 'List the system commands of one source (core, custom or plugin)',
        params: SourceParams,
        response: { 200: S.array(SpecSchema, { examples: [[EXAMPLE_SPEC]] }), 403: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (request: FastifyRequest) => {
      const source = sourceOf((request.params as { source: string }).source);
      return commandsOf(services.config.config, source).map((spec) => toClientSpec(spec, request.origin.baseUrl));
    },
  );

  app.post(
    '/api/system/commands/:source/:action',
    {
      ...system,
      ...documentOnly,
      schema: {
        summary: 'Run a system command (without a shell); core commands run in the background',
        description: 'Needs fresh credentials. 404 for an unknown or unconfigured command, 400 for a divider, 500 when a synchronous command fails.',
        params: ActionParams,
        response: { 204: S.null({ description: 'Started (core, async) or finished (custom)' }), 400: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 500: ErrorSchema },
      },
    },
    async (request: FastifyRequest, reply: FastifyReply) => {
      requireFreshCredentials(request, services.now(), services.config.config.accessControl.defaultReauthenticationTimeout);
      const params = request.params as { source: string; action: string };
      const source = sourceOf(params.source);
      if (params.action === 'divider') throw httpErrors.badRequest('Dividers cannot be executed');
      const spec = findCommand(services.config.config, source, params.action);
      if (!spec) throw httpErrors.notFound();
      if (!spec.command) throw new HttpError(500, `Command for ${source}:${spec.action} defines nothing to run`);
      try {
        splitCommandLine(spec.command);
      } catch (error) {
        if (error instanceof CommandLineError) throw new HttpError(500, `Command for ${source}:${spec.action} cannot run: ${error.message}`);
        throw error;
      }
      services.logger.info({ source, action: spec.action, user: request.identity.name }, 'running system command');
      if (spec.async) {
        execute(spec).catch((error: unknown) => services.logger.warn({ err: error }, `system command ${source}:${spec.action} failed`));
        return noContent(reply);
      }
      try {
        await execute(spec);
      } catch (error) {
        if (error instanceof CommandStartError) throw new HttpError(500, `Command for ${source}:${spec.action} ${error.message}`);
        throw error;
      }
      return noContent(reply);
    },
  );

  app.get(
    '/api/system/info',
    {
      ...system,
      ...documentOnly,
      schema: {
        summary: 'System information as a flat key → value map',
        response: {
          200: S.object(
            { systeminfo: S.record(S.union([S.string(), S.number(), S.boolean()])) },
            { examples: [{ systeminfo: { 'octoprint.version': '1.11.8', 'env.os.platform': 'linux', 'env.hardware.cores': 4, 'octoprint.safe_mode': false } }] },
          ),
          403: ErrorSchema,
        },
      },
    },
    async (request: FastifyRequest) => {
      const agent = request.headers['user-agent'];
      return { systeminfo: systemInfo(Array.isArray(agent) ? agent[0] : agent) };
    },
  );
}
