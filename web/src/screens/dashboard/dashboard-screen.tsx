// The dashboard: job and temperatures in the wide column, the connection beside them (stacked on phones); motion is in the Control tab.
import { ConnectionPanel } from './connection-panel.js';
import { JobPanel } from './job-panel.js';
import { TemperaturePanel } from './temperature-panel.js';

export function DashboardScreen() {
  return (
    <div class="columns">
      <div class="stack">
        <JobPanel />
        <TemperaturePanel />
      </div>
      <div class="stack">
        <ConnectionPanel />
      </div>
    </div>
  );
}
