// G-code scripts (scripts.gcode: beforePrintStarted, afterPrintDone, ...): pick one, edit it, save only that one.
import { useState } from 'preact/hooks';
import type { Settings } from '../../api/types.js';
import { Panel } from '../../components/panel.js';
import { SettingsForm, useSettingsSection } from './settings-form.js';

/** "afterPrintDone" → "After print done". */
function title(name: string): string {
  const words = name.replace(/([A-Z])/g, ' $1').toLowerCase().trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function GcodeScripts({ settings, onSaved }: { settings: Settings; onSaved(settings: Settings): void }) {
  const all = ((settings.scripts as { gcode?: Record<string, unknown> } | undefined)?.gcode ?? {}) as Record<string, unknown>;
  const scripts: Record<string, string> = Object.fromEntries(Object.entries(all).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  const names = Object.keys(scripts);
  const [chosen, setChosen] = useState(names[0] ?? '');
  const section = useSettingsSection(scripts, (values) => ({ scripts: { gcode: values } }), onSaved);
  if (names.length === 0) return null;
  return (
    <Panel title="G-code scripts">
      <SettingsForm section={section} unchanged={section.unchanged}>
        <div class="field">
          <label for="gcode-script-choice">Script</label>
          <select id="gcode-script-choice" value={chosen} onChange={(event) => setChosen(event.currentTarget.value)}>
            {names.map((name) => (
              <option key={name} value={name}>
                {title(name)} ({name})
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="gcode-script-text">G-code of “{title(chosen)}”</label>
          <textarea id="gcode-script-text" rows={8} spellcheck={false} class="code" value={section.values[chosen] ?? ''} onInput={(event) => {
            const text = event.currentTarget.value;
            section.edit((current) => ({ ...current, [chosen]: text }));
          }} />
        </div>
      </SettingsForm>
    </Panel>
  );
}
