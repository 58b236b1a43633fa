// General settings: the printer's name, shown in the header, the tab title and to clients (appearance.name).
import type { Settings } from '../../api/types.js';
import { Field } from '../../components/field.js';
import { Panel } from '../../components/panel.js';
import { SettingsForm, useSettingsSection } from './settings-form.js';

export function GeneralSettings({ settings, onSaved }: { settings: Settings; onSaved(settings: Settings): void }) {
  const current = settings.appearance?.name ?? '';
  const section = useSettingsSection(current, (name) => ({ appearance: { name: name.trim() } }), onSaved);
  return (
    <Panel title="General">
      <SettingsForm section={section} unchanged={section.values.trim() === current}>
        <Field
          label="Printer name"
          value={section.values}
          onValue={(value) => section.edit(() => value)}
          hint="Shown in the header, the browser tab and to apps."
          maxLength={100}
        />
      </SettingsForm>
    </Panel>
  );
}
