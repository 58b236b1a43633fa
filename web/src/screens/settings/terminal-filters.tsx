// Terminal filters (terminalFilters): named regular expressions the terminal offers to hide noisy lines.
import type { Settings } from '../../api/types.js';
import { Panel } from '../../components/panel.js';
import { RowListEditor } from './row-list-editor.js';
import type { RowField } from './row-list-editor.js';
import { SettingsForm, useSettingsSection } from './settings-form.js';

type Filter = { name: string; regex: string };

const FIELDS: readonly RowField<Filter>[] = [
  { key: 'name', label: 'Name' },
  { key: 'regex', label: 'Regular expression', class: 'code' },
];

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
  const problems = section.values.map(problemOf);
  const firstProblem = problems.findIndex((problem) => problem !== null);
  return (
    <Panel title="Terminal filters">
      <SettingsForm section={section} unchanged={section.unchanged || firstProblem >= 0}>
        <RowListEditor section={section} fields={FIELDS} noun="filter" blank={{ name: '', regex: '' }} />
        {firstProblem >= 0 ? <p class="error-message">Filter {firstProblem + 1} {problems[firstProblem]}.</p> : null}
      </SettingsForm>
    </Panel>
  );
}
