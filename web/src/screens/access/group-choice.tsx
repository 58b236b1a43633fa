// Checkboxes to pick groups (for a user) or permissions (for a group or an app key), with "all" and "none".
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
  /** Offer "Choose all" and "Choose none" buttons (long lists). */
  bulk?: boolean;
}

export function ChoiceList({ legend, items, chosen, onChange, bulk }: ChoiceListProps) {
  const toggle = (key: string, on: boolean): void => onChange(on ? [...chosen.filter((k) => k !== key), key] : chosen.filter((k) => k !== key));
  return (
    <fieldset class="choice-list">
      <legend>{legend}</legend>
      {bulk ? (
        <div class="button-row choice-bulk">
          <button type="button" class="link" onClick={() => onChange(items.map((item) => item.key))}>
            Choose all
          </button>
          <button type="button" class="link" onClick={() => onChange([])}>
            Choose none
          </button>
        </div>
      ) : null}
      {items.map((item) => (
        <Checkbox key={item.key} label={item.label} hint={item.hint} checked={chosen.includes(item.key)} onChange={(on) => toggle(item.key, on)} />
      ))}
    </fieldset>
  );
}
