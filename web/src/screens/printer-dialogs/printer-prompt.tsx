// The printer's question (a host prompt, e.g. after a filament runout) for everyone who may answer; one answer closes it everywhere.
import { useState } from 'preact/hooks';
import { getPrompt, selectPromptChoice } from '../../api/printer-dialogs-api.js';
import { useApp, usePushMessage } from '../../app-context.js';
import { Dialog } from '../../components/dialog.js';
import { ErrorMessage } from '../../components/error-message.js';
import { useAction } from '../../lib/use-async.js';
import { useReadOnAuth } from '../../lib/use-read-on-auth.js';
import { PROMPT_PLUGIN, nextPrompt, pluginData, promptFromResponse } from './printer-dialogs-state.js';
import type { PrinterPrompt as Prompt } from './printer-dialogs-state.js';

const INTERACT = 'PLUGIN_ACTION_COMMAND_PROMPT_INTERACT';

export function PrinterPrompt() {
  const { api, can } = useApp();
  const allowed = can(INTERACT);
  const [prompt, setPrompt] = useState<Prompt | null>(null);
  /** The prompt this browser set aside (Escape or ×); a new one from the printer shows again. */
  const [dismissed, setDismissed] = useState<Prompt | null>(null);

  // A prompt already shown: read on start and after every (re)authentication of the push socket.
  useReadOnAuth(allowed, () => getPrompt(api), (response) => setPrompt(promptFromResponse(response)), [api]);

  usePushMessage('plugin', (payload) => {
    const data = pluginData(payload, PROMPT_PLUGIN);
    if (data && allowed) setPrompt((current) => nextPrompt(current, data));
  });

  if (!prompt || prompt === dismissed) return null;
  return <PromptDialog key={`${prompt.text}\n${prompt.choices.join('\n')}`} prompt={prompt} onDismiss={() => setDismissed(prompt)} />;
}

function PromptDialog({ prompt, onDismiss }: { prompt: Prompt; onDismiss(): void }) {
  const { api } = useApp();
  const answer = useAction(async (choice: number) => selectPromptChoice(api, choice));
  return (
    <Dialog title="Message from the printer" onClose={onDismiss} class="printer-prompt">
      <p class="printer-prompt-text">{prompt.text}</p>
      <ErrorMessage error={answer.error} />
      <div class="button-row">
        {prompt.choices.map((choice, index) => (
          <button key={index} type="button" class={index === 0 ? 'primary' : ''} disabled={answer.busy} onClick={() => void answer.run(index)}>
            {choice}
          </button>
        ))}
      </div>
    </Dialog>
  );
}
