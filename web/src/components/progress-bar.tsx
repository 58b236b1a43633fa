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
  const shown = text ?? (clamped === null ? '' : `${Math.round(clamped)} %`);
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
      {/* The label twice: in the text colour over the empty part, in the fill's own text colour over the fill. */}
      <span class="progress-text">{shown}</span>
      <span class="progress-text on-fill" aria-hidden="true" style={{ clipPath: `inset(0 ${100 - (clamped ?? 0)}% 0 0)` }}>
        {shown}
      </span>
    </div>
  );
}
