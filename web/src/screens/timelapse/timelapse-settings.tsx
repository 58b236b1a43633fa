// The timelapse settings panel: mode, frame rate, post-roll and the mode's options, saved through POST /api/timelapse.
import { useState } from 'preact/hooks';
import { saveTimelapseConfig } from '../../api/timelapse-api.js';
import type { TimelapseConfig, TimelapseListing } from '../../api/timelapse-api.js';
import { useApp } from '../../app-context.js';
import { ErrorMessage } from '../../components/error-message.js';
import { Field } from '../../components/field.js';
import { Panel } from '../../components/panel.js';
import { useAction } from '../../lib/use-async.js';

export function TimelapseSettingsPanel({ listing, onSaved }: { listing: TimelapseListing; onSaved(): void }) {
  const { api, can } = useApp();
  const start = listing.config;
  const [type, setType] = useState<TimelapseConfig['type']>(start.type);
  const [fps, setFps] = useState(String(start.fps ?? 25));
  const [postRoll, setPostRoll] = useState(String(start.postRoll ?? 0));
  const [interval, setCaptureInterval] = useState(String(start.interval ?? 10));
  const [zHop, setZHop] = useState(String(start.retractionZHop ?? 0));
  const [saved, setSaved] = useState(false);
  const save = useAction(async () => {
    setSaved(false);
    const config: TimelapseConfig = { type, fps: Number(fps), postRoll: Number(postRoll) };
    if (type === 'timed') config.interval = Number(interval);
    if (type === 'zchange') config.retractionZHop = Number(zHop);
    await saveTimelapseConfig(api, config);
    setSaved(true);
    onSaved();
  });
  const admin = can('TIMELAPSE_ADMIN');
  return (
    <Panel title="Timelapse settings">
      {!(listing.recordable ?? listing.enabled) ? <p class="muted">Timelapses need a camera (Settings → Camera, or a snapshot URL) and ffmpeg.</p> : null}
      <form
        class="form-grid"
        onSubmit={(event) => {
          event.preventDefault();
          void save.run();
        }}
      >
        <div class="field">
          <label for="timelapse-type">Mode</label>
          <select id="timelapse-type" value={type} disabled={!admin} onChange={(e) => setType(e.currentTarget.value as TimelapseConfig['type'])}>
            <option value="off">Off</option>
            <option value="zchange">On Z change (each layer)</option>
            <option value="timed">Timed</option>
          </select>
        </div>
        {type !== 'off' ? (
          <>
            <Field label="Frames per second" type="number" min={1} value={fps} onValue={setFps} disabled={!admin} />
            <Field label="Post-roll (seconds)" type="number" min={0} value={postRoll} onValue={setPostRoll} disabled={!admin} />
          </>
        ) : null}
        {type === 'timed' ? <Field label="Capture interval (seconds)" type="number" min={1} value={interval} onValue={setCaptureInterval} disabled={!admin} /> : null}
        {type === 'zchange' ? <Field label="Retraction z-hop (mm)" type="number" min={0} step="0.01" value={zHop} onValue={setZHop} disabled={!admin} hint="Z moves of exactly this height take no frame." /> : null}
        {admin ? (
          <div class="button-row">
            <button type="submit" class="primary" disabled={save.busy}>
              Save
            </button>
            {saved ? <span role="status">Saved.</span> : null}
          </div>
        ) : null}
      </form>
      <ErrorMessage error={save.error} />
    </Panel>
  );
}
