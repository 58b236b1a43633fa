// A settings list of rows of text fields (temperature presets, terminal filters): edit, remove, add.
import type { SettingsSection } from './settings-form.js';

type TextRow = { name: string } & Record<string, string>;

export interface RowField<R> {
  key: keyof R & string;
  label: string;
  type?: 'text' | 'number';
  class?: string;
}

export interface RowListEditorProps<R extends TextRow> {
  section: Pick<SettingsSection<R[]>, 'values' | 'edit'>;
  fields: readonly RowField<R>[];
  /** What one row is, lower case ("preset"): ids, legends and labels are made from it. */
  noun: string;
  /** The row "Add <noun>" appends. */
  blank: R;
  rowClass?: string;
}

export function RowListEditor<R extends TextRow>({ section, fields, noun, blank, rowClass }: RowListEditorProps<R>) {
  const set = (index: number, key: keyof R, value: string): void => section.edit((current) => current.map((row, i) => (i === index ? { ...row, [key]: value } : row)));
  const Noun = noun.charAt(0).toUpperCase() + noun.slice(1);
  return (
    <>
      {section.values.map((row, index) => (
        <fieldset key={index} class={rowClass ? `inline-form ${rowClass}` : 'inline-form'}>
          <legend class="visually-hidden">
            {Noun} {index + 1}
          </legend>
          {fields.map((field) => (
            <div class="field" key={field.key}>
              <label for={`${noun}-${index}-${field.key}`}>{field.label}</label>
              <input
                id={`${noun}-${index}-${field.key}`}
                type={field.type ?? 'text'}
                class={field.class}
                step={field.type === 'number' ? 'any' : undefined}
                value={row[field.key]}
                onInput={(event) => set(index, field.key, event.currentTarget.value)}
                aria-label={`${field.label} of ${noun} ${index + 1}`}
              />
            </div>
          ))}
          <button type="button" onClick={() => section.edit((current) => current.filter((_, i) => i !== index))} aria-label={`Remove ${noun} ${row.name || index + 1}`}>
            Remove
          </button>
        </fieldset>
      ))}
      <div class="button-row">
        <button type="button" onClick={() => section.edit((current) => [...current, { ...blank }])}>
          Add {noun}
        </button>
      </div>
    </>
  );
}
