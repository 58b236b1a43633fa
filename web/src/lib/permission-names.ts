// Permission names as people read them (OctoPrint's), for tooltips on greyed buttons and "you may not open" pages.

const NAMES: Record<string, string> = {
  ADMIN: 'Admin',
  STATUS: 'Status',
  CONNECTION: 'Connection',
  WEBCAM: 'Webcam',
  SYSTEM: 'System',
  FILES_LIST: 'File List',
  FILES_UPLOAD: 'File Upload',
  FILES_DOWNLOAD: 'File Download',
  FILES_DELETE: 'File Delete',
  FILES_SELECT: 'File Select',
  PRINT: 'Print',
  GCODE_VIEWER: 'GCODE viewer',
  MONITOR_TERMINAL: 'Terminal',
  CONTROL: 'Control',
  SLICE: 'Slice',
  SETTINGS_READ: 'Settings Access',
  SETTINGS: 'Settings Admin',
  PLUGIN_APPKEYS_ADMIN: 'Application Keys Plugin: Admin access',
  PLUGIN_APPKEYS_GRANT: 'Application Keys Plugin: Grant access',
};

/**
 * Permissions of features Argonaut does not have yet (slicing, the G-code viewer): the API keeps them, as OctoPrint
 * has them, but lists for people leave them out.
 */
export const UNAVAILABLE_PERMISSIONS: ReadonlySet<string> = new Set(['SLICE', 'GCODE_VIEWER']);

export function permissionName(key: string): string {
  return NAMES[key] ?? key;
}

/** The tooltip of a button greyed for a missing permission, e.g. `Needs the "Print" permission`. */
export function missingPermissionText(...keys: string[]): string {
  const names = keys.map((key) => `"${permissionName(key)}"`);
  return names.length === 1 ? `Needs the ${names[0]} permission` : `Needs the ${names.join(' and ')} permissions`;
}
