// Extrude and retract a length of filament with a chosen tool (the tools of the current printer profile).
import { useState } from 'preact/hooks';
import { extrude, selectTool } from '../../api/control-api.js';
import { listProfiles } from '../../api/settings-api.js';
import { useApp } from '../../app-context.js';
import { ErrorMessage } from '../../components/error-message.js';
import { Field } from '../../components/field.js';
import { Panel } from '../../components/panel.js';
import { useAction, useLoad } from '../../lib/use-async.js';
import { useControlAllowed } from './use-control.js';

export function ExtruderPanel() {
  const { api } = useApp();
  const allowed = useControlAllowed();
  const profiles = useLoad(() => listProfiles(api), [api]);
  const profile = profiles.data?.find((p) => p.current) ?? profiles.data?.find((p) => p.default) ?? null;
  const count = Math.max(1, profile?.extruder.count ?? 1);
  const [tool, setTool] = useState(0);
  const [length, setLength] = useState('5');
  const action = useAction(async (direction: 1 | -1) => {
    const amount = Number(length);
    if (!Number.isFinite(amount) || amount <= 0) throw new Error('The length must be a number above 0.');
    // With several tools, the chosen one is selected first (T<n>), as OctoPrint does.
    if (count > 1) await selectTool(api, `tool${tool}`);
    await extrude(api, direction * amount);
  });
  const disabled = !allowed || action.busy;

  return (
    <Panel title="Extruder">
      {count > 1 ? (
        <div class="field">
          <label for="extruder-tool">Tool</label>
          <select id="extruder-tool" value={String(tool)} onChange={(event) => setTool(Number(event.currentTarget.value))}>
            {Array.from({ length: count }, (_, index) => (
              <option key={index} value={String(index)}>
                Tool {index + 1} (T{index})
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <Field label="Length (mm)" type="number" min="0.1" step="any" value={length} onValue={setLength} />
      <div class="button-row">
        <button type="button" disabled={disabled} onClick={() => void action.run(1)}>
          Extrude
        </button>
        <button type="button" disabled={disabled} onClick={() => void action.run(-1)}>
          Retract
        </button>
      </div>
      <ErrorMessage error={action.error} />
    </Panel>
  );
}
