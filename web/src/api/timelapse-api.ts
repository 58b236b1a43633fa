// OctoPrint's timelapse API: the configuration, rendered movies and unrendered captures.
import type { UnrenderedEntry } from '../../../src/shared/index.js';
import type { ApiClient } from './api-client.js';

export interface TimelapseMovie {
  name: string;
  display?: string;
  size: string;
  bytes: number;
  date: string;
  url: string;
}

/** An unrendered capture group (the server's wire type). */
export type UnrenderedTimelapse = UnrenderedEntry;

export interface TimelapseConfig {
  type: 'off' | 'zchange' | 'timed';
  fps?: number;
  postRoll?: number;
  interval?: number;
  retractionZHop?: number;
  minDelay?: number;
  renderAfterPrint?: string;
  capturePostRoll?: boolean;
}

export interface TimelapseListing {
  config: TimelapseConfig;
  enabled: boolean;
  /** Argonaut: a camera and ffmpeg are there, so timelapses can really be recorded. */
  recordable?: boolean;
  files: TimelapseMovie[];
  unrendered?: UnrenderedTimelapse[];
}

export function listTimelapses(api: ApiClient): Promise<TimelapseListing> {
  return api.get<TimelapseListing>('api/timelapse?unrendered=true&force=true');
}

export async function deleteTimelapse(api: ApiClient, name: string): Promise<void> {
  await api.delete(`api/timelapse/${encodeURIComponent(name)}`);
}

export async function renderUnrendered(api: ApiClient, name: string): Promise<void> {
  await api.post(`api/timelapse/unrendered/${encodeURIComponent(name)}`, { command: 'render' });
}

export async function deleteUnrendered(api: ApiClient, name: string): Promise<void> {
  await api.delete(`api/timelapse/unrendered/${encodeURIComponent(name)}`);
}

/** Sets the timelapse configuration and keeps it (save=true). */
export async function saveTimelapseConfig(api: ApiClient, config: TimelapseConfig): Promise<TimelapseListing> {
  return api.post<TimelapseListing>('api/timelapse', { ...config, save: true });
}
