// Serial connection options from the settings' `serial` section; shows the options the server reports.
import type { Settings } from '../../api/types.js';
import { Checkbox, Field } from '../../components/field.js';
import { Panel } from '../../components/panel.js';
import { SettingsForm, useSettingsSection } from './settings-form.js';

interface Option {
  key: string;
  label: string;
  kind: 'text' | 'number' | 'boolean';
  hint?: string;
}

const OPTIONS: readonly Option[] = [
  { key: 'port', label: 'Default port', kind: 'text', hint: 'AUTO to detect, VIRTUAL for the built-in virtual printer.' },
  { key: 'baudrate', label: 'Default baud rate', kind: 'number', hint: '0 detects it.' },
  { key: 'autoconnect', label: 'Connect when the server starts', kind: 'boolean' },
  { key: 'timeoutConnection', label: 'Connection timeout (s)', kind: 'number' },
  { key: 'timeoutDetection', label: 'Detection timeout per port (s)', kind: 'number' },
  { key: 'timeoutCommunication', label: 'Communication timeout (s)', kind: 'number' },
  { key: 'timeoutCommunicationBusy', label: 'Timeout while the printer is busy (s)', kind: 'number' },
  { key: 'timeoutTemperature', label: 'Temperature poll interval (s)', kind: 'number' },
  { key: 'timeoutTemperatureAutoreport', label: 'Temperature autoreport interval (s)', kind: 'number' },
  { key: 'maxTimeoutsIdle', label: 'Timeouts in a row while idle', kind: 'number' },
  { key: 'maxTimeoutsPrinting', label: 'Timeouts in a row while printing', kind: 'number' },
  { key: 'alwaysSendChecksum', label: 'Send a checksum with every line', kind: 'boolean' },
  { key: 'log', label: 'Log the serial traffic', kind: 'boolean' },
];

type Values = Record<string, string | boolean>;

function valuesOf(serial: Record<string, unknown>): Values {
  const values: Values = {};
  for (const option of OPTIONS) {
    const value = serial[option.key];
    if (value === undefined) continue;
    values[option.key] = option.kind === 'boolean' ? Boolean(value) : value === null ? '' : String(value);
  }
  return values;
}

/** The settings body for the options the server reported: numbers as numbers, an empty text as null. */
function changesOf(values: Values): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  for (const option of OPTIONS) {
    if (!(option.key in values)) continue;
    const value = values[option.key];
    if (option.kind === 'boolean') changes[option.key] = Boolean(value);
    else if (option.kind === 'number') changes[option.key] = Number(value);
    else changes[option.key] = value === '' ? null : value;
  }
  return changes;
}

export function SerialSettings({ settings, onSaved }: { settings: Settings; onSaved(settings: Settings): void }) {
  const serial = (settings.serial ?? {}) as Record<string, unknown>;
  const section = useSettingsSection(valuesOf(serial), (values) => ({ serial: changesOf(values) }), onSaved);
  const { values } = section;
  const present = OPTIONS.filter((option) => option.key in values);
  const suggestions: Record<string, string[]> = {
    port: ['AUTO', ...(Array.isArray(serial.portOptions) ? serial.portOptions.map(String) : [])],
    baudrate: ['0', ...(Array.isArray(serial.baudrateOptions) ? serial.baudrateOptions.map(String) : [])],
  };
  const set = (key: string) => (value: string | boolean) => section.edit((current) => ({ ...current, [key]: value }));

  return (
    <Panel title="Serial connection">
      {present.length === 0 ? <p class="muted">The server reports no serial options.</p> : null}
      <SettingsForm section={section} unchanged={present.length === 0}>
        <div class="form-grid">
          {present
            .filter((o) => o.kind !== 'boolean')
            .map((option) => (
              <Field
                key={option.key}
                label={option.label}
                hint={option.hint}
                type={option.kind === 'number' ? 'number' : 'text'}
                step="any"
                value={String(values[option.key] ?? '')}
                onValue={set(option.key)}
                list={suggestions[option.key] ? `serial-${option.key}-options` : undefined}
              />
            ))}
        </div>
        {Object.entries(suggestions).map(([key, list]) => (
          <datalist key={key} id={`serial-${key}-options`}>
            {list.map((value) => (
              <option key={value} value={value} />
            ))}
          </datalist>
        ))}
        {present
          .filter((o) => o.kind === 'boolean')
          .map((option) => (
            <Checkbox key={option.key} label={option.label} checked={Boolean(values[option.key])} onChange={set(option.key)} />
          ))}
      </SettingsForm>
    </Panel>
  );
}
