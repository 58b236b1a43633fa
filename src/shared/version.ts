// Version facts reported to clients: the OctoPrint API level we match and our own version.
export const OCTOPRINT_API_VERSION = '0.1';
export const OCTOPRINT_SERVER_VERSION = '1.11.8';
export const ARGONAUT_VERSION = '0.1.0';
export const VERSION_TEXT = `OctoPrint (Argonaut ${ARGONAUT_VERSION})`;
