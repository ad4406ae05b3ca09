import { wipeLockedStores } from '../state/store';
import { sessionStore } from '../state/stores';
import { stopAllWorkers } from '../workers/worker-registry';

/**
 * Locking: every worker (and the keys in its memory) is terminated, every store that holds what
 * the person saw is emptied, and the lock screen replaces the screens. Sign-in again re-checks
 * membership. (Once DESIGN-19's session lands, lock also ends the server session.)
 */
export function lock(reason: 'idle' | 'manual'): void {
  stopAllWorkers();
  wipeLockedStores();
  sessionStore.set({ status: 'locked', reason });
}
