// What the webcam view needs: the webcam settings clients read, and Argonaut's camera status.
import type { ApiClient } from '../../api/api-client.js';

export interface WebcamInfo {
  enabled: boolean;
  /** Absolute URL of the MJPEG stream, or '' when no camera is configured. */
  streamUrl: string;
  flipH: boolean;
  flipV: boolean;
  rotate90: boolean;
  ratio: '16:9' | '4:3';
}

export interface CameraStatus {
  source: 'none' | 'proxy' | 'local';
  ffmpeg: { found: boolean; source: 'configured' | 'system' | 'bundled' | null };
  viewers: number;
  problem: string | null;
}

/** A stream URL as clients resolve it: absolute as is, relative against this server's base. */
export function resolveStreamUrl(api: Pick<ApiClient, 'url'>, url: string): string {
  if (url === '') return '';
  return /^[a-z][a-z0-9+.-]*:/i.test(url) ? url : api.url(url);
}

export async function loadWebcamInfo(api: ApiClient): Promise<WebcamInfo> {
  const settings = await api.get<{ webcam?: Record<string, unknown> }>('api/settings');
  const webcam = settings.webcam ?? {};
  const stream = typeof webcam.streamUrl === 'string' ? webcam.streamUrl : '';
  return {
    enabled: webcam.webcamEnabled === true && stream !== '',
    streamUrl: resolveStreamUrl(api, stream),
    flipH: webcam.flipH === true,
    flipV: webcam.flipV === true,
    rotate90: webcam.rotate90 === true,
    ratio: webcam.streamRatio === '4:3' ? '4:3' : '16:9',
  };
}

export function loadCameraStatus(api: ApiClient): Promise<CameraStatus> {
  return api.get<CameraStatus>('api/camera');
}
