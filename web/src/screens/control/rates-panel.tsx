// Feed rate (M220) and flow rate (M221) factors, and the part-cooling fan (M106/M107).
import { useState } from 'preact/hooks';
import { sendCommandLines, setFeedRate, setFlowRate } from '../../api/control-api.js';
import { useApp } from '../../app-context.js';
import { ErrorMessage } from '../../components/error-message.js';
import { Panel } from '../../components/panel.js';
import { RangeField } from '../../components/range-field.js';
import { useStore } from '../../lib/store.js';
import { useAction } from '../../lib/use-async.js';

export function RatesPanel() {
  const { api, can, printer } = useApp();
  const state = useStore(printer, (s) => s.state);
  // These may be changed during a print too (that is what feed and flow rates are for).
  const tunable = can('CONTROL') && state.flags.operational;
  const [feed, setFeed] = useState(100);
  const [flow, setFlow] = useState(100);
  const [fan, setFan] = useState(100);
  const action = useAction((run: () => Promise<void>) => run());
  const fanOn = (): Promise<void> => sendCommandLines(api, [`M106 S${Math.round((fan / 100) * 255)}`]);

  return (
    <Panel title="Speed, flow and fan">
      <div class="inline-form">
        <RangeField label="Feed rate" value={feed} min={50} max={150} unit=" %" onValue={setFeed} disabled={!tunable} />
        <button type="button" disabled={!tunable || action.busy} onClick={() => void action.run(() => setFeedRate(api, feed))}>
          Set feed rate
        </button>
      </div>
      <div class="inline-form">
        <RangeField label="Flow rate" value={flow} min={75} max={125} unit=" %" onValue={setFlow} disabled={!tunable} />
        <button type="button" disabled={!tunable || action.busy} onClick={() => void action.run(() => setFlowRate(api, flow))}>
          Set flow rate
        </button>
      </div>
      <div class="inline-form">
        <RangeField label="Fan speed" value={fan} min={0} max={100} unit=" %" onValue={setFan} disabled={!tunable} />
        <button type="button" disabled={!tunable || action.busy} onClick={() => void action.run(fanOn)}>
          Fan on
        </button>
        <button type="button" disabled={!tunable || action.busy} onClick={() => void action.run(() => sendCommandLines(api, ['M107']))}>
          Fan off
        </button>
      </div>
      <ErrorMessage error={action.error} />
    </Panel>
  );
}
