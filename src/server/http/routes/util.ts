// POST /api/util/test: the admin's test helpers (path, url, server, resolution, address), as in OctoPrint.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { S } from '../openapi/json-schema.js';
import { MESSAGES, httpErrors } from '../errors.js';
import { requireFreshCredentials } from '../middleware/permissions.js';
import { jsonCommand } from '../request-helpers.js';
import type { HttpServices } from '../services.js';
import { lanAddress, resolvable, serverReachable } from '../util/network-test.js';
import { testPath } from '../util/path-test.js';
import { testUrl } from '../util/url-test.js';
import { documentOnly } from './openapi.js';

const COMMANDS = { path: ['path'], url: ['url'], server: ['host', 'port'], resolution: ['name'], address: [] } as const;

const PathResult = S.object(
  { path: S.string(), exists: S.boolean(), typeok: S.boolean(), broken_symlink: S.boolean(), access: S.boolean(), result: S.boolean() },
  { additionalProperties: false },
);
const UrlResult = S.object({ url: S.string(), status: S.integer(), result: S.boolean(), response: S.optional(S.object({ assumed_content_type: S.string(), content: S.optional(S.unknown()) })) });
const ServerResult = S.object({ host: S.string(), port: S.integer(), protocol: S.string(), result: S.boolean() });
const ResolutionResult = S.object({ name: S.string(), result: S.boolean() });
const AddressResult = S.object({ is_lan_address: S.boolean(), address: S.string(), subnet: S.optional(S.string()) });

function stringValue(value: unknown, name: string): string {
  if (typeof value !== 'string') throw httpErrors.invalidParameter(name);
  return value;
}

function accessList(value: unknown): string[] {
  if (value === undefined) return [];
  if (typeof value === 'string') return [...value];
  if (Array.isArray(value)) return value.filter((entry): entry is string => typeof entry === 'string');
  throw httpErrors.badRequest('check_access is invalid');
}

export function registerUtilRoutes(app: FastifyInstance, services: HttpServices): void {
  app.post(
    '/api/util/test',
    {
      ...documentOnly,
      config: { permission: 'ADMIN', permissionCheck: 'preValidation' },
      schema: {
        summary: 'Test a path, URL, server, host name or address from the server',
        description: 'Commands: path {path, check_type?, check_access?, allow_create_dir?, check_writable_dir?}, url {url, method?, timeout?, validSsl?, status?, content_type_whitelist?, content_type_blacklist?, response?} (needs fresh credentials; never link-local or metadata addresses), server {host, port, timeout?, protocol?}, resolution {name}, address {address?}.',
        body: S.object({ command: S.optional(S.string()) }, { additionalProperties: true, examples: [{ command: 'path', path: '/home/pi/.argonaut/uploads', check_type: 'dir', check_access: ['r', 'w'] }] }),
        response: {
          200: S.union([PathResult, UrlResult, ServerResult, ResolutionResult, AddressResult], {
            examples: [{ path: '/home/pi/.argonaut/uploads', exists: true, typeok: true, broken_symlink: false, access: true, result: true }],
          }),
          400: S.object({ error: S.string() }, { examples: [{ error: MESSAGES.commandInvalid }] }),
        },
      },
    },
    async (request: FastifyRequest) => {
      const { command, data } = jsonCommand(request, COMMANDS);
      switch (command) {
        case 'path':
          return testPath({
            path: stringValue(data.path, 'path'),
            checkType: data.check_type === 'file' || data.check_type === 'dir' ? data.check_type : undefined,
            checkAccess: accessList(data.check_access),
            allowCreateDir: data.allow_create_dir === true,
            checkWritableDir: data.check_writable_dir === true,
          });
        case 'url':
          requireFreshCredentials(request, services.now(), services.config.config.accessControl.defaultReauthenticationTimeout);
          return testUrl(data);
        case 'server': {
          const host = stringValue(data.host, 'host');
          const port = Number(data.port);
          if (!Number.isInteger(port) || port < 1 || port > 65535) throw httpErrors.badRequest('Invalid value for port');
          const timeout = data.timeout === undefined ? 3.05 : Number(data.timeout);
          if (!Number.isFinite(timeout) || timeout <= 0) throw httpErrors.badRequest('Invalid value for timeout');
          const protocol = data.protocol ?? 'tcp';
          if (protocol !== 'tcp' && protocol !== 'udp') throw httpErrors.badRequest('Invalid value for protocol');
          return { host, port, protocol, result: await serverReachable(host, port, Math.min(timeout, 10) * 1000, protocol) };
        }
        case 'resolution': {
          const name = stringValue(data.name, 'name');
          return { name, result: await resolvable(name) };
        }
        case 'address': {
          const address = typeof data.address === 'string' && data.address !== '' ? data.address : request.origin.clientIp;
          return lanAddress(address, services.config.config.accessControl.localNetworks);
        }
      }
    },
  );
}
