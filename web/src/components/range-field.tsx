// A labelled slider with its value shown beside it.
import { useId } from 'preact/hooks';

export interface RangeFieldProps {
  label: string;
  value: number;
  min: number;
  max: number;
  step?: number;
  unit?: string;
  disabled?: boolean;
  onValue(value: number): void;
}

export function RangeField({ label, value, min, max, step = 1, unit = '', disabled, onValue }: RangeFieldProps) {
  const id = useId();
  return (
    <div class="field range-field">
      <label for={id}>{label}</label>
      <div class="range-row">
        <input id={id} type="range" min={min} max={max} step={step} value={value} disabled={disabled} onInput={(event) => onValue(Number(event.currentTarget.value))} />
        <output for={id}>
          {value}
          {unit}
        </output>
      </div>
    </div>
  );
}
