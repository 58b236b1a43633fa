// Terminal filters (terminalFilters): named regular expressions the terminal offers to hide noisy lines.
import type { Settings } from '../../api/types.js';
import { Panel } from '../../components/panel.js';
import { SettingsForm, useSettingsSection } from './settings-form.js';

type Filter = { name: string; regex: string };

function problemOf(filter: Filter): string | null {
  if (filter.name.trim() === '') return 'needs a name';
  try {
    new RegExp(filter.regex);
    return null;
  } catch {
    return 'is not a valid regular expression';
  }
}

export function TerminalFilters({ settings, onSaved }: { settings: Settings; onSaved(settings: Settings): void }) {
  const filters = Array.isArray(settings.terminalFilters) ? (settings.terminalFilters as Filter[]) : [];
  const section = useSettingsSection(filters, (values) => ({ terminalFilters: values.map((f) => ({ name: f.name.trim(), regex: f.regex })) }), onSaved);
  const set = (index: number, key: keyof Filter, value: string): void => section.edit((current) => current.map((f, i) => (i === index ? { ...f, [key]: value } : f)));
  const problems = section.values.map(problemOf);
  const firstProblem = problems.findIndex((problem) => problem !== null);
  return (
    <Panel title="Terminal filters">
      <SettingsForm section={section} unchanged={section.unchanged || firstProblem >= 0}>
        {section.values.map((filter, index) => (
          <fieldset key={index} class="inline-form">
            <legend class="visually-hidden">Filter {index + 1}</legend>
            <div class="field">
              <label for={`filter-${index}-name`}>Name</label>
              <input id={`filter-${index}-name`} value={filter.name} onInput={(event) => set(index, 'name', event.currentTarget.value)} aria-label={`Name of filter ${index + 1}`} />
            </div>
            <div class="field">
              <label for={`filter-${index}-regex`}>Regular expression</label>
              <input id={`filter-${index}-regex`} class="code" value={filter.regex} onInput={(event) => set(index, 'regex', event.currentTarget.value)} aria-label={`Regular expression of filter ${index + 1}`} />
            </div>
            <button type="button" onClick={() => section.edit((current) => current.filter((_, i) => i !== index))} aria-label={`Remove filter ${filter.name || index + 1}`}>
              Remove
            </button>
          </fieldset>
        ))}
        <div class="button-row">
          <button type="button" onClick={() => section.edit((current) => [...current, { name: '', regex: '' }])}>
            Add filter
          </button>
        </div>
        {firstProblem >= 0 ? <p class="error-message">Filter {firstProblem + 1} {problems[firstProblem]}.</p> : null}
      </SettingsForm>
    </Panel>
  );
}
