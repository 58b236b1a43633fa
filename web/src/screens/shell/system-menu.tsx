// The System menu: the configured system commands (restart Argonaut, reboot, shut down, system.actions), each confirmed first.
import { useEffect, useRef, useState } from 'preact/hooks';
import { listSystemCommands, runSystemCommand } from '../../api/system-api.js';
import type { SystemCommand } from '../../api/system-api.js';
import { useApp, usePushEvent } from '../../app-context.js';
import { useConfirmation } from '../../components/confirm-dialog.js';
import { useAction, useLoad } from '../../lib/use-async.js';

function SystemMenuList() {
  const { api } = useApp();
  const menu = useRef<HTMLDetailsElement>(null);
  const commands = useLoad(() => listSystemCommands(api), [api]);
  usePushEvent(['SettingsUpdated'], () => commands.reload());
  const [done, setDone] = useState<string | null>(null);
  const run = useAction(async (command: SystemCommand) => {
    setDone(null);
    await runSystemCommand(api, command);
    setDone(`${command.name ?? command.action}: started.`);
  });
  const confirmation = useConfirmation((command: SystemCommand) => void run.run(command));
  const choose = (command: SystemCommand): void => {
    if (menu.current) menu.current.open = false;
    if (command.confirm === false) void run.run(command);
    else confirmation.ask(command);
  };
  // A click elsewhere closes the open menu.
  useEffect(() => {
    const close = (event: MouseEvent): void => {
      if (menu.current?.open && event.target instanceof Node && !menu.current.contains(event.target)) menu.current.open = false;
    };
    document.addEventListener('click', close);
    return () => document.removeEventListener('click', close);
  }, []);
  const list = commands.data ?? [];
  // Only configured commands are listed by the server; with none, there is no menu.
  if (list.filter((command) => command.action !== 'divider').length === 0) return null;
  return (
    <>
      <details class="system-menu" ref={menu}>
        <summary>System</summary>
        <ul role="menu" aria-label="System commands">
          {list.map((command, index) =>
            command.action === 'divider' ? (
              <li key={index} role="separator" />
            ) : (
              <li key={index} role="none">
                <button type="button" role="menuitem" onClick={() => choose(command)} disabled={run.busy}>
                  {command.name ?? command.action}
                </button>
              </li>
            ),
          )}
        </ul>
      </details>
      {run.error ? (
        <p class="error-message header-error" role="alert">
          {run.error}
        </p>
      ) : null}
      {done ? (
        <span class="muted" role="status">
          {done}
        </span>
      ) : null}
      {confirmation.dialog((command) => ({
        title: command.name ?? command.action,
        message: typeof command.confirm === 'string' && command.confirm !== '' ? command.confirm : `Run "${command.name ?? command.action}" now?`,
        confirmLabel: 'Proceed',
      }))}
    </>
  );
}

/** Drawn only for people holding SYSTEM. */
export function SystemMenu() {
  const { can } = useApp();
  return can('SYSTEM') ? <SystemMenuList /> : null;
}
