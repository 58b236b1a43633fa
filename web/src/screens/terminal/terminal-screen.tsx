// The terminal: the live printer log with filters, and a box to send G-code commands (with history on ↑/↓).
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { sendCommands } from '../../api/printer-api.js';
import { getSettings } from '../../api/settings-api.js';
import { useApp } from '../../app-context.js';
import { ErrorMessage } from '../../components/error-message.js';
import { Checkbox } from '../../components/field.js';
import { Panel } from '../../components/panel.js';
import { countRender } from '../../lib/render-count.js';
import { useStore } from '../../lib/store.js';
import { useAction, useLoad } from '../../lib/use-async.js';
import { compileFilters, DEFAULT_FILTERS, visibleLines } from './terminal-filters.js';
import type { TerminalFilter } from './terminal-filters.js';
import { missingPermissionText } from '../../lib/permission-names.js';

export function TerminalScreen() {
  const { api, can, printer } = useApp();
  const { logs, operational } = useStore(printer, (s) => ({ logs: s.logs, operational: s.state.flags.operational }));
  countRender('terminal');
  const settings = useLoad(() => (can('SETTINGS_READ') ? getSettings(api) : Promise.resolve(null)), [api]);
  const filters = (settings.data?.terminalFilters as TerminalFilter[] | undefined) ?? DEFAULT_FILTERS;
  const [enabled, setEnabled] = useState<Set<string>>(() => new Set([DEFAULT_FILTERS[0]?.name ?? '']));
  const [follow, setFollow] = useState(true);
  const [command, setCommand] = useState('');
  const [history, setHistory] = useState<string[]>([]);
  const [historyAt, setHistoryAt] = useState(-1);
  const log = useRef<HTMLPreElement>(null);
  const compiled = useMemo(() => compileFilters(filters, enabled), [filters, enabled]);
  const lines = useMemo(() => visibleLines(logs, compiled), [logs, compiled]);
  const send = useAction((commands: string[]) => sendCommands(api, commands));
  const allowed = can('CONTROL');
  const reason = allowed ? undefined : missingPermissionText('CONTROL');

  useLayoutEffect(() => {
    if (follow && log.current) log.current.scrollTop = log.current.scrollHeight;
  }, [lines, follow]);
  useEffect(() => setEnabled((current) => new Set([...current].filter((name) => filters.some((f) => f.name === name)))), [filters]);

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    const commands = command.split('\n').map((c) => c.trim()).filter(Boolean);
    if (commands.length === 0) return;
    if (await send.run(commands)) {
      setHistory((h) => [...h.filter((c) => c !== command.trim()), command.trim()].slice(-50));
      setHistoryAt(-1);
      setCommand('');
    }
  };
  const browse = (event: KeyboardEvent): void => {
    if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return;
    if (history.length === 0) return;
    event.preventDefault();
    const next = event.key === 'ArrowUp' ? (historyAt === -1 ? history.length - 1 : Math.max(0, historyAt - 1)) : historyAt === -1 ? -1 : historyAt + 1;
    const index = next >= history.length ? -1 : next;
    setHistoryAt(index);
    setCommand(index === -1 ? '' : (history[index] ?? ''));
  };
  const toggle = (name: string, on: boolean): void =>
    setEnabled((current) => {
      const next = new Set(current);
      if (on) next.add(name);
      else next.delete(name);
      return next;
    });

  return (
    <Panel title="Terminal" actions={<span class="muted">{lines.length} of {logs.length} lines shown</span>}>
      <pre ref={log} class="terminal-log" tabIndex={0} aria-label="Printer log" aria-live="off">
        {lines.join('\n')}
      </pre>
      <form class="inline-form terminal-form" onSubmit={(event) => void submit(event)}>
        <label class="visually-hidden" for="terminal-command">
          G-code command
        </label>
        <input
          id="terminal-command"
          class="mono"
          value={command}
          placeholder={operational ? 'G-code, e.g. M115' : 'Connect the printer to send commands'}
          disabled={!allowed}
          title={reason}
          autocomplete="off"
          spellcheck={false}
          onInput={(e) => setCommand(e.currentTarget.value)}
          onKeyDown={browse}
        />
        <button type="submit" class="primary" title={reason} disabled={!allowed || send.busy || !command.trim()}>
          Send
        </button>
      </form>
      <ErrorMessage error={send.error} />
      <div class="terminal-options">
        <Checkbox label="Scroll to the newest line" checked={follow} onChange={setFollow} />
        {filters.map((filter) => (
          <Checkbox key={filter.name} label={filter.name} checked={enabled.has(filter.name)} onChange={(on) => toggle(filter.name, on)} />
        ))}
      </div>
    </Panel>
  );
}
