// One heater: its actual and target temperature, a new target to set, and "off".
import { useState } from 'preact/hooks';
import type { HeaterReading } from '../../api/types.js';
import { formatTemperature } from '../../lib/format.js';
import { heaterColour, heaterLabel } from './heaters.js';

export interface HeaterRowProps {
  heater: string;
  reading: HeaterReading | null;
  disabled: boolean;
  /** Tooltip of the greyed controls (the missing permission), if any. */
  reason?: string;
  onSet(target: number): void;
}

export function HeaterRow({ heater, reading, disabled, reason, onSet }: HeaterRowProps) {
  const [value, setValue] = useState('');
  const label = heaterLabel(heater);
  const submit = (event: Event): void => {
    event.preventDefault();
    const target = Number(value);
    if (value.trim() === '' || !Number.isFinite(target)) return;
    onSet(target);
    setValue('');
  };
  return (
    <tr>
      <th scope="row">
        <span style={{ color: heaterColour(heater) }} aria-hidden="true">
          ■{' '}
        </span>
        {label}
      </th>
      <td data-heater-actual={heater}>{formatTemperature(reading?.actual)}</td>
      <td data-heater-target={heater}>{reading?.target ? formatTemperature(reading.target) : 'off'}</td>
      <td>
        <form class="inline-form" onSubmit={submit}>
          <label class="visually-hidden" for={`target-${heater}`}>
            New target for {label} in °C
          </label>
          <input id={`target-${heater}`} type="number" inputMode="numeric" min={0} max={400} step={1} value={value} placeholder="°C" disabled={disabled} onInput={(e) => setValue(e.currentTarget.value)} />
          <button type="submit" title={reason} disabled={disabled || value.trim() === ''}>
            Set
          </button>
          <button type="button" title={reason} disabled={disabled} onClick={() => onSet(0)} aria-label={`Turn ${label} off`}>
            Off
          </button>
        </form>
      </td>
    </tr>
  );
}
