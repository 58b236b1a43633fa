// Temperature presets (OctoPrint's temperature.profiles): name, hotend, bed and chamber targets, offered on the dashboard.
import type { Settings, TemperaturePreset } from '../../api/types.js';
import { Panel } from '../../components/panel.js';
import { SettingsForm, useSettingsSection } from './settings-form.js';

type Row = { name: string; extruder: string; bed: string; chamber: string };

const toRow = (preset: TemperaturePreset): Row => ({ name: preset.name, extruder: String(preset.extruder), bed: String(preset.bed), chamber: preset.chamber === null || preset.chamber === undefined ? '' : String(preset.chamber) });

function toPreset(row: Row): TemperaturePreset {
  return { name: row.name.trim(), extruder: Number(row.extruder) || 0, bed: Number(row.bed) || 0, chamber: row.chamber.trim() === '' ? null : Number(row.chamber) || 0 };
}

const FIELDS = [
  { key: 'name', label: 'Name', type: 'text' },
  { key: 'extruder', label: 'Hotend °C', type: 'number' },
  { key: 'bed', label: 'Bed °C', type: 'number' },
  { key: 'chamber', label: 'Chamber °C', type: 'number' },
] as const;

export function TemperaturePresets({ settings, onSaved }: { settings: Settings; onSaved(settings: Settings): void }) {
  const rows = (settings.temperature?.profiles ?? []).map(toRow);
  const section = useSettingsSection(rows, (values) => ({ temperature: { profiles: values.map(toPreset) } }), onSaved);
  const set = (index: number, key: keyof Row, value: string): void => section.edit((current) => current.map((row, i) => (i === index ? { ...row, [key]: value } : row)));
  const invalid = section.values.some((row) => row.name.trim() === '');
  return (
    <Panel title="Temperature presets">
      <SettingsForm section={section} unchanged={section.unchanged || invalid}>
        {section.values.map((row, index) => (
          <fieldset key={index} class="inline-form preset-row">
            <legend class="visually-hidden">Preset {index + 1}</legend>
            {FIELDS.map((field) => (
              <div class="field" key={field.key}>
                <label for={`preset-${index}-${field.key}`}>{field.label}</label>
                <input id={`preset-${index}-${field.key}`} type={field.type} step="any" value={row[field.key]} onInput={(event) => set(index, field.key, event.currentTarget.value)} aria-label={`${field.label} of preset ${index + 1}`} />
              </div>
            ))}
            <button type="button" onClick={() => section.edit((current) => current.filter((_, i) => i !== index))} aria-label={`Remove preset ${row.name || index + 1}`}>
              Remove
            </button>
          </fieldset>
        ))}
        <div class="button-row">
          <button type="button" onClick={() => section.edit((current) => [...current, { name: '', extruder: '200', bed: '60', chamber: '' }])}>
            Add preset
          </button>
        </div>
        {invalid ? <p class="muted">Every preset needs a name.</p> : null}
      </SettingsForm>
    </Panel>
  );
}
