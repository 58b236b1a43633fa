// A settings section's form: edits seeded from the server, saved as a body of only the changed settings, then "Saved." until the next edit.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { saveSettings } from '../../api/settings-api.js';
import type { Settings } from '../../api/types.js';
import { useApp } from '../../app-context.js';
import { ErrorMessage } from '../../components/error-message.js';
import { useAction } from '../../lib/use-async.js';
import type { Action } from '../../lib/use-async.js';
import { changedSettings } from './changed-settings.js';

export interface SettingsSection<T> {
  /** What the form shows: the server's values, or the user's unsaved edits. */
  values: T;
  /** Applies an edit; the "Saved." note goes away. */
  edit(update: (current: T) => T): void;
  /** True when the form shows exactly what the server has. */
  unchanged: boolean;
  save: Action<[]>;
  /** True after a save succeeded, until the next edit. */
  saved: boolean;
}

/**
 * One section of the settings screen. `fromServer` is what the loaded settings hold; when the settings are loaded
 * again (another section was saved, or config.yaml changed) the form follows them, unless the user has unsaved edits
 * here. A save sends only what differs from the values the form started from, so it never writes back old values of
 * settings changed meanwhile elsewhere.
 */
export function useSettingsSection<T>(
  fromServer: T,
  changes: (values: T) => Record<string, unknown>,
  onSaved: (settings: Settings) => void,
): SettingsSection<T> {
  const { api } = useApp();
  const [values, setValues] = useState(fromServer);
  const [saved, setSaved] = useState(false);
  const editing = useRef(false);
  /** The server's values the form was last seeded from. */
  const start = useRef(fromServer);
  const serverKey = JSON.stringify(fromServer);
  useEffect(() => {
    if (editing.current) return;
    start.current = fromServer;
    setValues(fromServer);
  }, [serverKey]);
  const save = useAction(async () => {
    const body = changedSettings(changes(values), changes(start.current));
    setSaved(false);
    const settings = await saveSettings(api, body);
    editing.current = false;
    onSaved(settings);
    setSaved(true);
  });
  const edit = (update: (current: T) => T): void => {
    editing.current = true;
    setSaved(false);
    setValues(update);
  };
  return { values, edit, unchanged: JSON.stringify(values) === serverKey, save, saved };
}

export interface SettingsFormProps {
  section: Pick<SettingsSection<unknown>, 'save' | 'saved'>;
  /** Nothing to save: the button is disabled. */
  unchanged: boolean;
  children: ComponentChildren;
}

export function SettingsForm({ section: { save, saved }, unchanged, children }: SettingsFormProps) {
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void save.run();
      }}
    >
      {children}
      <div class="button-row">
        <button type="submit" class="primary" disabled={save.busy || unchanged}>
          {save.busy ? 'Saving…' : 'Save'}
        </button>
        {saved ? (
          <span class="muted" role="status">
            Saved.
          </span>
        ) : null}
      </div>
      <ErrorMessage error={save.error} />
    </form>
  );
}
