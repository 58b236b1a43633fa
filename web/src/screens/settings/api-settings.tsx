// API settings: the "Allow Cross Origin Resource Sharing (CORS)" switch (api.allowCrossOrigin).
import { useEffect, useState } from 'preact/hooks';
import { saveSettings } from '../../api/settings-api.js';
import type { Settings } from '../../api/types.js';
import { useApp } from '../../app-context.js';
import { ErrorMessage } from '../../components/error-message.js';
import { Checkbox } from '../../components/field.js';
import { Panel } from '../../components/panel.js';
import { useAction } from '../../lib/use-async.js';

export function ApiSettings({ settings, onSaved }: { settings: Settings; onSaved(settings: Settings): void }) {
  const { api } = useApp();
  const [cors, setCors] = useState(settings.api.allowCrossOrigin);
  const [saved, setSaved] = useState(false);
  useEffect(() => setCors(settings.api.allowCrossOrigin), [settings.api.allowCrossOrigin]);
  const save = useAction(async () => {
    setSaved(false);
    onSaved(await saveSettings(api, { api: { allowCrossOrigin: cors } }));
    setSaved(true);
  });
  const changed = cors !== settings.api.allowCrossOrigin;
  return (
    <Panel title="API">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void save.run();
        }}
      >
        <Checkbox
          label="Allow Cross Origin Resource Sharing (CORS)"
          checked={cors}
          onChange={(value) => {
            setCors(value);
            setSaved(false);
          }}
          hint="Lets web pages from other sites call this API with an API key. Leave it off unless a browser-based tool needs it."
        />
        <div class="button-row">
          <button type="submit" class="primary" disabled={save.busy || !changed}>
            {save.busy ? 'Saving…' : 'Save'}
          </button>
          {saved ? (
            <span class="muted" role="status">
              Saved.
            </span>
          ) : null}
        </div>
        <ErrorMessage error={save.error} />
      </form>
    </Panel>
  );
}
