// Wire types of the timelapse API (GET /api/timelapse?unrendered=true): an unrendered capture group.

export interface UnrenderedEntry {
  name: string;
  count: number;
  size: string;
  bytes: number;
  date: string;
  recording: boolean;
  rendering: boolean;
  processing: boolean;
}
