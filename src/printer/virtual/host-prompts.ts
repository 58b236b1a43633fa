// What the virtual printer says when its filament runs out with host prompts on: the Prusa/Marlin action-command dialog.

/** The choices of the runout prompt, by index (the host answers `M876 S<index>`). */
export const RUNOUT_CHOICES = ['Continue', 'Purge more'] as const;

/** The lines that pause the print and ask the host (Prusa firmware and Marlin's M600 send the same kind of sequence). */
export function runoutPromptLines(): string[] {
  return [
    '//action:paused',
    '//action:prompt_end',
    '//action:prompt_begin Filament runout: load new filament',
    ...RUNOUT_CHOICES.map((choice) => `//action:prompt_choice ${choice}`),
    '//action:prompt_show',
  ];
}

/** The lines after the host answered (or M108 ended the wait: `choice` null). */
export function promptAnsweredLines(choice: number | null): string[] {
  const name = choice === null ? 'none' : (RUNOUT_CHOICES[choice] ?? `choice ${choice}`);
  return ['//action:prompt_end', `echo:Host prompt answered: ${name}`, '//action:resumed'];
}

/** The index of `M876 S<n>`, or null for another command (M876 P1 only says the host supports prompts). */
export function promptAnswer(command: string): number | null {
  const match = /^M876\b.*?\bS(\d+)/i.exec(command.trim());
  return match ? Number(match[1]) : null;
}
