// Where timelapse frames come from: any function that yields one JPEG (the app passes the camera service's snapshot).

/** Takes one picture (a JPEG); rejects when none can be had. */
export type SnapshotSource = () => Promise<Buffer>;
