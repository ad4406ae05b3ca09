import { useSyncExternalStore } from 'react';

/**
 * Every piece of console state is declared here, per store, with where it lives (Bitwarden's
 * state definitions; research §2.1). There is one place it may live: memory. Nothing goes to
 * localStorage, sessionStorage, IndexedDB, Cache Storage or a cookie the page can read, so a
 * shared computer keeps nothing after the tab is gone (research §4.5). `wipeOnLock` stores return
 * to their initial value when the console locks or the person exits.
 */
export interface StoreDefinition<T> {
  readonly name: string;
  readonly storage: 'memory';
  readonly wipeOnLock: boolean;
  readonly initial: () => T;
}

export interface Store<T> {
  readonly definition: StoreDefinition<T>;
  get: () => T;
  set: (next: T | ((current: T) => T)) => void;
  reset: () => void;
  subscribe: (listener: () => void) => () => void;
}

const REGISTRY: Store<unknown>[] = [];

export function defineStore<T>(definition: StoreDefinition<T>): Store<T> {
  let value = definition.initial();
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((listener) => listener());
  const store: Store<T> = {
    definition,
    get: () => value,
    set(next) {
      value = typeof next === 'function' ? (next as (current: T) => T)(value) : next;
      notify();
    },
    reset() {
      value = definition.initial();
      notify();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  REGISTRY.push(store as Store<unknown>);
  return store;
}

/** Lock and exit: every store declared wipeOnLock goes back to its initial value. */
export function wipeLockedStores(): void {
  for (const store of REGISTRY) if (store.definition.wipeOnLock) store.reset();
}

export function useStore<T>(store: Store<T>): T {
  return useSyncExternalStore(store.subscribe, store.get);
}
