// OctoPrint's permissions: keys, names, whether dangerous, and the default groups that hold them.
export const PERMISSION_KEYS = [
  'ADMIN',
  'STATUS',
  'CONNECTION',
  'WEBCAM',
  'SYSTEM',
  'FILES_LIST',
  'FILES_UPLOAD',
  'FILES_DOWNLOAD',
  'FILES_DELETE',
  'FILES_SELECT',
  'PRINT',
  'GCODE_VIEWER',
  'MONITOR_TERMINAL',
  'CONTROL',
  'SLICE',
  'TIMELAPSE_LIST',
  'TIMELAPSE_DOWNLOAD',
  'TIMELAPSE_DELETE',
  'TIMELAPSE_MANAGE_UNRENDERED',
  'TIMELAPSE_ADMIN',
  'SETTINGS_READ',
  'SETTINGS',
  'PLUGIN_APPKEYS_ADMIN',
  'PLUGIN_APPKEYS_GRANT',
  'PLUGIN_ACTION_COMMAND_PROMPT_INTERACT',
  'PLUGIN_ACTION_COMMAND_NOTIFICATION_SHOW',
  'PLUGIN_ACTION_COMMAND_NOTIFICATION_CLEAR',
  'PLUGIN_PSUCONTROL_CONTROL',
] as const;

export type PermissionKey = (typeof PERMISSION_KEYS)[number];

export interface PermissionDefinition {
  key: PermissionKey;
  name: string;
  description: string;
  dangerous: boolean;
  defaultGroups: readonly string[];
  /** The role a `needs` lists for it (OctoPrint's: the key in lower case, with two historical exceptions). */
  role: string;
  /** The bundled OctoPrint plugin that defines it, for plugin permissions. */
  plugin?: string;
}

const OPERATOR = ['users'];
const READERS = ['users', 'readonly'];

type Definition = Omit<PermissionDefinition, 'role'> & { role?: string };

