// "Cannot reach the server": tries again by itself (sooner when the browser comes back online), so the page never
// stays here once the server answers; "Try again" does it at once.
import { useEffect, useState } from 'preact/hooks';

const DELAYS_S = [1, 2, 3, 5, 8, 10];

export interface UnreachableScreenProps {
  error: string;
  /** Tries to load the app again; the screen goes away when that succeeds. */
  retry(): void;
  /** How many automatic tries were made already (the delay grows with it). */
  attempt: number;
}

export function UnreachableScreen({ error, retry, attempt }: UnreachableScreenProps) {
  const delay = DELAYS_S[Math.min(attempt, DELAYS_S.length - 1)] ?? 10;
  const [left, setLeft] = useState(delay);
  useEffect(() => {
    setLeft(delay);
    const tick = setInterval(() => setLeft((value) => Math.max(0, value - 1)), 1000);
    const timer = setTimeout(retry, delay * 1000);
    window.addEventListener('online', retry);
    return () => {
      clearInterval(tick);
      clearTimeout(timer);
      window.removeEventListener('online', retry);
    };
  }, [attempt]);
  return (
    <main class="centered-page">
      <div class="panel auth-form">
        <h1>Cannot reach the server</h1>
        <p role="alert">{error}</p>
        <p class="muted" aria-live="polite">
          Trying again in {left} s…
        </p>
        <button type="button" class="primary" onClick={retry}>
          Try again
        </button>
      </div>
    </main>
  );
}
