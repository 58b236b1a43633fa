// Print history: ended prints with file, time, duration and result, filtered by result and name; one click prints one again.
import { useState } from 'preact/hooks';
import { listHistory, printAgain } from '../../api/history-api.js';
import type { HistoryEntry, PrintResult } from '../../api/history-api.js';
import { useApp, usePushEvent } from '../../app-context.js';
import { DataTable } from '../../components/data-table.js';
import { ErrorMessage } from '../../components/error-message.js';
import { Panel } from '../../components/panel.js';
import { formatDate, formatDuration } from '../../lib/format.js';
import { useStore } from '../../lib/store.js';
import { useAction, useLoad } from '../../lib/use-async.js';

const RESULT_TEXT: Record<PrintResult, string> = { done: 'Finished', cancelled: 'Cancelled', failed: 'Failed' };

function resultText(entry: HistoryEntry): string {
  return entry.result === 'failed' && entry.reason && entry.reason !== 'error' ? `Failed (${entry.reason})` : RESULT_TEXT[entry.result];
}

export function HistoryScreen() {
  const { api, can, printer } = useApp();
  const state = useStore(printer, (s) => s.state);
  const history = useLoad(() => listHistory(api), [api]);
  usePushEvent(['PrintDone', 'PrintFailed'], () => history.reload());
  const [result, setResult] = useState<'all' | PrintResult>('all');
  const [query, setQuery] = useState('');
  const again = useAction((entry: HistoryEntry) => printAgain(api, entry));
  const canPrint = can('FILES_SELECT') && can('PRINT') && state.flags.operational && !state.flags.printing && !state.flags.paused;
  const needle = query.trim().toLowerCase();
  const shown = (history.data ?? []).filter((entry) => (result === 'all' || entry.result === result) && (!needle || entry.path.toLowerCase().includes(needle)));

  return (
    <Panel title="Print history">
      <div class="inline-form history-filters">
        <div class="field">
          <label for="history-result">Result</label>
          <select id="history-result" value={result} onChange={(event) => setResult(event.currentTarget.value as 'all' | PrintResult)}>
            <option value="all">All</option>
            <option value="done">Finished</option>
            <option value="cancelled">Cancelled</option>
            <option value="failed">Failed</option>
          </select>
        </div>
        <div class="field">
          <label for="history-search">File name</label>
          <input id="history-search" type="search" value={query} onInput={(event) => setQuery(event.currentTarget.value)} />
        </div>
      </div>
      <ErrorMessage error={history.error ?? again.error} />
      {history.data && shown.length === 0 ? <p class="muted">{history.data.length === 0 ? 'No print has ended yet.' : 'No print matches the filter.'}</p> : null}
      {shown.length > 0 ? (
        <DataTable columns={['File', 'Ended', 'Duration', 'Result', '']} class="history-table">
          {shown.map((entry) => (
            <tr key={entry.id} data-result={entry.result}>
              <td class="file-name" title={entry.path}>
                {entry.name}
                {entry.origin === 'sdcard' ? <span class="muted"> (SD)</span> : null}
              </td>
              <td>{formatDate(entry.ended)}</td>
              <td>{formatDuration(entry.duration)}</td>
              <td>
                <span class={`result-badge result-${entry.result}`}>{resultText(entry)}</span>
              </td>
              <td>
                <button type="button" disabled={!canPrint || again.busy} onClick={() => void again.run(entry)} aria-label={`Print ${entry.name} again`}>
                  Print again
                </button>
              </td>
            </tr>
          ))}
        </DataTable>
      ) : null}
    </Panel>
  );
}
