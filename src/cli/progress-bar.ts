// A progress bar for long CLI work: redrawn in place on a terminal, silent otherwise.
export interface ProgressBar {
  update(done: number, total: number, label?: string): void;
  finish(): void;
}

const WIDTH = 30;
const REDRAW_MS = 100;

function formatBytes(bytes: number): string {
  if (bytes >= 2 ** 30) return `${(bytes / 2 ** 30).toFixed(2)} GiB`;
  if (bytes >= 2 ** 20) return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
  return `${(bytes / 1024).toFixed(0)} KiB`;
}

/** A bar on `stream` when it is a terminal; does nothing otherwise (so piped output stays clean). */
export function progressBar(stream: NodeJS.WriteStream, title: string, unit: 'bytes' | 'items' = 'items', now: () => number = Date.now): ProgressBar {
  const enabled = stream.isTTY === true;
  let last = 0;
  let drawn = false;
  const started = now();
  return {
    update(done, total, label = '') {
      if (!enabled) return;
      const time = now();
      if (done < total && time - last < REDRAW_MS) return;
      last = time;
      const share = total > 0 ? Math.min(1, done / total) : 1;
      const filled = Math.round(share * WIDTH);
      const amount = unit === 'bytes' ? `${formatBytes(done)} / ${formatBytes(total)}` : `${done}/${total}`;
      const seconds = (time - started) / 1000;
      const rate = unit === 'bytes' && seconds > 0 ? `  ${formatBytes(done / seconds)}/s` : '';
      stream.write(`\r${title} [${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${(share * 100).toFixed(0).padStart(3)} %  ${amount}${rate} ${label}`.slice(0, (stream.columns ?? 100) - 1));
      drawn = true;
    },
    finish() {
      if (enabled && drawn) stream.write('\n');
    },
  };
}
