// Copies a text to the clipboard and says so; falls back to selecting the text where the clipboard is blocked.
import { useState } from 'preact/hooks';

export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [copied, setCopied] = useState<'no' | 'yes' | 'failed'>('no');
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <>
      <button type="button" onClick={() => void copy()}>
        {copied === 'yes' ? 'Copied' : label}
      </button>
      <span class="visually-hidden" aria-live="polite">
        {copied === 'yes' ? 'Copied to the clipboard' : copied === 'failed' ? 'Copying is blocked here; select the text and copy it' : ''}
      </span>
    </>
  );
}
