import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { AgenciesService } from '../agencies/agencies.service';
import { type SigningKeyLookup } from '../crypto';
import { isUuid } from '../crypto/identifiers';
import { type Statement } from '../database/statement';
import { type AgencyKeysView, toKeyView } from './key-views';
import { type EpochState, KeysRepository, type MemberEpochFacts } from './keys.repository';

/** Epochs are PostgreSQL integers; anything outside that range names no registered epoch. */
const MAX_STORED_EPOCH = 2_147_483_647;

export function isStorableEpoch(epoch: unknown): epoch is number {
  return typeof epoch === 'number' && Number.isInteger(epoch) && epoch >= 1 && epoch <= MAX_STORED_EPOCH;
}

/**
 * Reads of the agency key directory, for this module and for every module that checks
 * signatures or wraps (consent, notes, referrals). Nothing is cached: a rotation must take effect
 * for the very next request, in every API process. Methods accept the caller's transaction.
 */
@Injectable()
export class KeyDirectoryService {
  constructor(
    private readonly keys: KeysRepository,
    private readonly agencies: AgenciesService,
  ) {}

  /** Every epoch of an agency, oldest first. Unknown agency → 404; no keys yet → no epochs. */
  async list(agencyId: string): Promise<AgencyKeysView> {
    await this.agencies.get(agencyId);
    const rows = await this.keys.listEpochs(agencyId);
    return {
      agencyId,
      currentEpoch: rows.find((row) => row.retiredAt === null)?.epoch ?? null,
      epochs: await Promise.all(rows.map((row) => toKeyView(row))),
    };
  }

  /** The Ed25519 key of any registered epoch (current or retired); null when there is none. */
  async signingKey(agencyId: string, epoch: number, manager?: EntityManager): Promise<Uint8Array | null> {
    const [state] = await this.epochStates([{ agencyId, epoch }], manager);
    return state ? new Uint8Array(state.signPublicKey) : null;
  }

  /** A lookup for src/crypto's verify functions, over every registered epoch. */
  signingKeys(manager?: EntityManager): SigningKeyLookup {
    return (agencyId, epoch) => this.signingKey(agencyId, epoch, manager);
  }

  async currentEpoch(agencyId: string, manager?: EntityManager): Promise<number | null> {
    return (await this.currentEpochs([agencyId], manager)).get(agencyId) ?? null;
  }

  /** Current epoch per agency; agencies without keys (or unknown) are absent from the map. */
  currentEpochs(agencyIds: readonly string[], manager?: EntityManager): Promise<Map<string, number>> {
    return this.keys.currentEpochs(agencyIds.filter(isUuid), manager);
  }

  /**
   * Which of the named (agency, epoch) pairs are registered, and whether each is current. With
   * `lock` (and the caller's transaction) the rows stay share-locked until it ends, so a rotation
   * cannot retire an epoch between this check and the caller's commit.
   */
  epochStates(pairs: readonly { agencyId: string; epoch: number }[], manager?: EntityManager, lock = false): Promise<EpochState[]> {
    return this.keys.epochStates(storable(pairs), manager, lock);
  }

  /** Agency standing and epoch state of each named pair, in one read (see KeysRepository). */
  memberEpochFacts(pairs: readonly { agencyId: string; epoch: number }[], manager?: EntityManager, lock = false): Promise<MemberEpochFacts[]> {
    return this.keys.memberEpochFacts(storable(pairs), manager, lock);
  }

  /** memberEpochFacts(), share-locking, prepared for the caller's pipeline (in its transaction). */
  memberEpochFactsStatement(pairs: readonly { agencyId: string; epoch: number }[]): Statement<MemberEpochFacts[]> {
    return this.keys.memberEpochFactsStatement(storable(pairs), true);
  }
}

function storable(pairs: readonly { agencyId: string; epoch: number }[]): { agencyId: string; epoch: number }[] {
  return pairs.filter((pair) => isUuid(pair.agencyId) && isStorableEpoch(pair.epoch));
}
