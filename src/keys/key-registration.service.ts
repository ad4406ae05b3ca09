import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AgencyNotFoundError } from '../agencies/agencies.errors';
import { type CallerContext } from '../auth/caller-context';
import { type VerifiedKeyRegistration } from '../crypto';
import { constraintOf, sqlStateOf, UNIQUE_VIOLATION } from '../database/database-errors';
import { inTransaction } from '../database/transactions';
import { actorOf, LedgerWriter } from '../ledger/ledger-writer';
import { AgencyKeyEntity } from './entities/agency-key.entity';
import { type AgencyKeyView, toKeyView } from './key-views';
import { KeyEpochNotNextError, KeyEpochTakenError, KeyRegistrationRejectedError } from './keys.errors';
import { KeysRepository } from './keys.repository';
import { checkCreatedAt, checkRegistrationAlone, sameRegistration, verifyRegistration } from './registration-checks';

const KEY_UNIQUE_INDEXES = ['agency_keys_sign_public_key', 'agency_keys_box_public_key'];

export interface RegistrationOutcome {
  key: AgencyKeyView;
  /** False when the identical registration was already held (a retry): nothing was written. */
  created: boolean;
}

/**
 * Registers an agency's next key epoch: epoch 1 self-signed, epoch n also signed by epoch n-1's
 * registered key. One transaction holds the agency's registration lock, retires the previous
 * epoch, inserts the new one and appends the `key_registered` log entry.
 */
@Injectable()
export class KeyRegistrationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly keys: KeysRepository,
    private readonly ledger: LedgerWriter,
  ) {}

  async register(caller: CallerContext, agencyId: string, wire: Record<string, unknown>): Promise<RegistrationOutcome> {
    // An agency registers only its own keys; another agency's id looks exactly like a missing one.
    if (caller.principal.agencyId !== agencyId) throw new AgencyNotFoundError();
    if (wire.agencyId !== agencyId) {
      throw new KeyRegistrationRejectedError('agency_mismatch', 'the registration names another agency than the path', 'agencyId');
    }
    await checkRegistrationAlone(wire);
    try {
      return await inTransaction(this.dataSource, (manager) => this.registerLocked(manager, caller, agencyId, wire));
    } catch (error) {
      // Backstop for a key registered concurrently by another agency (the pre-check cannot lock that).
      if (sqlStateOf(error) === UNIQUE_VIOLATION && KEY_UNIQUE_INDEXES.includes(constraintOf(error) ?? '')) throw keyReused();
      throw error;
    }
  }

  /**
   * The same registration inside a caller's transaction (a people agency's rotation stores the new
   * epoch and its membership wraps together, so the epoch is never registered without a holder).
   */
  async registerWithin(manager: EntityManager, caller: CallerContext, agencyId: string, wire: Record<string, unknown>): Promise<RegistrationOutcome> {
    if (caller.principal.agencyId !== agencyId) throw new AgencyNotFoundError();
    if (wire.agencyId !== agencyId) {
      throw new KeyRegistrationRejectedError('agency_mismatch', 'the registration names another agency than the path', 'agencyId');
    }
    await checkRegistrationAlone(wire);
    return this.registerLocked(manager, caller, agencyId, wire);
  }

  private async registerLocked(manager: EntityManager, caller: CallerContext, agencyId: string, wire: Record<string, unknown>): Promise<RegistrationOutcome> {
    await this.keys.lockAgencyKeys(manager, agencyId);
    const epochs = await this.keys.listEpochs(agencyId, manager);
    const previous = epochs.at(-1) ?? null;
    const currentEpoch = previous?.epoch ?? null;
    const existing = epochs.find((row) => row.epoch === wire.epoch);
    if (existing) {
      if (!sameRegistration(existing.registration, wire)) throw new KeyEpochTakenError(existing.epoch, currentEpoch);
      return { key: await toKeyView(existing), created: false };
    }
    if (wire.epoch !== (currentEpoch ?? 0) + 1) throw new KeyEpochNotNextError(Number(wire.epoch), currentEpoch);
    const verified = await verifyRegistration(wire, previous ? new Uint8Array(previous.signPublicKey) : null);
    checkCreatedAt(verified.createdAt, previous?.createdAt ?? null, new Date());
    if (await this.keys.keyInUse(verified.signPublicKey, verified.boxPublicKey, manager)) throw keyReused();
    if (previous) await this.keys.retire(manager, agencyId, previous.epoch);
    const row = newKeyRow(verified, wire, caller.principal.id);
    await this.keys.insert(manager, row);
    const key = await toKeyView(row);
    await this.ledger.record(manager, 'key_registered', {
      actor: actorOf(caller),
      requestId: caller.requestId,
      detail: { agency: agencyId, epoch: key.epoch, fingerprint: key.fingerprint },
    });
    return { key, created: true };
  }
}

function newKeyRow(verified: VerifiedKeyRegistration, wire: Record<string, unknown>, principalId: string): AgencyKeyEntity {
  return Object.assign(new AgencyKeyEntity(), {
    agencyId: verified.agencyId,
    epoch: verified.epoch,
    signPublicKey: Buffer.from(verified.signPublicKey),
    boxPublicKey: Buffer.from(verified.boxPublicKey),
    createdAt: verified.createdAt,
    retiredAt: null,
    registration: wire,
    registeredByPrincipalId: principalId,
  });
}

function keyReused(): KeyRegistrationRejectedError {
  return new KeyRegistrationRejectedError('key_reused', 'a public key of this registration is already registered (keys must be fresh for every epoch)');
}
