import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { rowsAs, statement, type Statement } from '../database/statement';
import { run } from '../database/transactions';
import { AgencyKeyEntity } from './entities/agency-key.entity';

/** The (agency, epoch) a wrap or signature names, and whether that epoch is still current. */
export interface EpochState {
  agencyId: string;
  epoch: number;
  signPublicKey: Buffer;
  current: boolean;
}

/** A named (agency, epoch) of a member agency: its standing and, if registered, that epoch's state. */
export interface MemberEpochFacts {
  agencyId: string;
  epoch: number;
  agencyStatus: string;
  coordinatingBody: boolean;
  /** null when the agency has no such epoch. */
  signPublicKey: Buffer | null;
  current: boolean | null;
}

/**
 * The key directory's SQL. The directory holds public keys only and is readable by every member
 * (recipients must verify anyone's records), so reads are not agency-scoped; writes are, by the
 * service. Methods take the caller's transaction when there is one.
 */
@Injectable()
export class KeysRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Serializes registrations for one agency until the transaction ends. An advisory lock, so that
   * registering a key blocks nothing else that touches the agency's row.
   */
  async lockAgencyKeys(manager: EntityManager, agencyId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('ccr:agency_keys:' || $1::text, 0))`, [agencyId]);
  }

  listEpochs(agencyId: string, manager?: EntityManager): Promise<AgencyKeyEntity[]> {
    return this.repository(manager).find({ where: { agencyId }, order: { epoch: 'ASC' } });
  }

  /**
   * The state of each named (agency, epoch) that is registered; missing pairs are simply absent.
   * With `lock`, the rows are share-locked in the caller's transaction: a concurrent rotation's
   * retirement of one of them waits for it to commit, and if the rotation committed first this
   * read sees the epoch retired (READ COMMITTED re-checks a locked row's latest version).
   */
  async epochStates(pairs: readonly { agencyId: string; epoch: number }[], manager?: EntityManager, lock = false): Promise<EpochState[]> {
    if (pairs.length === 0) return [];
    const rows: EpochState[] = await (manager ?? this.dataSource.manager).query(
      `SELECT k.agency_id AS "agencyId", k.epoch, k.sign_public_key AS "signPublicKey", k.retired_at IS NULL AS current
         FROM agency_keys k
         JOIN unnest($1::uuid[], $2::int[]) AS named(agency_id, epoch) ON named.agency_id = k.agency_id AND named.epoch = k.epoch
        ORDER BY k.agency_id, k.epoch
        ${lock && manager ? 'FOR SHARE OF k' : ''}`,
      [pairs.map((pair) => pair.agencyId), pairs.map((pair) => pair.epoch)],
    );
    return rows;
  }

  /**
   * For each named (agency, epoch) whose agency exists: the agency's standing and the epoch's
   * state, in one statement — what an upload's signer and recipients are checked against. With
   * `lock`, the key rows are share-locked as in epochStates() (the locking CTE returns their latest
   * version after any wait).
   */
  memberEpochFacts(pairs: readonly { agencyId: string; epoch: number }[], manager?: EntityManager, lock = false): Promise<MemberEpochFacts[]> {
    if (pairs.length === 0) return Promise.resolve([]);
    return run(manager ?? this.dataSource.manager, this.memberEpochFactsStatement(pairs, lock && manager !== undefined));
  }

  memberEpochFactsStatement(pairs: readonly { agencyId: string; epoch: number }[], lock: boolean): Statement<MemberEpochFacts[]> {
    return statement(
      `WITH named AS (SELECT DISTINCT agency_id, epoch FROM unnest($1::uuid[], $2::int[]) AS n(agency_id, epoch)),
            keys AS (SELECT k.agency_id, k.epoch, k.sign_public_key, k.retired_at IS NULL AS current
                       FROM agency_keys k JOIN named ON named.agency_id = k.agency_id AND named.epoch = k.epoch
                       ${lock ? 'FOR SHARE OF k' : ''})
       SELECT a.id AS "agencyId", named.epoch, a.status AS "agencyStatus", a.coordinating_body AS "coordinatingBody",
              keys.sign_public_key AS "signPublicKey", keys.current
         FROM named JOIN agencies a ON a.id = named.agency_id
         LEFT JOIN keys ON keys.agency_id = named.agency_id AND keys.epoch = named.epoch`,
      [pairs.map((pair) => pair.agencyId), pairs.map((pair) => pair.epoch)],
      rowsAs<MemberEpochFacts>(),
    );
  }

  /** The current epoch of each agency that has registered keys. */
  async currentEpochs(agencyIds: readonly string[], manager?: EntityManager): Promise<Map<string, number>> {
    if (agencyIds.length === 0) return new Map();
    const rows: { agencyId: string; epoch: number }[] = await (manager ?? this.dataSource.manager).query(
      `SELECT agency_id AS "agencyId", epoch FROM agency_keys WHERE agency_id = ANY($1::uuid[]) AND retired_at IS NULL`,
      [[...agencyIds]],
    );
    return new Map(rows.map((row) => [row.agencyId, row.epoch]));
  }

  /** True if either public key is already some agency's key, in any epoch. */
  async keyInUse(signPublicKey: Uint8Array, boxPublicKey: Uint8Array, manager: EntityManager): Promise<boolean> {
    const rows: unknown[] = await manager.query(`SELECT 1 FROM agency_keys WHERE sign_public_key = $1 OR box_public_key = $2 LIMIT 1`, [
      Buffer.from(signPublicKey),
      Buffer.from(boxPublicKey),
    ]);
    return rows.length > 0;
  }

  /** Retired at the transaction's time, which is also the successor's registered_at. */
  async retire(manager: EntityManager, agencyId: string, epoch: number): Promise<void> {
    await manager.query(`UPDATE agency_keys SET retired_at = now() WHERE agency_id = $1 AND epoch = $2 AND retired_at IS NULL`, [agencyId, epoch]);
  }

  /** registered_at defaults to the transaction's time, the same instant the predecessor was retired. */
  async insert(manager: EntityManager, key: AgencyKeyEntity): Promise<void> {
    await manager.query(
      `INSERT INTO agency_keys (agency_id, epoch, sign_public_key, box_public_key, created_at, registration, registered_by_principal_id)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7)`,
      [key.agencyId, key.epoch, key.signPublicKey, key.boxPublicKey, key.createdAt, JSON.stringify(key.registration), key.registeredByPrincipalId],
    );
  }

  private repository(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(AgencyKeyEntity);
  }
}
