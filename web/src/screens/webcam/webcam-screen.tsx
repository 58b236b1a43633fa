// The Webcam tab: the camera's live picture, as large as the screen allows.
import { Panel } from '../../components/panel.js';
import { WebcamView } from './webcam-view.js';

export function WebcamScreen() {
  return (
    <Panel title="Webcam" class="webcam-panel">
      <WebcamView />
    </Panel>
  );
}
