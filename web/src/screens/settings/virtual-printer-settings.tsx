// The virtual printer's options (plugins.virtual_printer): instant answers and the injected fault rates, read at the next connect.
import type { Settings } from '../../api/types.js';
import { Checkbox, Field } from '../../components/field.js';
import { Panel } from '../../components/panel.js';
import { SettingsForm, useSettingsSection } from './settings-form.js';

const RATES = [
  { key: 'checksumErrorRate', label: 'Checksum error rate (0–1)' },
  { key: 'dropOkRate', label: 'Lost ok rate (0–1)' },
  { key: 'busyRate', label: 'Busy rate (0–1)' },
] as const;

type Values = { instant: boolean; seed: string } & Record<(typeof RATES)[number]['key'], string>;

export function VirtualPrinterSettings({ settings, onSaved }: { settings: Settings; onSaved(settings: Settings): void }) {
  const section = (settings.plugins as Record<string, Record<string, unknown>> | undefined)?.virtual_printer;
  if (!section) return null;
  return <VirtualPrinterForm section={section} onSaved={onSaved} />;
}

function VirtualPrinterForm({ section: raw, onSaved }: { section: Record<string, unknown>; onSaved(settings: Settings): void }) {
  const current: Values = {
    instant: raw.instant === true,
    seed: String(raw.seed ?? 1),
    checksumErrorRate: String(raw.checksumErrorRate ?? 0),
    dropOkRate: String(raw.dropOkRate ?? 0),
    busyRate: String(raw.busyRate ?? 0),
  };
  const form = useSettingsSection(
    current,
    (values) => ({
      plugins: {
        virtual_printer: {
          instant: values.instant,
          seed: Number(values.seed),
          ...Object.fromEntries(RATES.map((rate) => [rate.key, Number(values[rate.key])])),
        },
      },
    }),
    onSaved,
  );
  const set = (key: keyof Values) => (value: string | boolean) => form.edit((values) => ({ ...values, [key]: value }));
  return (
    <Panel title="Virtual printer">
      <SettingsForm section={form} unchanged={form.unchanged}>
        <Checkbox label="Answer instantly (no motion or heating time)" checked={form.values.instant} onChange={set('instant')} />
        <div class="form-grid">
          {RATES.map((rate) => (
            <Field key={rate.key} label={rate.label} type="number" min="0" max="1" step="any" value={form.values[rate.key]} onValue={set(rate.key)} />
          ))}
          <Field label="Fault seed" type="number" min="0" step="1" value={form.values.seed} onValue={set('seed')} />
        </div>
        <p class="muted">Applies at the next connect to port VIRTUAL.</p>
      </SettingsForm>
    </Panel>
  );
}
