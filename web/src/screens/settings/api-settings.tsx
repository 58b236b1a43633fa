// API settings: the "Allow Cross Origin Resource Sharing (CORS)" switch (api.allowCrossOrigin).
import { useEffect, useState } from 'preact/hooks';
import type { Settings } from '../../api/types.js';
import { Checkbox } from '../../components/field.js';
import { Panel } from '../../components/panel.js';
import { SettingsForm, useSettingsSave } from './settings-form.js';

export function ApiSettings({ settings, onSaved }: { settings: Settings; onSaved(settings: Settings): void }) {
  const [cors, setCors] = useState(settings.api.allowCrossOrigin);
  useEffect(() => setCors(settings.api.allowCrossOrigin), [settings.api.allowCrossOrigin]);
  const section = useSettingsSave(() => ({ api: { allowCrossOrigin: cors } }), onSaved);
  return (
    <Panel title="API">
      <SettingsForm section={section} unchanged={cors === settings.api.allowCrossOrigin}>
        <Checkbox
          label="Allow Cross Origin Resource Sharing (CORS)"
          checked={cors}
          onChange={(value) => {
            setCors(value);
            section.edited();
          }}
          hint="Lets web pages from other sites call this API with an API key. Leave it off unless a browser-based tool needs it."
        />
      </SettingsForm>
    </Panel>
  );
}
