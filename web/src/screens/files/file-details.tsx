// The analysis figures of one file: print time, filament, size, and its print history.
import type { FileEntry } from '../../api/types.js';
import { formatBytes, formatDate, formatDuration, formatLength } from '../../lib/format.js';
import { printEstimate } from '../../lib/print-estimate.js';
import { filamentLength } from './file-tree.js';

export function FileDetails({ entry }: { entry: FileEntry }) {
  const analysis = entry.gcodeAnalysis;
  const size = analysis?.dimensions;
  const estimate = printEstimate(analysis);
  return (
    <dl class="facts file-details">
      <dt>Path</dt>
      <dd class="mono">{entry.path}</dd>
      <dt>Size</dt>
      <dd>{formatBytes(entry.size)}</dd>
      <dt>Uploaded</dt>
      <dd>{formatDate(entry.date)}</dd>
      <dt>Print time</dt>
      <dd>
        {analysis ? formatDuration(estimate.seconds) : 'Being analysed…'}
        {estimate.origin ? <span class="muted"> ({estimate.origin})</span> : null}
      </dd>
      {analysis?.slicerEstimatedPrintTime && analysis.estimatedPrintTime ? (
        <>
          <dt>Analysis estimate</dt>
          <dd>{formatDuration(analysis.estimatedPrintTime)}</dd>
        </>
      ) : null}
      <dt>Filament</dt>
      <dd>{analysis ? formatLength(filamentLength(entry)) : '–'}</dd>
      <dt>Object size</dt>
      <dd>{size ? `${size.width.toFixed(1)} × ${size.depth.toFixed(1)} × ${size.height.toFixed(1)} mm` : '–'}</dd>
      <dt>Prints</dt>
      <dd>
        {entry.prints ? `${entry.prints.success} finished, ${entry.prints.failure} failed` : 'Never printed'}
        {entry.prints?.last ? ` (last ${formatDate(entry.prints.last.date)})` : ''}
      </dd>
    </dl>
  );
}
