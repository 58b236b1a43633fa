// What the HTTP layer needs from the rest of the system; built by src/app and handed to createHttpApp.
import type { Logger } from 'pino';
import type { AccessControl, AppKeysService, Authenticator, PrinterEntry, StoreStatus } from '../../auth/index.js';
import type { CameraService } from '../../camera/index.js';
import type { TimelapseService } from '../../camera/index.js';
import type { Basedir, ConfigStore } from '../../config/index.js';
import type { EventBus } from '../../events/index.js';
import type { FileManager } from '../../files/index.js';
import type { JobService, PrintHistory } from '../../jobs/index.js';
import type { PrinterService } from '../../printer/index.js';
import type { PowerApi } from './routes/psucontrol.js';

export interface HttpServices {
  config: ConfigStore;
  basedir: Basedir;
  events: EventBus;
  logger: Logger;
  authenticator: Authenticator;
  /** Users, groups, sessions, keys, CSRF tokens, login (src/auth). */
  access: AccessControl;
  /** The Application Keys workflow (src/auth/app-keys); its routes are registered only when it is wired. */
  appKeys?: AppKeysService;
  /** Uploaded files, folders and their metadata (src/files). */
  files: FileManager;
  /** Print jobs (select, print, busy files); absent until a job service is wired, which means "no printer". */
  jobs?: JobService;
  /** Ended prints (GET /api/argonaut/history); the route is registered only when it is wired. */
  history?: PrintHistory;
  /** The printer: driver, profiles, connection (src/printer); the printer API is registered only when it is wired. */
  printer?: PrinterService;
  /** The camera behind /webcam/ and /downloads/camera/current (src/camera); its routes are registered only when it is wired. */
  camera?: CameraService;
  /** Power control (PSU Control's API); absent or disabled: /api/plugin/psucontrol answers 404. */
  power?: PowerApi;
  /** Timelapse recording and rendering (src/camera); without it timelapses are reported off. */
  timelapse?: TimelapseService;
  /** The printers of every host sharing the access-control store, and how that store is doing (GET /api/argonaut/...). */
  farm?: { printers(): Promise<PrinterEntry[]>; status(): StoreStatus };
  /** Milliseconds since the epoch; injectable for tests. */
  now(): number;
  /** Detected serial ports and offered baud rates (settings `serial.portOptions`); wired by the printer when present. */
  connectionOptions?(): Promise<{ ports: string[]; baudrates: number[] }>;
}
