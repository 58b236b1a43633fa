// The dashboard: connection, job, temperatures and motion in one responsive grid.
import { ConnectionPanel } from './connection-panel.js';
import { JobPanel } from './job-panel.js';
import { JogPanel } from './jog-panel.js';
import { TemperaturePanel } from './temperature-panel.js';

export function DashboardScreen() {
  return (
    <div class="grid">
      <JobPanel />
      <ConnectionPanel />
      <TemperaturePanel />
      <JogPanel />
    </div>
  );
}
