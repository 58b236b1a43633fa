// Camera settings: where pictures come from (an external streamer or a camera on this host), orientation, and ffmpeg.
import { useId } from 'preact/hooks';
import type { Settings } from '../../api/types.js';
import { useApp } from '../../app-context.js';
import { Checkbox, Field } from '../../components/field.js';
import { Panel } from '../../components/panel.js';
import { useLoad } from '../../lib/use-async.js';
import { loadCameraStatus } from '../webcam/webcam-api.js';
import { SettingsForm, useSettingsSection } from './settings-form.js';

interface Values {
  source: string;
  proxyStreamUrl: string;
  proxySnapshotUrl: string;
  device: string;
  size: string;
  framerate: string;
  stream: string;
  flipH: boolean;
  flipV: boolean;
  rotate90: boolean;
  streamRatio: string;
  ffmpegPath: string;
}

type Json = Record<string, unknown>;

function text(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}

function valuesOf(settings: Settings): Values {
  const camera = (settings.camera ?? {}) as Json;
  const classic = ((settings.plugins as Json | undefined)?.classicwebcam ?? {}) as Json;
  const webcam = (settings.webcam ?? {}) as Json;
  return {
    source: text(camera.source || 'none'),
    proxyStreamUrl: text(camera.proxyStreamUrl),
    proxySnapshotUrl: text(camera.proxySnapshotUrl),
    device: text(camera.device),
    size: text(camera.size),
    framerate: text(camera.framerate),
    stream: text(classic.stream),
    flipH: classic.flipH === true,
    flipV: classic.flipV === true,
    rotate90: classic.rotate90 === true,
    streamRatio: text(classic.streamRatio || '16:9'),
    ffmpegPath: text(webcam.ffmpegPath),
  };
}

function changesOf(values: Values): Json {
  return {
    camera: {
      source: values.source,
      proxyStreamUrl: values.proxyStreamUrl,
      proxySnapshotUrl: values.proxySnapshotUrl,
      device: values.device,
      size: values.size,
      framerate: Number(values.framerate),
    },
    plugins: { classicwebcam: { stream: values.stream, flipH: values.flipH, flipV: values.flipV, rotate90: values.rotate90, streamRatio: values.streamRatio } },
    webcam: { ffmpegPath: values.ffmpegPath === '' ? null : values.ffmpegPath },
  };
}

function ffmpegLine(status: { ffmpeg: { found: boolean; source: string | null }; problem: string | null } | null | undefined): string {
  if (!status) return '';
  if (!status.ffmpeg.found) return 'No ffmpeg was found: the camera on this host and timelapses cannot work until one is installed or its path is set below.';
  const where = status.ffmpeg.source === 'configured' ? 'the path set below' : status.ffmpeg.source === 'system' ? "the system's" : 'the copy bundled with Argonaut';
  return `ffmpeg: using ${where}.`;
}

export function CameraSettings({ settings, onSaved }: { settings: Settings; onSaved(settings: Settings): void }) {
  const { api } = useApp();
  const status = useLoad(() => loadCameraStatus(api), [api, settings]);
  const section = useSettingsSection(valuesOf(settings), changesOf, onSaved);
  const { values } = section;
  const sourceId = useId();
  const set = (key: keyof Values) => (value: string | boolean) => section.edit((current) => ({ ...current, [key]: value }));
  return (
    <Panel title="Camera">
      <SettingsForm section={section} unchanged={section.unchanged}>
        <div class="field">
          <label for={sourceId}>Picture source</label>
          <select id={sourceId} value={values.source} onChange={(event) => set('source')(event.currentTarget.value)}>
            <option value="none">None (or a stream URL of your own below)</option>
            <option value="proxy">External streamer (mjpg-streamer, ustreamer, camera-streamer)</option>
            <option value="local">Camera on this computer (read with ffmpeg)</option>
          </select>
          <small class="hint">Pictures are served at /webcam/?action=stream and /webcam/?action=snapshot, the URLs OctoPi uses.</small>
        </div>
        {values.source === 'proxy' ? (
          <div class="form-grid">
            <Field label="Streamer's stream URL" value={values.proxyStreamUrl} onValue={set('proxyStreamUrl')} placeholder="http://127.0.0.1:8080/?action=stream" />
            <Field label="Streamer's snapshot URL" value={values.proxySnapshotUrl} onValue={set('proxySnapshotUrl')} placeholder="http://127.0.0.1:8080/?action=snapshot" />
          </div>
        ) : null}
        {values.source === 'local' ? (
          <div class="form-grid">
            <Field label="Camera device" value={values.device} onValue={set('device')} placeholder="/dev/video0" />
            <Field label="Picture size" value={values.size} onValue={set('size')} placeholder="1280x720" />
            <Field label="Frames per second" type="number" min="1" max="120" value={values.framerate} onValue={set('framerate')} />
          </div>
        ) : null}
        <Field
          label="Stream URL given to clients"
          value={values.stream}
          onValue={set('stream')}
          hint="Leave empty to give /webcam/?action=stream when a source is chosen above."
        />
        <div class="form-grid">
          <Checkbox label="Flip horizontally" checked={values.flipH} onChange={set('flipH')} />
          <Checkbox label="Flip vertically" checked={values.flipV} onChange={set('flipV')} />
          <Checkbox label="Rotate 90° counter-clockwise" checked={values.rotate90} onChange={set('rotate90')} />
          <Checkbox label="4:3 picture (else 16:9)" checked={values.streamRatio === '4:3'} onChange={(on) => set('streamRatio')(on ? '4:3' : '16:9')} />
        </div>
        <Field label="Path of ffmpeg" value={values.ffmpegPath} onValue={set('ffmpegPath')} hint="Empty: the system's ffmpeg, else the one bundled with Argonaut." />
        <p class="muted" role="status">
          {ffmpegLine(status.data)}
        </p>
        {status.data?.problem ? (
          <p class="error" role="alert">
            {status.data.problem}
          </p>
        ) : null}
      </SettingsForm>
    </Panel>
  );
}
