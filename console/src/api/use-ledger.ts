import { getBody } from './http';
import { useAsync } from './use-async';

export interface CheckpointView {
  origin: string;
  treeSize: number;
  rootHash: string;
  signedAt: string;
  cosignatures: { witness: string; cosignedAt: string }[];
}

export interface WitnessView {
  name: string;
  verifierKey: string;
  agencyId: string;
  registeredAt: string;
}

/** Every checkpoint the log signed, newest first (the API lists smallest first, in pages). */
async function allCheckpoints(): Promise<CheckpointView[]> {
  const found: CheckpointView[] = [];
  let after = 0;
  for (;;) {
    const page = await getBody<{ checkpoints: CheckpointView[]; next: number | null }>('/ledger/checkpoints', { after, limit: 100 });
    found.push(...page.checkpoints);
    if (page.next === null) return found.reverse();
    after = page.next;
  }
}

export function useCheckpoints() {
  return useAsync(allCheckpoints, []);
}

export function useWitnesses() {
  return useAsync(() => getBody<WitnessView[]>('/ledger/witnesses'), []);
}
