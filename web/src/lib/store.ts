// A small observable value, and the Preact hook that re-renders a component when it (or the slice it selects) changes.
import { useEffect, useReducer, useRef } from 'preact/hooks';
import { shallowEqual } from './equality.js';

export interface Store<T> {
  get(): T;
  set(value: T): void;
  update(change: (value: T) => T): void;
  subscribe(listener: (value: T) => void): () => void;
}

export type Selector<T, S> = (value: T) => S;
export type Equality<S> = (a: S, b: S) => boolean;

export function createStore<T>(initial: T): Store<T> {
  let value = initial;
  const listeners = new Set<(value: T) => void>();
  const set = (next: T): void => {
    if (Object.is(next, value)) return;
    value = next;
    for (const listener of [...listeners]) listener(value);
  };
  return {
    get: () => value,
    set,
    update: (change) => set(change(value)),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The slice last handed out, kept while new ones are equal to it (so its reference stays the same). */
export interface SliceHolder<S> {
  current: { value: S } | null;
}

/** Puts `next` in the holder unless it equals what is there; true when the slice changed. */
export function takeSlice<S>(holder: SliceHolder<S>, next: S, isEqual: Equality<S>): boolean {
  if (holder.current && isEqual(holder.current.value, next)) return false;
  holder.current = { value: next };
  return true;
}

/** Calls `changed` after a store change only when the selected slice differs from the one in `holder`. */
export function watchSlice<T, S>(store: Store<T>, holder: SliceHolder<S>, select: () => Selector<T, S>, isEqual: () => Equality<S>, changed: () => void): () => void {
  const check = (value: T): void => {
    if (takeSlice(holder, select()(value), isEqual())) changed();
  };
  check(store.get());
  return store.subscribe(check);
}

function whole<T>(value: T): T {
  return value;
}

/** The store's current value; the component re-renders on every change. */
export function useStore<T>(store: Store<T>): T;
/**
 * The slice `select` picks from the store; the component re-renders only when the slice changes, compared with
 * `isEqual` (shallow by default: an object of fields re-renders when one field's reference changes).
 */
export function useStore<T, S>(store: Store<T>, select: Selector<T, S>, isEqual?: Equality<S>): S;
export function useStore<T, S>(store: Store<T>, select?: Selector<T, S>, isEqual: Equality<S> = shallowEqual): S {
  const pick = select ?? (whole as Selector<T, S>);
  const equal = select ? isEqual : Object.is;
  const [, rerender] = useReducer((count: number) => count + 1, 0);
  const holder = useRef<{ value: S } | null>(null);
  const latest = useRef({ pick, equal });
  latest.current = { pick, equal };
  // Selected during render too, so a selector that depends on props is applied at once.
  takeSlice(holder, pick(store.get()), equal);
  useEffect(
    () => watchSlice(store, holder, () => latest.current.pick, () => latest.current.equal, () => rerender(0)),
    [store],
  );
  return (holder.current as { value: S }).value;
}
