// General settings: the printer's name, shown in the header, the tab title and to clients (appearance.name), and the header colour.
import type { Settings } from '../../api/types.js';
import { Field } from '../../components/field.js';
import { Panel } from '../../components/panel.js';
import { SettingsForm, useSettingsSection } from './settings-form.js';

const COLOURS = ['default', 'red', 'orange', 'yellow', 'green', 'blue', 'violet', 'black', 'white'] as const;

interface Values {
  name: string;
  color: string;
}

export function GeneralSettings({ settings, onSaved }: { settings: Settings; onSaved(settings: Settings): void }) {
  const current: Values = { name: settings.appearance?.name ?? '', color: settings.appearance?.color ?? 'default' };
  const section = useSettingsSection(current, (values) => ({ appearance: { name: values.name.trim(), color: values.color } }), onSaved);
  return (
    <Panel title="General">
      <SettingsForm section={section} unchanged={section.values.name.trim() === current.name && section.values.color === current.color}>
        <Field
          label="Printer name"
          value={section.values.name}
          onValue={(name) => section.edit((values) => ({ ...values, name }))}
          hint="Shown in the header, the browser tab and to apps."
          maxLength={100}
        />
        <div class="field">
          <label for="appearance-color">Colour</label>
          <select id="appearance-color" value={section.values.color} onChange={(event) => section.edit((values) => ({ ...values, color: event.currentTarget.value }))}>
            {COLOURS.map((colour) => (
              <option key={colour} value={colour}>
                {colour === 'default' ? 'Default' : colour[0]?.toUpperCase() + colour.slice(1)}
              </option>
            ))}
          </select>
          <small class="hint">A stripe in the header's colour tells printers apart.</small>
        </div>
      </SettingsForm>
    </Panel>
  );
}
