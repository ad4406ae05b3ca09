import { stopAllWorkers } from '../workers/worker-registry';
import { wipeLockedStores } from '../state/store';

/**
 * Where "Exit this page" goes: a neutral, busy site (GOV.UK's default). location.replace swaps
 * this page's history entry for it, so Back does not come back to the console.
 */
export const EXIT_URL = 'https://www.bbc.co.uk/weather';

/** Escape pressed this many times within EXIT_WINDOW_MS leaves too. */
export const EXIT_PRESSES = 3;
export const EXIT_WINDOW_MS = 5000;

/** Leave now: blank the page at once, drop keys and state, replace the history entry. */
export function exitNow(): void {
  document.documentElement.classList.add('ccr-exiting');
  stopAllWorkers();
  wipeLockedStores();
  document.title = '';
  window.location.replace(EXIT_URL);
}

/** Counts Escape presses; true when the last one completes the sequence. */
export function escapeCounter(now: () => number = Date.now): (key: string) => boolean {
  let presses: number[] = [];
  return (key) => {
    if (key !== 'Escape') return false;
    const at = now();
    presses = [...presses.filter((time) => at - time < EXIT_WINDOW_MS), at];
    return presses.length >= EXIT_PRESSES;
  };
}
