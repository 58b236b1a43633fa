// The dashboard: job and temperatures in the wide column, webcam and connection beside them (stacked on phones); motion is in the Control tab.
import { useApp } from '../../app-context.js';
import { Panel } from '../../components/panel.js';
import { WebcamView } from '../webcam/webcam-view.js';
import { ConnectionPanel } from './connection-panel.js';
import { JobPanel } from './job-panel.js';
import { PowerPanel } from './power-panel.js';
import { TemperaturePanel } from './temperature-panel.js';

export function DashboardScreen() {
  const { can } = useApp();
  return (
    <div class="columns">
      <div class="stack">
        <JobPanel />
        <TemperaturePanel />
      </div>
      <div class="stack">
        <PowerPanel />
        {can('WEBCAM') ? (
          <Panel title="Webcam">
            <WebcamView />
          </Panel>
        ) : null}
        <ConnectionPanel />
      </div>
    </div>
  );
}
