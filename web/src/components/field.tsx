// A labelled form input; the label is always visible and tied to the input.
import type { JSX } from 'preact';
import { useId } from 'preact/hooks';

export type FieldProps = Omit<JSX.InputHTMLAttributes<HTMLInputElement>, 'onInput' | 'label' | 'value'> & {
  label: string;
  value: string;
  onValue(value: string): void;
  hint?: string;
};

export function Field({ label, value, onValue, hint, ...input }: FieldProps) {
  const id = useId();
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        value={value}
        onInput={(event) => onValue(event.currentTarget.value)}
        aria-describedby={hint ? `${id}-hint` : undefined}
        {...input}
      />
      {hint ? (
        <small id={`${id}-hint`} class="hint">
          {hint}
        </small>
      ) : null}
    </div>
  );
}

export interface CheckboxProps {
  label: string;
  checked: boolean;
  onChange(checked: boolean): void;
  disabled?: boolean;
  hint?: string;
}

export function Checkbox({ label, checked, onChange, disabled, hint }: CheckboxProps) {
  const id = useId();
  return (
    <div class="checkbox">
      <input id={id} type="checkbox" checked={checked} disabled={disabled} onChange={(event) => onChange(event.currentTarget.checked)} />
      <label for={id}>{label}</label>
      {hint ? <small class="hint">{hint}</small> : null}
    </div>
  );
}
