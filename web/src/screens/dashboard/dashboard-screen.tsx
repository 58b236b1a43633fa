// The dashboard: job and temperatures in the wide column, connection and motion beside them (stacked on phones).
import { ConnectionPanel } from './connection-panel.js';
import { JobPanel } from './job-panel.js';
import { JogPanel } from './jog-panel.js';
import { PowerPanel } from './power-panel.js';
import { TemperaturePanel } from './temperature-panel.js';

export function DashboardScreen() {
  return (
    <div class="columns">
      <div class="stack">
        <JobPanel />
        <TemperaturePanel />
      </div>
      <div class="stack">
        <PowerPanel />
        <ConnectionPanel />
        <JogPanel />
      </div>
    </div>
  );
}
