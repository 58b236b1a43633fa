// General settings: the printer's name, shown in the header, the tab title and to clients (appearance.name).
import { useEffect, useState } from 'preact/hooks';
import { saveSettings } from '../../api/settings-api.js';
import type { Settings } from '../../api/types.js';
import { useApp } from '../../app-context.js';
import { ErrorMessage } from '../../components/error-message.js';
import { Field } from '../../components/field.js';
import { Panel } from '../../components/panel.js';
import { useAction } from '../../lib/use-async.js';

export function GeneralSettings({ settings, onSaved }: { settings: Settings; onSaved(settings: Settings): void }) {
  const { api } = useApp();
  const current = settings.appearance?.name ?? '';
  const [name, setName] = useState(current);
  const [saved, setSaved] = useState(false);
  useEffect(() => setName(current), [current]);
  const save = useAction(async () => {
    setSaved(false);
    onSaved(await saveSettings(api, { appearance: { name: name.trim() } }));
    setSaved(true);
  });
  return (
    <Panel title="General">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void save.run();
        }}
      >
        <Field label="Printer name" value={name} onValue={(value) => {
            setName(value);
            setSaved(false);
          }} hint="Shown in the header, the browser tab and to apps." maxLength={100} />
        <div class="button-row">
          <button type="submit" class="primary" disabled={save.busy || name.trim() === current}>
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
