// Checkboxes to pick groups (for a user) or permissions (for a group or an app key).
import { Checkbox } from '../../components/field.js';

export interface ChoiceItem {
  key: string;
  label: string;
  hint?: string;
}

export interface ChoiceListProps {
  legend: string;
  items: readonly ChoiceItem[];
  chosen: readonly string[];
  onChange(chosen: string[]): void;
}

export function ChoiceList({ legend, items, chosen, onChange }: ChoiceListProps) {
  const toggle = (key: string, on: boolean): void => onChange(on ? [...chosen.filter((k) => k !== key), key] : chosen.filter((k) => k !== key));
  return (
    <fieldset class="choice-list">
      <legend>{legend}</legend>
      {items.map((item) => (
        <Checkbox key={item.key} label={item.label} hint={item.hint} checked={chosen.includes(item.key)} onChange={(on) => toggle(item.key, on)} />
      ))}
    </fieldset>
  );
}
