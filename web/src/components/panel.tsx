// A titled card: the building block of every screen.
import type { ComponentChildren } from 'preact';

export interface PanelProps {
  title: string;
  children: ComponentChildren;
  /** Buttons or status shown beside the title. */
  actions?: ComponentChildren;
  class?: string;
}

export function Panel({ title, children, actions, class: className }: PanelProps) {
  const id = `panel-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return (
    <section class={`panel ${className ?? ''}`} aria-labelledby={id}>
      <header class="panel-header">
        <h2 id={id}>{title}</h2>
        {actions ? <div class="panel-actions">{actions}</div> : null}
      </header>
      {children}
    </section>
  );
}
