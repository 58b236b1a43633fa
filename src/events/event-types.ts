// OctoPrint's event names and their payloads, as the push socket and plugins see them.
export interface EventPayloads {
  // server
  Startup: Record<string, never>;
  Shutdown: Record<string, never>;
  SettingsUpdated: Record<string, never>;
  ClientOpened: { remoteAddress: string };
  ClientAuthed: { remoteAddress: string; username: string };
  ClientClosed: { remoteAddress: string };
  UserLoggedIn: { username: string };
  UserLoggedOut: { username: string };
  // printer communication
  Connecting: Record<string, never>;
  Connected: { port: string; baudrate: number };
  Disconnecting: Record<string, never>;
  Disconnected: Record<string, never>;
  Error: { error: string; reason?: string };
  PrinterStateChanged: { state_id: string; state_string: string };
  FirmwareData: { name: string; data: Record<string, string> };
  // files
  Upload: { name: string; path: string; target: string; select: boolean; print: boolean; effective_select: boolean; effective_print: boolean; userdata?: unknown };
  FileAdded: { storage: string; path: string; name: string; type: string[] };
  FileRemoved: { storage: string; path: string; name: string; type: string[] };
  FolderAdded: { storage: string; path: string; name: string };
  FolderRemoved: { storage: string; path: string; name: string };
  UpdatedFiles: { type: 'printables' | 'gcode' };
  MetadataAnalysisStarted: { name: string; path: string; origin: string; type: string[] };
  MetadataAnalysisFinished: { name: string; path: string; origin: string; result: unknown };
  FileSelected: { name: string; path: string; origin: string; size: number | null };
  FileDeselected: Record<string, never>;
  TransferStarted: { local: string; remote: string };
  TransferDone: { local: string; remote: string; time: number };
  TransferFailed: { local: string; remote: string; time: number };
  // printing
  PrintStarted: PrintPayload;
  PrintFailed: PrintPayload & { time: number; reason: string };
  PrintDone: PrintPayload & { time: number };
  PrintCancelling: PrintPayload & { firmwareError: string | null };
  PrintCancelled: PrintPayload & { time: number };
  PrintPaused: PrintPayload & { position?: Record<string, number | null> };
  PrintResumed: PrintPayload;
  // commands
  ZChange: { new: number; old: number | null };
  /** An M114 answer: the position the firmware reports (`t` the tool and `f` the feed rate, when known). */
  PositionUpdate: { x: number; y: number; z: number; e: number | null; t: number | null; f: number | null };
  Home: Record<string, never>;
  // timelapse
  CaptureStart: { file: string };
  CaptureDone: { file: string; time: number };
  CaptureFailed: { file: string; time: number; error: string; url: string };
  PostRollStart: { postroll_duration: number; postroll_length: number; postroll_fps: number };
  PostRollEnd: Record<string, never>;
  MovieRendering: MoviePayload;
  MovieDone: MoviePayload;
  MovieFailed: MoviePayload & { returncode: number; out: string; error: string; reason: string };
  // app keys
  plugin_appkeys_pending_request: { app: string; user_token: string; user: string | null };
}

export interface PrintPayload {
  name: string;
  path: string;
  origin: string;
  size: number | null;
  owner: string | null;
  user: string | null;
}

/** What the movie events carry: the print's file, the movie's path and name, the capture prefix. */
export interface MoviePayload {
  gcode: string;
  movie: string;
  movie_basename: string;
  movie_prefix: string;
}

export type EventName = keyof EventPayloads;
