import { randomBytes, randomUUID } from 'node:crypto';
import { type SealedRecordV1 } from '../../src/crypto';
import { type LoadRequest } from './load';
import { type BenchWorld, seal } from './world';

/** A load scenario: how to prepare it and, per request, what to send. */
export interface Scenario {
  name: string;
  description: string;
  prepare(expectedRequests: number): Promise<() => LoadRequest>;
}

const json = (token: string, extra: Record<string, string> = {}) => ({ 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, ...extra });
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** Pre-seals `count` records before the run, so the driver spends no CPU on crypto while measuring. */
async function pool<T>(count: number, make: () => Promise<T>): Promise<T[]> {
  const made: T[] = [];
  for (let i = 0; i < count; i += 1) made.push(await make());
  return made;
}

function cycle<T>(items: readonly T[]): () => T {
  let next = 0;
  return () => items[next++ % items.length];
}

export function baseline(world: BenchWorld): Scenario {
  return {
    name: 'baseline',
    description: 'POST /bench/baseline: same stack and authentication, one INSERT of a 1.3 KiB row',
    prepare: () => {
      const body = JSON.stringify({ payload: randomBytes(1_000).toString('base64') });
      return Promise.resolve(() => ({ method: 'POST', path: '/bench/baseline', headers: json(world.police.token), body }));
    },
  };
}

export function createReferral(world: BenchWorld): Scenario {
  return {
    name: 'create referral',
    description: 'POST /referrals: 1 KiB sealed body (wraps: sender + receiver), envelope verification, consent decision, linked case, log entries',
    prepare: async (expected) => {
      const contents = await pool(expected, () => seal(world.police, world.policeCaseId, 'referral', [{ agency: world.advocacy, consentId: world.referralConsentId }]));
      let next = 0;
      return () => {
        if (next >= contents.length) throw new Error('the pool of sealed referrals ran out: raise the estimate');
        const content: SealedRecordV1 = contents[next++];
        const body = { toAgencyId: world.advocacy.id, fromCaseId: world.policeCaseId, consentId: world.referralConsentId, purpose: 'advocacy_services', priority: 'routine', content };
        return { method: 'POST', path: '/referrals', headers: json(world.police.token, { 'Idempotency-Key': randomUUID() }), body: JSON.stringify(body) };
      };
    },
  };
}

export function createNote(world: BenchWorld): Scenario {
  return {
    name: 'create note (3 recipients)',
    description: 'POST /cases/{id}/notes: 1 KiB sealed note wrapped for the author + 2 consented agencies, a consent decision per wrap, log entries',
    prepare: async (expected) => {
      const recipients = [
        { agency: world.prosecution, consentId: world.noteConsents.prosecution },
        { agency: world.probation, consentId: world.noteConsents.probation },
      ];
      const contents = await pool(expected, () => seal(world.advocacy, world.advocacyCaseId, 'risk', recipients));
      let next = 0;
      return () => {
        if (next >= contents.length) throw new Error('the pool of sealed notes ran out: raise the estimate');
        return { method: 'POST', path: `/cases/${world.advocacyCaseId}/notes`, headers: json(world.advocacy.token), body: JSON.stringify({ category: 'risk', content: contents[next++] }) };
      };
    },
  };
}

export function readReferral(world: BenchWorld, referralIds: readonly string[]): Scenario {
  return {
    name: 'read referral',
    description: 'GET /referrals/{id} as the receiver: consent decision, ciphertext + own wrap through ccr_open_record, disclosure entry',
    prepare: () => {
      const ids = cycle(referralIds);
      return Promise.resolve(() => ({ method: 'GET', path: `/referrals/${ids()}`, headers: bearer(world.advocacy.token) }));
    },
  };
}

export function inbox(world: BenchWorld): Scenario {
  return {
    name: 'inbox listing',
    description: 'GET /referrals?box=in&limit=50 as the receiver (a page of 50, keyset pagination)',
    prepare: () => Promise.resolve(() => ({ method: 'GET', path: '/referrals?box=in&limit=50', headers: bearer(world.advocacy.token) })),
  };
}

export function inclusionProof(world: BenchWorld, treeSize: () => number): Scenario {
  return {
    name: 'ledger inclusion proof',
    description: 'GET /ledger/proofs/inclusion for a random leaf of the latest checkpoint (O(log n) node reads in one query)',
    prepare: () => {
      const size = treeSize();
      return Promise.resolve(() => ({
        method: 'GET',
        path: `/ledger/proofs/inclusion?index=${Math.floor(Math.random() * size)}&size=${size}`,
        headers: bearer(world.auditorToken),
      }));
    },
  };
}
