// The print job: file, progress with time spent and time left, and start, pause, resume and cancel.
import { jobCommand, pauseJob } from '../../api/printer-api.js';
import { useApp } from '../../app-context.js';
import { useConfirmation } from '../../components/confirm-dialog.js';
import { ErrorMessage } from '../../components/error-message.js';
import { Panel } from '../../components/panel.js';
import { ProgressBar } from '../../components/progress-bar.js';
import { formatDuration, formatLength } from '../../lib/format.js';
import { useStore } from '../../lib/store.js';
import { useAction } from '../../lib/use-async.js';

const ORIGIN_TEXT: Record<string, string> = {
  linear: 'from progress so far',
  analysis: 'from the file analysis',
  estimate: 'estimated from progress',
  average: 'from earlier prints',
  'mixed-analysis': 'from the analysis and progress',
  'mixed-average': 'from earlier prints and progress',
};

export function JobPanel() {
  const { api, can, printer } = useApp();
  const { state, job, progress } = useStore(printer);
  const action = useAction((run: () => Promise<void>) => run());
  const cancellation = useConfirmation(() => void action.run(() => jobCommand(api, 'cancel')));
  const flags = state.flags;
  const file = job?.file;
  const fileName = file?.display ?? file?.name ?? null;
  const allowed = can('PRINT');
  const active = flags.printing || flags.paused || flags.pausing || flags.cancelling;
  const completion = progress?.completion ?? null;
  const filament = job?.filament ? Object.values(job.filament).reduce((sum, tool) => sum + (tool?.length ?? 0), 0) : null;

  return (
    <Panel title="Print job" actions={<span class="muted">{state.text}</span>}>
      <dl class="facts">
        <dt>File</dt>
        <dd>{fileName ?? 'No file selected'}</dd>
        <dt>Estimated time</dt>
        <dd>{formatDuration(job?.estimatedPrintTime)}</dd>
        <dt>Filament</dt>
        <dd>{filament ? formatLength(filament) : '–'}</dd>
        <dt>Time spent</dt>
        <dd>{formatDuration(progress?.printTime)}</dd>
        <dt>Time left</dt>
        <dd>
          {formatDuration(progress?.printTimeLeft)}
          {progress?.printTimeLeftOrigin && progress.printTimeLeft !== null ? (
            <span class="muted"> ({ORIGIN_TEXT[progress.printTimeLeftOrigin] ?? progress.printTimeLeftOrigin})</span>
          ) : null}
        </dd>
      </dl>
      <div style={{ marginTop: '0.75rem' }}>
        <ProgressBar value={completion} label="Print progress" text={completion === null ? 'No print running' : undefined} />
      </div>
      <div class="button-row">
        {!active ? (
          <button
            type="button"
            class="primary"
            disabled={!allowed || !fileName || !flags.ready || action.busy}
            onClick={() => void action.run(() => jobCommand(api, 'start'))}
          >
            Print
          </button>
        ) : null}
        {flags.printing && !flags.paused ? (
          <button type="button" disabled={!allowed || action.busy || flags.pausing || flags.cancelling} onClick={() => void action.run(() => pauseJob(api, 'pause'))}>
            Pause
          </button>
        ) : null}
        {flags.paused ? (
          <button type="button" class="primary" disabled={!allowed || action.busy} onClick={() => void action.run(() => pauseJob(api, 'resume'))}>
            Resume
          </button>
        ) : null}
        {active ? (
          <button type="button" class="danger" disabled={!allowed || action.busy || flags.cancelling} onClick={() => cancellation.ask()}>
            Cancel print
          </button>
        ) : null}
        {!allowed ? <span class="muted">Your account may not start or stop prints.</span> : null}
      </div>
      <ErrorMessage error={action.error} />
      {cancellation.dialog(() => ({
        title: 'Cancel the print?',
        message: `The print of ${fileName ?? 'this file'} stops and cannot be resumed.`,
        confirmLabel: 'Cancel print',
        cancelLabel: 'Keep printing',
      }))}
    </Panel>
  );
}
