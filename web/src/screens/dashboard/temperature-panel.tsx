// Temperatures: the live chart, each heater's actual and target with a new target, and the presets.
import { useMemo, useState } from 'preact/hooks';
import { setHeaterTarget } from '../../api/printer-api.js';
import { getSettings } from '../../api/settings-api.js';
import type { TemperaturePreset } from '../../api/types.js';
import { useApp } from '../../app-context.js';
import { DataTable } from '../../components/data-table.js';
import { ErrorMessage } from '../../components/error-message.js';
import { Panel } from '../../components/panel.js';
import { useStore } from '../../lib/store.js';
import { useAction, useLoad } from '../../lib/use-async.js';
import { HeaterRow } from './heater-row.js';
import { heatersOf, latestReading } from './heaters.js';
import { TemperatureChart } from './temperature-chart.js';
import { missingPermissionText } from '../../lib/permission-names.js';

export function TemperaturePanel() {
  const { api, can, printer } = useApp();
  const { temps, state } = useStore(printer, (s) => ({ temps: s.temps, state: s.state }));
  const heaters = useMemo(() => heatersOf(temps), [temps]);
  const heaterKey = heaters.join(',');
  const stableHeaters = useMemo(() => heaters, [heaterKey]);
  const settings = useLoad(() => (can('SETTINGS_READ') ? getSettings(api) : Promise.resolve(null)), [api]);
  const presets: TemperaturePreset[] = settings.data?.temperature?.profiles ?? [];
  const [preset, setPreset] = useState('');
  const action = useAction(async (changes: Array<[string, number]>) => {
    for (const [heater, target] of changes) await setHeaterTarget(api, heater, target);
  });
  const disabled = !can('CONTROL') || !state.flags.operational || action.busy;
  const reason = can('CONTROL') ? undefined : missingPermissionText('CONTROL');

  const applyPreset = (): void => {
    const chosen = presets.find((p) => p.name === preset);
    if (!chosen) return;
    const changes: Array<[string, number]> = [];
    for (const heater of stableHeaters) {
      if (heater.startsWith('tool')) changes.push([heater, chosen.extruder]);
      else if (heater === 'bed') changes.push([heater, chosen.bed]);
      else if (heater === 'chamber' && typeof chosen.chamber === 'number') changes.push([heater, chosen.chamber]);
    }
    void action.run(changes);
  };

  return (
    <Panel title="Temperatures">
      <TemperatureChart points={temps} heaters={stableHeaters} />
      {stableHeaters.length === 0 ? <p class="muted">No temperatures yet: connect the printer to see them.</p> : null}
      {stableHeaters.length > 0 ? (
        <DataTable columns={['Heater', 'Actual', 'Target', 'New target']}>
          {stableHeaters.map((heater) => (
            <HeaterRow key={heater} heater={heater} reading={latestReading(temps, heater)} disabled={disabled} reason={reason} onSet={(target) => void action.run([[heater, target]])} />
          ))}
        </DataTable>
      ) : null}
      {presets.length > 0 ? (
        <div class="button-row">
          <label for="temperature-preset">Preset</label>
          <select id="temperature-preset" value={preset} onChange={(e) => setPreset(e.currentTarget.value)}>
            <option value="">Choose…</option>
            {presets.map((p) => (
              <option key={p.name} value={p.name}>
                {p.name} ({p.extruder} °C / bed {p.bed} °C)
              </option>
            ))}
          </select>
          <button type="button" title={reason} disabled={disabled || !preset} onClick={applyPreset}>
            Heat up
          </button>
          <button type="button" title={reason} disabled={disabled} onClick={() => void action.run(stableHeaters.map((h) => [h, 0] as [string, number]))}>
            All off
          </button>
        </div>
      ) : null}
      <ErrorMessage error={action.error ?? settings.error} />
    </Panel>
  );
}
