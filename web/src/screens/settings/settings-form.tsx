// A settings section's form: save the changes it makes to the settings, then say "Saved." until the next edit.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { saveSettings } from '../../api/settings-api.js';
import type { Settings } from '../../api/types.js';
import { useApp } from '../../app-context.js';
import { ErrorMessage } from '../../components/error-message.js';
import { useAction } from '../../lib/use-async.js';
import type { Action } from '../../lib/use-async.js';

export interface SettingsSave {
  save: Action<[]>;
  /** True after a save succeeded, until `edited()`. */
  saved: boolean;
  /** Call on every edit: the "Saved." note goes away. */
  edited(): void;
}

/** Saves `changes()` (a partial settings body) and hands the server's new settings to `onSaved`. */
export function useSettingsSave(changes: () => Record<string, unknown>, onSaved: (settings: Settings) => void): SettingsSave {
  const { api } = useApp();
  const [saved, setSaved] = useState(false);
  const save = useAction(async () => {
    const body = changes();
    setSaved(false);
    onSaved(await saveSettings(api, body));
    setSaved(true);
  });
  return { save, saved, edited: () => setSaved(false) };
}

export interface SettingsFormProps {
  section: SettingsSave;
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
