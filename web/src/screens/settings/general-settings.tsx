// General settings: the printer's name, shown in the header, the tab title and to clients (appearance.name).
import { useEffect, useState } from 'preact/hooks';
import type { Settings } from '../../api/types.js';
import { Field } from '../../components/field.js';
import { Panel } from '../../components/panel.js';
import { SettingsForm, useSettingsSave } from './settings-form.js';

export function GeneralSettings({ settings, onSaved }: { settings: Settings; onSaved(settings: Settings): void }) {
  const current = settings.appearance?.name ?? '';
  const [name, setName] = useState(current);
  useEffect(() => setName(current), [current]);
  const section = useSettingsSave(() => ({ appearance: { name: name.trim() } }), onSaved);
  return (
    <Panel title="General">
      <SettingsForm section={section} unchanged={name.trim() === current}>
        <Field
          label="Printer name"
          value={name}
          onValue={(value) => {
            setName(value);
            section.edited();
          }}
          hint="Shown in the header, the browser tab and to apps."
          maxLength={100}
        />
      </SettingsForm>
    </Panel>
  );
}
