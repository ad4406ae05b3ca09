import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

export interface PersonKeysRow {
  signPublicKey: Buffer;
  boxPublicKey: Buffer;
  keyVersion: number;
  envelope: Buffer;
}

export interface WrapRow {
  agencyId: string;
  epoch: number;
  wrap: Buffer;
  signature: Buffer;
  issuedBy: string;
}

export interface MemberRow extends PersonKeysRow {
  personId: string;
  username: string;
  displayName: string;
  wrapAgencyId: string | null;
  wrapEpoch: number | null;
  wrap: Buffer | null;
  signature: Buffer | null;
  issuedBy: string | null;
}

export interface NewWrap {
  epoch: number;
  wrap: Uint8Array;
  signature: Uint8Array;
}

/** People's public keys and envelopes, and membership wraps. Wraps are read only by their person, or by agency. */
@Injectable()
export class PersonKeysRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findKeys(principalId: string): Promise<PersonKeysRow | null> {
    const rows = await this.dataSource.query<PersonKeysRow[]>(
      `SELECT sign_public_key AS "signPublicKey", box_public_key AS "boxPublicKey", key_version AS "keyVersion", envelope FROM person_keys WHERE principal_id = $1`,
      [principalId],
    );
    return rows[0] ?? null;
  }

  /** The keys of an active person of `agencyId`; null for anyone else (another agency's person looks missing). */
  async findKeysInAgency(principalId: string, agencyId: string): Promise<PersonKeysRow | null> {
    const rows = await this.dataSource.query<PersonKeysRow[]>(
      `SELECT k.sign_public_key AS "signPublicKey", k.box_public_key AS "boxPublicKey", k.key_version AS "keyVersion", k.envelope
         FROM person_keys k JOIN principals p ON p.id = k.principal_id
        WHERE k.principal_id = $1 AND p.agency_id = $2 AND p.kind = 'person' AND p.status = 'active'`,
      [principalId, agencyId],
    );
    return rows[0] ?? null;
  }

  /** False if the person already has keys (a person's keys change only by re-enrolment). */
  async insertKeys(principalId: string, keys: { signPublicKey: Uint8Array; boxPublicKey: Uint8Array; envelope: Uint8Array }): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(
      `INSERT INTO person_keys (principal_id, sign_public_key, box_public_key, key_version, envelope) VALUES ($1, $2, $3, 1, $4)
       ON CONFLICT (principal_id) DO NOTHING RETURNING 1`,
      [principalId, Buffer.from(keys.signPublicKey), Buffer.from(keys.boxPublicKey), Buffer.from(keys.envelope)],
    );
    return rows.length === 1;
  }

  /** Re-enrolment: the old keys went with the old secret, and so do the wraps sealed to them. */
  async forgetPerson(manager: EntityManager, principalId: string): Promise<void> {
    await manager.query(`DELETE FROM membership_wraps WHERE principal_id = $1`, [principalId]);
    await manager.query(`DELETE FROM person_keys WHERE principal_id = $1`, [principalId]);
    // Passkeys go too (decision 0111): their envelopes hold the old keys, and a lost device may be why.
    await manager.query(`DELETE FROM person_passkeys WHERE principal_id = $1`, [principalId]);
  }

  async wrapsOf(principalId: string): Promise<WrapRow[]> {
    return this.dataSource.query<WrapRow[]>(
      `SELECT agency_id AS "agencyId", epoch, wrap, signature, issued_by AS "issuedBy" FROM membership_wraps WHERE principal_id = $1 ORDER BY epoch`,
      [principalId],
    );
  }

  /** The agency's registered public keys of each asked epoch (absent epochs are missing from the map); inside a transaction, with its manager. */
  async registeredEpochs(agencyId: string, epochs: readonly number[], manager?: EntityManager): Promise<Map<number, { signPublicKey: Buffer; boxPublicKey: Buffer }>> {
    const rows = await (manager ?? this.dataSource).query<{ epoch: number; signPublicKey: Buffer; boxPublicKey: Buffer }[]>(
      `SELECT epoch, sign_public_key AS "signPublicKey", box_public_key AS "boxPublicKey" FROM agency_keys WHERE agency_id = $1 AND epoch = ANY($2::int[])`,
      [agencyId, epochs],
    );
    return new Map(rows.map((row) => [row.epoch, { signPublicKey: row.signPublicKey, boxPublicKey: row.boxPublicKey }]));
  }

  async upsertWraps(manager: EntityManager, agencyId: string, principalId: string, issuedBy: string, wraps: readonly NewWrap[]): Promise<void> {
    for (const wrap of wraps) {
      await manager.query(
        `INSERT INTO membership_wraps (principal_id, epoch, agency_id, wrap, signature, issued_by) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (principal_id, epoch) DO UPDATE SET wrap = excluded.wrap, signature = excluded.signature, issued_by = excluded.issued_by, created_at = now()`,
        [principalId, wrap.epoch, agencyId, Buffer.from(wrap.wrap), Buffer.from(wrap.signature), issuedBy],
      );
    }
  }

  /** Removal (research §3.4): the member's wraps, keys, passkeys, sessions and login go; the removal is kept. */
  async removeMember(manager: EntityManager, removal: { id: string; agencyId: string; principalId: string; removedBy: string }): Promise<void> {
    for (const table of ['membership_wraps', 'person_keys', 'person_passkeys', 'person_sessions', 'person_logins', 'opaque_login_attempts']) {
      await manager.query(`DELETE FROM ${table} WHERE principal_id = $1`, [removal.principalId]);
    }
    await manager.query(`INSERT INTO membership_removals (id, agency_id, principal_id, removed_by) VALUES ($1, $2, $3, $4)`, [removal.id, removal.agencyId, removal.principalId, removal.removedBy]);
  }

  /** True while a member was removed after the agency registered its current epoch (or it has none). */
  async rotationDue(agencyId: string): Promise<boolean> {
    const rows = await this.dataSource.query<{ due: boolean }[]>(
      `SELECT EXISTS (
         SELECT 1 FROM membership_removals r
          WHERE r.agency_id = $1
            AND r.removed_at >= coalesce((SELECT max(k.registered_at) FROM agency_keys k WHERE k.agency_id = $1), '-infinity')
       ) AS due`,
      [agencyId],
    );
    return rows[0]?.due ?? false;
  }

  /** The agency's active people with registered keys, each with their wrap of the highest epoch they hold (or null). */
  async members(agencyId: string): Promise<MemberRow[]> {
    return this.dataSource.query<MemberRow[]>(
      `SELECT p.id AS "personId", p.username, p.display_name AS "displayName", k.sign_public_key AS "signPublicKey", k.box_public_key AS "boxPublicKey", k.key_version AS "keyVersion", k.envelope,
              w.agency_id AS "wrapAgencyId", w.epoch AS "wrapEpoch", w.wrap, w.signature, w.issued_by AS "issuedBy"
         FROM principals p
         JOIN person_keys k ON k.principal_id = p.id
         LEFT JOIN LATERAL (SELECT * FROM membership_wraps mw WHERE mw.principal_id = p.id AND mw.agency_id = $1 ORDER BY mw.epoch DESC LIMIT 1) w ON true
        WHERE p.agency_id = $1 AND p.kind = 'person' AND p.status = 'active'
        ORDER BY p.id`,
      [agencyId],
    );
  }

  /** A person of `agencyId` (enrolled or not), for removal. */
  async isPersonOf(principalId: string, agencyId: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(`SELECT 1 FROM principals WHERE id = $1 AND agency_id = $2 AND kind = 'person'`, [principalId, agencyId]);
    return rows.length === 1;
  }
}
