// The Control tab: move and home with the position read-out, extruder, feed/flow rates and fan, and config.yaml's custom controls.
import { CustomControls } from './custom-controls.js';
import { ExtruderPanel } from './extruder-panel.js';
import { JogPanel } from './jog-panel.js';
import { RatesPanel } from './rates-panel.js';

export function ControlScreen() {
  return (
    <div class="columns">
      <div class="stack">
        <JogPanel />
        <CustomControls />
      </div>
      <div class="stack">
        <ExtruderPanel />
        <RatesPanel />
      </div>
    </div>
  );
}
