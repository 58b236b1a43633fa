// Wire shapes of the OctoPrint API that the UI reads (the parts src/shared does not define yet).
import type { EventSubscription, GcodeAnalysis, StateFlags } from '../../../src/shared/index.js';

export type { EventSubscription, GcodeAnalysis, StateFlags };

export interface LoginResponse {
  name?: string;
  session?: string;
  active?: boolean;
  admin?: boolean;
  groups?: string[];
  permissions?: string[];
  apikey?: string | null;
}

export interface CurrentUser {
  name: string | null;
  permissions: string[];
  groups: string[];
}

export interface PrinterStateText {
  text: string;
  flags: StateFlags;
  error?: string | null;
}

export interface JobFile {
  name: string | null;
  path: string | null;
  display?: string | null;
  origin: string | null;
  size: number | null;
  date: number | null;
}

export interface JobInfo {
  file: JobFile;
  estimatedPrintTime: number | null;
  averagePrintTime?: number | null;
  lastPrintTime?: number | null;
  filament: Record<string, { length: number; volume: number }> | null;
  user?: string | null;
}

export interface JobProgress {
  completion: number | null;
  filepos: number | null;
  printTime: number | null;
  printTimeLeft: number | null;
  printTimeLeftOrigin?: string | null;
}

export interface HeaterReading {
  actual: number | null;
  target: number | null;
}

/** One history point: `time` (s) and a reading per heater (`tool0`, `bed`, ...). */
export type TemperaturePoint = { time: number } & Record<string, HeaterReading | number>;

/** The common part of the push `history` and `current` messages. */
export interface PushState {
  state: PrinterStateText;
  job: JobInfo;
  progress: JobProgress;
  currentZ: number | null;
  temps?: TemperaturePoint[];
  logs?: string[];
  messages?: string[];
  serverTime?: number;
  busyFiles?: Array<{ origin: string; path: string }>;
}

export interface ConnectionInfo {
  current: { state: string; port: string | null; baudrate: number | null; printerProfile: string };
  options: {
    ports: string[];
    baudrates: number[];
    printerProfiles: Array<{ id: string; name: string }>;
    portPreference?: string | null;
    baudratePreference?: number | null;
    printerProfilePreference?: string | null;
  };
}

export interface FileRefs {
  resource: string;
  download?: string;
}

export interface FileEntry {
  name: string;
  display: string;
  path: string;
  type: 'machinecode' | 'model' | 'folder' | string;
  typePath: string[];
  origin: string;
  size?: number;
  date?: number;
  refs: FileRefs;
  children?: FileEntry[];
  gcodeAnalysis?: GcodeAnalysis;
  prints?: { success: number; failure: number; last?: { date: number; success: boolean; printTime?: number } };
}

export interface FileListing {
  files: FileEntry[];
  free?: number;
  total?: number;
}

export interface TemperaturePreset {
  name: string;
  extruder: number;
  bed: number;
  chamber?: number | null;
}

export interface Settings {
  api: { allowCrossOrigin: boolean; key?: string | null };
  appearance?: { name: string; color: string };
  serial?: Record<string, unknown>;
  temperature?: { profiles: TemperaturePreset[] };
  /** Argonaut's notices: settings changed in config.yaml that wait for a restart, and why the file cannot be read. */
  argonaut?: { restartNeeded: string[]; configProblem: string | null };
  [section: string]: unknown;
}

export interface PrinterProfile {
  id: string;
  name: string;
  model?: string;
  color?: string;
  default?: boolean;
  current?: boolean;
  resource?: string;
  volume: { width: number; depth: number; height: number; formFactor: string; origin: string; custom_box?: unknown };
  heatedBed: boolean;
  heatedChamber: boolean;
  axes: Record<'x' | 'y' | 'z' | 'e', { speed: number; inverted: boolean }>;
  extruder: { count: number; offsets: number[][]; nozzleDiameter: number; sharedNozzle?: boolean; defaultExtrusionLength?: number };
}

export interface UserRecord {
  name: string;
  active: boolean;
  admin?: boolean;
  groups: string[];
  permissions: string[];
  apikey: string | null;
  /** Argonaut: the key's first characters (D3). */
  apikeyPrefix?: string | null;
  [extra: string]: unknown;
}

export interface GroupRecord {
  key: string;
  name: string;
  description?: string;
  permissions: string[];
  subgroups: string[];
  default: boolean;
  removable: boolean;
  changeable: boolean;
  toggleable: boolean;
  dangerous?: boolean;
}

export interface PermissionRecord {
  key: string;
  name: string;
  dangerous: boolean;
  description?: string;
  default_groups?: string[];
}

export interface AppKeyRecord {
  app_id: string;
  user_id: string;
  [extra: string]: unknown;
}

export interface PendingAppKey {
  app_id: string;
  user_id: string | null;
  user_token: string;
  remote_address?: string | null;
  [extra: string]: unknown;
}

export interface AppKeysListing {
  keys: AppKeyRecord[];
  pending: Record<string, PendingAppKey>;
}
