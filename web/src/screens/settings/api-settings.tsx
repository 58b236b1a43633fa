// API settings: the "Allow Cross Origin Resource Sharing (CORS)" switch (api.allowCrossOrigin).
import type { Settings } from '../../api/types.js';
import { Checkbox } from '../../components/field.js';
import { Panel } from '../../components/panel.js';
import { SettingsForm, useSettingsSection } from './settings-form.js';

export function ApiSettings({ settings, onSaved }: { settings: Settings; onSaved(settings: Settings): void }) {
  const section = useSettingsSection(settings.api.allowCrossOrigin, (cors) => ({ api: { allowCrossOrigin: cors } }), onSaved);
  return (
    <Panel title="API">
      <SettingsForm section={section} unchanged={section.unchanged}>
        <Checkbox
          label="Allow Cross Origin Resource Sharing (CORS)"
          checked={section.values}
          onChange={(value) => section.edit(() => value)}
          hint="Lets web pages from other sites call this API with an API key. Leave it off unless a browser-based tool needs it."
        />
      </SettingsForm>
    </Panel>
  );
}
