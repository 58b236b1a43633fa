// config.yaml `accessControl.*`: whether access control is on, session and remember-me lifetimes.
import { atStart, field } from './fields.js';

export const accessControlSchema = {
  enabled: field.boolean(true, 'Access control; false gives every request full admin rights (never on a shared network).'),
  sessionStaleAfter: field.integer(15, 'Minutes after which an untouched login session goes stale.', 1, 525600),
  sessionLifetime: field.integer(1440, 'Absolute lifetime of a login session in minutes.', 1, 5256000),
  rememberMeDays: field.integer(30, 'Absolute lifetime of a remember-me token in days.', 1, 3650),
  defaultReauthenticationTimeout: field.integer(5, 'Minutes a password entry counts as fresh for sensitive changes.', 0, 1440),
  localNetworks: field.stringList(
    ['127.0.0.0/8', '::1/128', '10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7', 'fe80::/10'],
    'Networks counted as local (CIDR).',
  ),
  autologinLocal: field.boolean(false, 'Log clients from the local networks in automatically as autologinAs.'),
  autologinAs: field.optionalString(null, 'User to log local clients in as, when autologinLocal is on.'),
  minimumPasswordLength: field.integer(8, 'Shortest password accepted for new passwords.', 1, 1024),
  trustBasicAuthentication: field.boolean(false, 'Log in whoever an Authorization: Basic header sent by a trusted proxy names.'),
  checkBasicAuthenticationPassword: field.boolean(true, "With trustBasicAuthentication, also check the header's password against the user's."),
  trustRemoteUser: field.boolean(false, 'Log in the user named by the remoteUserHeader of a trusted proxy (single sign-on).'),
  remoteUserHeader: field.string('REMOTE_USER', 'Header a trusted proxy names the signed-on user in.'),
  addRemoteUsers: field.boolean(false, 'With trustRemoteUser, create users the proxy names that do not exist yet (default groups, no password).'),
  trustRemoteGroups: field.boolean(false, "With trustRemoteUser, take the user's groups from remoteGroupsHeader (comma-separated group keys) instead."),
  remoteGroupsHeader: field.string('REMOTE_GROUPS', "Header a trusted proxy lists the signed-on user's groups in."),
  store: atStart(
    field.optionalString(null, 'Where users, groups, keys and sessions live: null for the files in the basedir, or a postgresql:// URL shared by several hosts.'),
  ),
  storeGraceSeconds: field.integer(300, 'Seconds cached keys and sessions keep working while the shared store (accessControl.store) cannot be reached.', 0, 604800),
  hostId: atStart(field.optionalString(null, "This host's name in the shared store's printer list; the machine's host name when null.")),
  publicUrl: atStart(field.optionalString(null, 'Where other hosts and browsers reach this host (listed with its printers in the shared store); http://<host name>:<port>/ when null.')),
  salt: atStart(field.optionalString(null, "OctoPrint's password salt, copied from its config.yaml, to verify its older sha512 password hashes.")),
} as const;
