// An accessible progress bar with a visible label, e.g. "42 %".
export interface ProgressBarProps {
  /** 0–100, or null for an indeterminate bar. */
  value: number | null;
  label: string;
  /** Text inside the bar; defaults to the rounded percentage. */
  text?: string;
}

export function ProgressBar({ value, label, text }: ProgressBarProps) {
  const clamped = value === null ? null : Math.max(0, Math.min(100, value));
  return (
    <div
      class={`progress ${clamped === null ? 'indeterminate' : ''}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={clamped ?? undefined}
    >
      <div class="progress-fill" style={{ width: `${clamped ?? 100}%` }} />
      <span class="progress-text">{text ?? (clamped === null ? '' : `${Math.round(clamped)} %`)}</span>
    </div>
  );
}
