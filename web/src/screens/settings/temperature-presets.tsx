// Temperature presets (OctoPrint's temperature.profiles): name, hotend, bed and chamber targets, offered on the dashboard.
import type { Settings, TemperaturePreset } from '../../api/types.js';
import { Panel } from '../../components/panel.js';
import { RowListEditor } from './row-list-editor.js';
import type { RowField } from './row-list-editor.js';
import { SettingsForm, useSettingsSection } from './settings-form.js';

type Row = { name: string; extruder: string; bed: string; chamber: string };

const toRow = (preset: TemperaturePreset): Row => ({ name: preset.name, extruder: String(preset.extruder), bed: String(preset.bed), chamber: preset.chamber === null || preset.chamber === undefined ? '' : String(preset.chamber) });

function toPreset(row: Row): TemperaturePreset {
  return { name: row.name.trim(), extruder: Number(row.extruder) || 0, bed: Number(row.bed) || 0, chamber: row.chamber.trim() === '' ? null : Number(row.chamber) || 0 };
}

const FIELDS: readonly RowField<Row>[] = [
  { key: 'name', label: 'Name', type: 'text' },
  { key: 'extruder', label: 'Hotend °C', type: 'number' },
  { key: 'bed', label: 'Bed °C', type: 'number' },
  { key: 'chamber', label: 'Chamber °C', type: 'number' },
];

export function TemperaturePresets({ settings, onSaved }: { settings: Settings; onSaved(settings: Settings): void }) {
  const rows = (settings.temperature?.profiles ?? []).map(toRow);
  const section = useSettingsSection(rows, (values) => ({ temperature: { profiles: values.map(toPreset) } }), onSaved);
  const invalid = section.values.some((row) => row.name.trim() === '');
  return (
    <Panel title="Temperature presets">
      <SettingsForm section={section} unchanged={section.unchanged || invalid}>
        <RowListEditor section={section} fields={FIELDS} noun="preset" blank={{ name: '', extruder: '200', bed: '60', chamber: '' }} rowClass="preset-row" />
        {invalid ? <p class="muted">Every preset needs a name.</p> : null}
      </SettingsForm>
    </Panel>
  );
}
