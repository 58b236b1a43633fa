// config.yaml `server.*`: where to listen, body limits, slow clients, reverse proxy and cookies.
import { atStart, field } from './fields.js';

export const serverSchema = {
  host: atStart(field.string('0.0.0.0', 'Address to listen on; 0.0.0.0 means all IPv4 interfaces, :: all interfaces.')),
  port: atStart(field.integer(5000, 'TCP port to listen on.', 1, 65535)),
  apiNiceness: atStart(
    field.integer(
      5,
      "How much lower the web server and API run than the printer driver's process (Linux nice steps; 0 = the same), so that printing goes first on a busy machine.",
      0,
      19,
    ),
  ),
  firstRun: field.boolean(true, 'True until the first admin has been created.'),
  maxSize: atStart(field.integer(102400, 'Largest accepted request body in bytes, except uploads.', 1024, 10485760)),
  uploads: {
    maxSize: field.integer(1073741824, 'Largest accepted upload in bytes.', 1024, 1099511627776),
  },
  reverseProxy: {
    trustedProxies: field.stringList([], 'Addresses (or CIDR networks) of reverse proxies whose X-Forwarded-*, X-Script-Name and sign-on headers are believed.'),
    trustLocalhostProxies: field.boolean(true, 'Also trust proxies on this machine (127.0.0.1 and ::1).'),
    prefixHeader: field.optionalString(null, 'Header with the path prefix (default X-Script-Name, then X-Forwarded-Prefix).'),
    schemeHeader: field.optionalString(null, 'Header with the scheme (default X-Forwarded-Proto, then X-Scheme).'),
    hostHeader: field.optionalString(null, 'Header with the public host (default X-Forwarded-Host).'),
    portHeader: field.optionalString(null, 'Header with the public port (default X-Forwarded-Port).'),
    prefixFallback: field.optionalString(null, 'Path prefix used when no trusted header names one.'),
    schemeFallback: field.optionalString(null, 'Scheme used when no trusted header names one.'),
    hostFallback: field.optionalString(null, 'Host used when no trusted header names one.'),
    portFallback: field.optionalString(null, 'Port used when no trusted header names one.'),
  },
  slowClients: {
    headersTimeout: atStart(field.number(30, 'Seconds a connection has to send its request headers before it is closed.', 0.1, 3600)),
    uploadStallTimeout: field.number(60, 'Seconds an upload body may stall (no data) before it is aborted and its temporary file removed.', 0.1, 3600),
    pushQueueBytes: atStart(field.integer(4194304, 'Bytes that may wait for a push socket that does not read before it is dropped.', 1024, 1073741824)),
  },
  cookies: {
    secure: field.boolean(false, 'Always mark cookies Secure (they are Secure anyway on https).'),
    samesite: field.string('Lax', 'SameSite attribute of the cookies.', ['Lax', 'Strict', 'None']),
  },
  commands: {
    systemShutdownCommand: field.optionalString(null, 'Command to shut the host down, e.g. "sudo shutdown -h now"; run without a shell.'),
    systemRestartCommand: field.optionalString(null, 'Command to reboot the host; run without a shell.'),
    serverRestartCommand: field.optionalString(null, 'Command to restart Argonaut; run without a shell.'),
  },
  ipCheck: {
    enabled: field.boolean(true, 'Report whether a client is outside the local networks.'),
    trustedSubnets: field.stringList([], 'Extra subnets (CIDR) counted as local.'),
  },
} as const;
