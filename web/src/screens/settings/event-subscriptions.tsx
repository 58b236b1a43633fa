// Event subscriptions (config.yaml `events`): commands run without a shell, or G-code sent, on named events. Admins only.
import type { EventSubscription, Settings } from '../../api/types.js';
import { Checkbox, Field } from '../../components/field.js';
import { Panel } from '../../components/panel.js';
import { SettingsForm, useSettingsSection } from './settings-form.js';

interface EventsSettings {
  enabled: boolean;
  subscriptions: EventSubscription[];
}

/** One row as the form edits it: events comma-separated, commands one per line. */
interface Row {
  name: string;
  events: string;
  type: 'system' | 'gcode';
  commands: string;
  enabled: boolean;
  debug: boolean;
}

interface Form {
  enabled: boolean;
  rows: Row[];
}

const asText = (value: string | string[], separator: string): string => (Array.isArray(value) ? value.join(separator) : value);

function toForm(events: EventsSettings): Form {
  return {
    enabled: events.enabled,
    rows: events.subscriptions.map((s) => ({
      name: s.name ?? '',
      events: asText(s.event, ', '),
      type: s.type,
      commands: asText(s.command, '\n'),
      enabled: s.enabled !== false,
      debug: s.debug === true,
    })),
  };
}

function toSubscription(row: Row): EventSubscription {
  const events = row.events.split(',').map((e) => e.trim()).filter((e) => e !== '');
  const lines = row.commands.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  const command = row.type === 'gcode' ? lines.join('\n') : lines.length === 1 ? (lines[0] as string) : lines;
  return { ...(row.name.trim() ? { name: row.name.trim() } : {}), event: events.length === 1 ? (events[0] as string) : events, type: row.type, command, enabled: row.enabled, debug: row.debug };
}

const EMPTY_ROW: Row = { name: '', events: 'PrintDone', type: 'system', commands: '', enabled: true, debug: false };

export function EventSubscriptions({ settings, onSaved }: { settings: Settings; onSaved(settings: Settings): void }) {
  const events = settings.events as EventsSettings;
  const section = useSettingsSection(toForm(events), (form) => ({ events: { enabled: form.enabled, subscriptions: form.rows.map(toSubscription) } }), onSaved);
  const { values } = section;
  const editRow = (index: number, change: Partial<Row>): void =>
    section.edit((form) => ({ ...form, rows: form.rows.map((row, i) => (i === index ? { ...row, ...change } : row)) }));
  return (
    <Panel title="Event subscriptions">
      <p class="muted">
        Run a command (without a shell) or send G-code when an event happens. Placeholders such as {'{name}'}, {'{path}'} and {'{__progress}'} are
        filled in as whole arguments.
      </p>
      <SettingsForm section={section} unchanged={section.unchanged}>
        <Checkbox label="Run event subscriptions" checked={values.enabled} onChange={(enabled) => section.edit((form) => ({ ...form, enabled }))} />
        {values.rows.map((row, index) => (
          <fieldset key={index} class="subscription" aria-label={`Subscription ${index + 1}`}>
            <div class="form-grid">
              <Field label="Name" value={row.name} onValue={(name) => editRow(index, { name })} />
              <Field label="Events" value={row.events} onValue={(value) => editRow(index, { events: value })} hint="Event names, comma-separated (PrintDone, PrintFailed, …)." />
              <div class="field">
                <label for={`subscription-type-${index}`}>Type</label>
                <select id={`subscription-type-${index}`} value={row.type} onChange={(e) => editRow(index, { type: e.currentTarget.value === 'gcode' ? 'gcode' : 'system' })}>
                  <option value="system">Command</option>
                  <option value="gcode">G-code</option>
                </select>
              </div>
            </div>
            <div class="field">
              <label for={`subscription-command-${index}`}>{row.type === 'gcode' ? 'G-code' : 'Commands (one per line)'}</label>
              <textarea id={`subscription-command-${index}`} rows={2} value={row.commands} onInput={(e) => editRow(index, { commands: e.currentTarget.value })} />
            </div>
            <div class="button-row">
              <Checkbox label="Enabled" checked={row.enabled} onChange={(enabled) => editRow(index, { enabled })} />
              <Checkbox label="Log values and output" checked={row.debug} onChange={(debug) => editRow(index, { debug })} />
              <button type="button" onClick={() => section.edit((form) => ({ ...form, rows: form.rows.filter((_, i) => i !== index) }))}>
                Remove
              </button>
            </div>
          </fieldset>
        ))}
        <div class="button-row">
          <button type="button" onClick={() => section.edit((form) => ({ ...form, rows: [...form.rows, { ...EMPTY_ROW }] }))}>
            Add subscription
          </button>
        </div>
      </SettingsForm>
    </Panel>
  );
}
