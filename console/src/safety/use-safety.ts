import { useEffect } from 'react';
import { escapeCounter, exitNow } from './exit';
import { lock } from './lock';

/** Minutes without a key press, click or scroll before the console locks itself. */
export const IDLE_LOCK_MINUTES = 10;

/** Escape ×3 leaves the page, from anywhere (the listener sits on window, in the capture phase). */
export function useExitShortcut(): void {
  useEffect(() => {
    const count = escapeCounter();
    const onKey = (event: KeyboardEvent) => {
      if (count(event.key)) exitNow();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
}

/** Locks after IDLE_LOCK_MINUTES without activity, and when the page comes back from the back/forward cache. */
export function useIdleLock(active: boolean): void {
  useEffect(() => {
    if (!active) return;
    let timer = window.setTimeout(() => lock('idle'), IDLE_LOCK_MINUTES * 60_000);
    const restart = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => lock('idle'), IDLE_LOCK_MINUTES * 60_000);
    };
    const onPageShow = (event: PageTransitionEvent) => {
      if (event.persisted) lock('manual');
    };
    const events = ['keydown', 'pointerdown', 'wheel', 'touchstart'] as const;
    events.forEach((name) => window.addEventListener(name, restart, { passive: true }));
    window.addEventListener('pageshow', onPageShow);
    return () => {
      window.clearTimeout(timer);
      events.forEach((name) => window.removeEventListener(name, restart));
      window.removeEventListener('pageshow', onPageShow);
    };
  }, [active]);
}
