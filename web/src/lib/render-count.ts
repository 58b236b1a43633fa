// Counts renders of a few components for the browser tests; does nothing unless the page defined the counter.

interface RenderCounts {
  __argonautRenders?: Record<string, number>;
}

/** Adds one to `window.__argonautRenders[name]` when a test created that object before the app loaded. */
export function countRender(name: string): void {
  const counts = (globalThis as RenderCounts).__argonautRenders;
  if (counts) counts[name] = (counts[name] ?? 0) + 1;
}