const DEFINITIONS: readonly Definition[] = [
  { key: 'ADMIN', name: 'Admin', description: 'Full control of everything, including users and settings.', dangerous: true, defaultGroups: ['admins'] },
  { key: 'STATUS', name: 'Status', description: 'See the printer and job state.', dangerous: false, defaultGroups: READERS },
  { key: 'CONNECTION', name: 'Connection', description: 'Connect to and disconnect from the printer.', dangerous: false, defaultGroups: OPERATOR },
  { key: 'WEBCAM', name: 'Webcam', description: 'Watch the webcam stream.', dangerous: false, defaultGroups: READERS },
  { key: 'SYSTEM', name: 'System', description: 'Run system commands such as shutdown and reboot.', dangerous: true, defaultGroups: [] },
  { key: 'FILES_LIST', name: 'File List', description: 'List the uploaded files.', dangerous: false, defaultGroups: READERS },
  { key: 'FILES_UPLOAD', name: 'File Upload', description: 'Upload files and create folders.', dangerous: false, defaultGroups: OPERATOR },
  { key: 'FILES_DOWNLOAD', name: 'File Download', description: 'Download files.', dangerous: false, defaultGroups: READERS },
  { key: 'FILES_DELETE', name: 'File Delete', description: 'Delete files and folders.', dangerous: false, defaultGroups: OPERATOR },
  { key: 'FILES_SELECT', name: 'File Select', description: 'Select a file for printing.', dangerous: false, defaultGroups: OPERATOR },
  { key: 'PRINT', name: 'Print', description: 'Start, pause, resume and cancel prints.', dangerous: false, defaultGroups: OPERATOR },
  { key: 'GCODE_VIEWER', name: 'GCODE viewer', description: 'View G-code files.', dangerous: false, defaultGroups: READERS, role: 'gcodeviewer' },
  { key: 'MONITOR_TERMINAL', name: 'Terminal', description: 'Watch the serial log.', dangerous: false, defaultGroups: READERS },
  { key: 'CONTROL', name: 'Control', description: 'Move the print head, set temperatures and send commands.', dangerous: false, defaultGroups: OPERATOR },
  { key: 'SLICE', name: 'Slice', description: 'Slice models.', dangerous: false, defaultGroups: OPERATOR },
  { key: 'TIMELAPSE_LIST', name: 'Timelapse List', description: 'List timelapses.', dangerous: false, defaultGroups: READERS },
  { key: 'TIMELAPSE_DOWNLOAD', name: 'Timelapse Download', description: 'Download timelapses.', dangerous: false, defaultGroups: READERS },
  { key: 'TIMELAPSE_DELETE', name: 'Timelapse Delete', description: 'Delete timelapses.', dangerous: false, defaultGroups: OPERATOR },
  { key: 'TIMELAPSE_MANAGE_UNRENDERED', name: 'Timelapse Manage Unrendered', description: 'Render or delete unrendered timelapses.', dangerous: false, defaultGroups: OPERATOR },
  { key: 'TIMELAPSE_ADMIN', name: 'Timelapse Admin', description: 'Change the timelapse settings.', dangerous: false, defaultGroups: OPERATOR },
  { key: 'SETTINGS_READ', name: 'Settings Access', description: 'Read the settings.', dangerous: false, defaultGroups: READERS },
  { key: 'SETTINGS', name: 'Settings Admin', description: 'Change the settings.', dangerous: true, defaultGroups: [] },
  { key: 'PLUGIN_APPKEYS_ADMIN', name: 'Application Keys Plugin: Admin access', description: 'Manage the application keys of every user.', dangerous: true, defaultGroups: ['admins'], plugin: 'appkeys' },
  { key: 'PLUGIN_ACTION_COMMAND_PROMPT_INTERACT', name: 'Action Command Prompt Support: Interact with printer prompts', description: 'See and answer the prompts the printer shows.', dangerous: false, defaultGroups: OPERATOR, role: 'plugin_action_command_prompt_interact', plugin: 'action_command_prompt' },
  { key: 'PLUGIN_ACTION_COMMAND_NOTIFICATION_SHOW', name: 'Action Command Notification Support: Show printer notifications', description: 'See the notifications the printer sends.', dangerous: false, defaultGroups: OPERATOR, role: 'plugin_action_command_notification_show', plugin: 'action_command_notification' },
  { key: 'PLUGIN_ACTION_COMMAND_NOTIFICATION_CLEAR', name: 'Action Command Notification Support: Clear printer notifications', description: 'Clear the notifications the printer sent.', dangerous: false, defaultGroups: OPERATOR, role: 'plugin_action_command_notification_clear', plugin: 'action_command_notification' },
  { key: 'PLUGIN_APPKEYS_GRANT', name: 'Application Keys Plugin: Grant access', description: 'Approve application key requests for oneself.', dangerous: false, defaultGroups: OPERATOR, role: 'plugin_appkeys_user', plugin: 'appkeys' },
  { key: 'PLUGIN_PSUCONTROL_CONTROL', name: 'Control', description: "Switch the printer's power on and off.", dangerous: true, defaultGroups: ['admins'], role: 'plugin_psucontrol_admin', plugin: 'psucontrol' },
];

export const PERMISSIONS: readonly PermissionDefinition[] = DEFINITIONS.map((definition) => ({ ...definition, role: definition.role ?? definition.key.toLowerCase() }));

export function isPermissionKey(value: unknown): value is PermissionKey {
  return typeof value === 'string' && (PERMISSION_KEYS as readonly string[]).includes(value);
}

/** Every permission (what ADMIN implies). */
export function allPermissions(): ReadonlySet<PermissionKey> {
  return new Set(PERMISSION_KEYS);
}

export function isDangerous(key: PermissionKey): boolean {
  return PERMISSIONS.find((p) => p.key === key)?.dangerous ?? true;
}
