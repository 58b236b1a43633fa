// Jog and home: move the print head by a chosen step, home axes, and read the position the printer reports for X, Y and Z.
import { useState } from 'preact/hooks';
import { home, jog } from '../../api/printer-api.js';
import { sendCommandLines } from '../../api/control-api.js';
import { useApp } from '../../app-context.js';
import { ErrorMessage } from '../../components/error-message.js';
import { Panel } from '../../components/panel.js';
import { useAction } from '../../lib/use-async.js';
import { useControlAllowed, usePosition } from './use-control.js';
import { missingPermissionText } from '../../lib/permission-names.js';

const STEPS = [0.1, 1, 10, 100];
type Axis = 'x' | 'y' | 'z';

function format(value: number | undefined): string {
  return value === undefined ? '–' : String(Math.round(value * 100) / 100);
}

export function JogPanel() {
  const { api, can } = useApp();
  const allowed = useControlAllowed();
  const { position, refresh } = usePosition();
  const [step, setStep] = useState(10);
  // Every move is followed by M114, so the read-out follows the head.
  const action = useAction(async (run: () => Promise<void>) => {
    await run();
    await refresh();
  });
  const disabled = !allowed || action.busy;
  const reason = can('CONTROL') ? undefined : missingPermissionText('CONTROL');
  const move = (axis: Axis, direction: 1 | -1) => () => void action.run(() => jog(api, { [axis]: direction * step }));
  const homeAxes = (axes: Axis[]) => () => void action.run(() => home(api, axes));

  return (
    <Panel title="Move and home">
      <dl class="position-readout" aria-label="Position">
        {(['x', 'y', 'z'] as const).map((axis) => (
          <div key={axis}>
            <dt>{axis.toUpperCase()}</dt>
            <dd data-position={axis}>{format(position?.[axis])}</dd>
          </div>
        ))}
      </dl>
      <fieldset class="step-choice">
        <legend>Step</legend>
        {STEPS.map((value) => (
          <label key={value}>
            <input type="radio" name="jog-step" value={value} checked={step === value} onChange={() => setStep(value)} /> {value} mm
          </label>
        ))}
      </fieldset>
      <div class="jog-grid">
        <button type="button" style={{ gridArea: 'yp' }} disabled={disabled} title={reason} onClick={move('y', 1)} aria-label={`Move Y +${step} mm`}>
          Y+
        </button>
        <button type="button" style={{ gridArea: 'xm' }} disabled={disabled} title={reason} onClick={move('x', -1)} aria-label={`Move X −${step} mm`}>
          X−
        </button>
        <button type="button" style={{ gridArea: 'hxy' }} disabled={disabled} title={reason} onClick={homeAxes(['x', 'y'])} aria-label="Home X and Y">
          ⌂ XY
        </button>
        <button type="button" style={{ gridArea: 'xp' }} disabled={disabled} title={reason} onClick={move('x', 1)} aria-label={`Move X +${step} mm`}>
          X+
        </button>
        <button type="button" style={{ gridArea: 'ym' }} disabled={disabled} title={reason} onClick={move('y', -1)} aria-label={`Move Y −${step} mm`}>
          Y−
        </button>
        <button type="button" style={{ gridArea: 'zp' }} disabled={disabled} title={reason} onClick={move('z', 1)} aria-label={`Move Z +${step} mm`}>
          Z+
        </button>
        <button type="button" style={{ gridArea: 'hz' }} disabled={disabled} title={reason} onClick={homeAxes(['z'])} aria-label="Home Z">
          ⌂ Z
        </button>
        <button type="button" style={{ gridArea: 'zm' }} disabled={disabled} title={reason} onClick={move('z', -1)} aria-label={`Move Z −${step} mm`}>
          Z−
        </button>
      </div>
      <div class="button-row">
        <button type="button" disabled={disabled} title={reason} onClick={homeAxes(['x', 'y', 'z'])}>
          Home all axes
        </button>
        <button type="button" disabled={disabled} title={reason} onClick={() => void action.run(() => sendCommandLines(api, ['M18']))}>
          Motors off
        </button>
      </div>
      <ErrorMessage error={action.error} />
    </Panel>
  );
}
