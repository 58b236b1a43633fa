// The camera's live picture, flipped and rotated as configured, with full screen and plain messages when there is none or it fails.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useApp, usePushEvent } from '../../app-context.js';
import { useLoad } from '../../lib/use-async.js';
import { loadCameraStatus, loadWebcamInfo } from './webcam-api.js';
import type { WebcamInfo } from './webcam-api.js';

/** Seconds before a failed stream is tried again. */
const RETRY_SECONDS = 5;

function transformOf(info: WebcamInfo): string {
  const parts: string[] = [];
  if (info.rotate90) parts.push('rotate(-90deg)');
  if (info.flipH) parts.push('scaleX(-1)');
  if (info.flipV) parts.push('scaleY(-1)');
  return parts.join(' ');
}

export function WebcamView() {
  const { api } = useApp();
  const info = useLoad(() => loadWebcamInfo(api), [api]);
  usePushEvent(['SettingsUpdated'], () => info.reload());
  const [failure, setFailure] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const frame = useRef<HTMLDivElement>(null);
  const data = info.data;

  useEffect(() => {
    if (failure === null) return undefined;
    const timer = setTimeout(() => {
      setFailure(null);
      setAttempt((n) => n + 1);
    }, RETRY_SECONDS * 1000);
    return () => clearTimeout(timer);
  }, [failure]);

  const failed = async (): Promise<void> => {
    let reason = 'The camera stream could not be loaded.';
    try {
      const status = await loadCameraStatus(api);
      if (status.problem) reason = status.problem;
    } catch {
      // The status is extra detail; the plain message stands without it.
    }
    setFailure(`${reason} Trying again in ${RETRY_SECONDS} seconds.`);
  };

  if (info.error) return <p class="webcam-message" role="status">The webcam settings could not be loaded.</p>;
  if (!data) return <p class="muted">Loading…</p>;
  if (!data.enabled) {
    return (
      <p class="webcam-message" role="status">
        No camera is configured. An administrator can set one up under Settings → Camera.
      </p>
    );
  }
  const separator = data.streamUrl.includes('?') ? '&' : '?';
  const source = attempt === 0 ? data.streamUrl : `${data.streamUrl}${separator}retry=${attempt}`;
  return (
    <div class="webcam">
      <div ref={frame} class={`webcam-frame ratio-${data.ratio === '4:3' ? '4-3' : '16-9'}`}>
        {failure === null ? (
          <img class="webcam-image" src={source} alt="Live camera picture" style={{ transform: transformOf(data) }} onError={() => void failed()} />
        ) : (
          <p class="webcam-message" role="alert">
            {failure}
          </p>
        )}
      </div>
      <div class="button-row">
        <button type="button" onClick={() => void frame.current?.requestFullscreen?.()}>
          Full screen
        </button>
      </div>
    </div>
  );
}
