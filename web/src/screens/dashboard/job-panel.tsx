// The print job: file, progress with time spent and time left, and start, pause, resume and cancel.
import { getFile } from '../../api/files-api.js';
import { lastPrint } from '../../api/history-api.js';
import { jobCommand, pauseJob } from '../../api/printer-api.js';
import { useApp, usePushEvent } from '../../app-context.js';
import { outcomeOfEntry, outcomeText } from '../../push/print-outcome.js';
import { useConfirmation } from '../../components/confirm-dialog.js';
import { ErrorMessage } from '../../components/error-message.js';
import { Panel } from '../../components/panel.js';
import { ProgressBar } from '../../components/progress-bar.js';
import { formatDuration, formatLength } from '../../lib/format.js';
import { missingPermissionText } from '../../lib/permission-names.js';
import { printEstimate } from '../../lib/print-estimate.js';
import { countRender } from '../../lib/render-count.js';
import { useStore } from '../../lib/store.js';
import { useAction, useLoad } from '../../lib/use-async.js';

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
  const { state, job, progress, outcome: seen } = useStore(printer, (s) => ({ state: s.state, job: s.job, progress: s.progress, outcome: s.outcome }));
  countRender('job-panel');
  const action = useAction((run: () => Promise<void>) => run());
  const cancellation = useConfirmation(() => void action.run(() => jobCommand(api, 'cancel')));
  const flags = state.flags;
  const file = job?.file;
  const fileName = file?.display ?? file?.name ?? null;
  const allowed = can('PRINT');
  const active = flags.printing || flags.paused || flags.pausing || flags.cancelling;
  // A page opened (or reloaded) after the last print ended learns how it ended from the print history.
  const askHistory = !active && seen === null && can('FILES_LIST');
  const last = useLoad(() => (askHistory ? lastPrint(api) : Promise.resolve(null)), [api, askHistory]);
  const outcome = seen ?? (askHistory && last.data ? outcomeOfEntry(last.data) : null);
  const outcomeFile = seen === null && last.data ? last.data.name : fileName;
  const ended = !active && outcome !== null;
  // After a cancel or failure the bar stays where the print stopped, labelled with how it ended.
  const completion = active ? (progress?.completion ?? null) : ended ? outcome.completion : (progress?.completion ?? null);
  const barText = ended && outcome.kind !== 'done' ? outcomeText(outcome) : completion === null ? 'No print running' : undefined;
  const filament = job?.filament ? Object.values(job.filament).reduce((sum, tool) => sum + (tool?.length ?? 0), 0) : null;
  // The estimate comes from the file's analysis, as in Files, with its source named.
  const localPath = file?.origin === 'local' ? (file.path ?? null) : null;
  const entry = useLoad(() => (localPath && can('FILES_LIST') ? getFile(api, localPath) : Promise.resolve(null)), [api, localPath]);
  usePushEvent(['MetadataAnalysisFinished'], () => entry.reload());
  // Only the selected file's record: while another file's is still loading, the last one's would show a stale figure.
  const fromFile = printEstimate(entry.data && entry.data.path === localPath ? entry.data.gcodeAnalysis : undefined);
  const estimate = fromFile.seconds !== null ? fromFile : { seconds: job?.estimatedPrintTime ?? null, origin: job?.estimatedPrintTime ? 'file analysis' : null };
  const timeLeft = active ? (progress?.printTimeLeft ?? null) : null;
  const printReason = allowed ? undefined : missingPermissionText('PRINT');

  return (
    <Panel title="Print job" actions={<span class="muted">{state.text}</span>}>
      <dl class="facts">
        <dt>File</dt>
        <dd>{fileName ?? 'No file selected'}</dd>
        <dt>Estimated time</dt>
        <dd>
          {formatDuration(estimate.seconds)}
          {estimate.origin && estimate.seconds !== null ? <span class="muted"> ({estimate.origin})</span> : null}
        </dd>
        <dt>Filament</dt>
        <dd>{filament ? formatLength(filament) : '–'}</dd>
        <dt>Time spent</dt>
        <dd>{formatDuration(progress?.printTime)}</dd>
        <dt>Time left</dt>
        <dd data-time-left>
          {formatDuration(timeLeft)}
          {progress?.printTimeLeftOrigin && timeLeft !== null ? (
            <span class="muted"> ({ORIGIN_TEXT[progress.printTimeLeftOrigin] ?? progress.printTimeLeftOrigin})</span>
          ) : null}
        </dd>
      </dl>
      <div style={{ marginTop: '0.75rem' }}>
        <ProgressBar value={completion} label="Print progress" text={barText} />
      </div>
      {ended ? (
        <p class={`print-outcome outcome-${outcome.kind}`} role="status">
          {outcomeText(outcome)}
          {outcomeFile ? ` · ${outcomeFile}` : ''}
        </p>
      ) : null}
      <div class="button-row">
        {!active ? (
          <button
            type="button"
            class="primary"
            disabled={!allowed || !fileName || !flags.ready || action.busy}
            title={printReason}
            onClick={() => void action.run(() => jobCommand(api, 'start'))}
          >
            Print
          </button>
        ) : null}
        {flags.printing && !flags.paused ? (
          <button type="button" title={printReason} disabled={!allowed || action.busy || flags.pausing || flags.cancelling} onClick={() => void action.run(() => pauseJob(api, 'pause'))}>
            Pause
          </button>
        ) : null}
        {flags.paused ? (
          <button type="button" class="primary" title={printReason} disabled={!allowed || action.busy} onClick={() => void action.run(() => pauseJob(api, 'resume'))}>
            Resume
          </button>
        ) : null}
        {active ? (
          <button type="button" class="danger" title={printReason} disabled={!allowed || action.busy || flags.cancelling} onClick={() => cancellation.ask()}>
            Cancel print
          </button>
        ) : null}
        {!allowed ? <span class="muted">Your account may not start or stop prints ({printReason}).</span> : null}
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
