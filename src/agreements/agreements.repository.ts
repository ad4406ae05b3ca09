import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { firstRowAs, rowsAs, statement, type Statement } from '../database/statement';
import { run } from '../database/transactions';
import { type InForceVersion } from './agreement-match';
import { type AgreementTermsV1 } from './agreement-terms';

/** The versions in force between two agencies, and their kinds ('' for an agency that does not exist). */
export interface InForceBetween {
  versions: InForceVersion[];
  fromKind: string;
  toKind: string;
}

export interface AgreementRow {
  id: string;
  latestVersion: number;
  inForceVersion: number | null;
  createdAt: Date;
}

export interface AgreementVersionRow {
  agreementId: string;
  version: number;
  terms: AgreementTermsV1;
  proposedByAgencyId: string;
  proposedAt: Date;
  inForceAt: Date | null;
  supersededAt: Date | null;
}

export interface AgreementSignatureRow {
  agreementId: string;
  version: number;
  agencyId: string;
  signerEpoch: number;
  signature: Buffer;
  signedByPrincipalId: string;
  signedAt: Date;
}

export interface NewSignature {
  agreementId: string;
  version: number;
  agencyId: string;
  signerEpoch: number;
  signature: Buffer;
  signedByPrincipalId: string;
}

const VERSION_COLUMNS = `agreement_id AS "agreementId", version, terms, proposed_by_agency_id AS "proposedByAgencyId",
  proposed_at AS "proposedAt", in_force_at AS "inForceAt", superseded_at AS "supersededAt"`;
const SIGNATURE_COLUMNS = `agreement_id AS "agreementId", version, agency_id AS "agencyId", signer_epoch AS "signerEpoch",
  signature, signed_by_principal_id AS "signedByPrincipalId", signed_at AS "signedAt"`;

/**
 * Working agreements are visible to their party agencies only: every read takes the calling
 * agency and finds nothing for an agency that is a party to no version of the agreement.
 */
@Injectable()
export class AgreementsRepository {
  /** The agreement, if the agency is a party to any of its versions; `lock` serializes its changes. */
  findVisible(manager: EntityManager, id: string, agencyId: string, lock = false): Promise<AgreementRow | null> {
    return run(
      manager,
      statement(
        `SELECT id, latest_version AS "latestVersion", in_force_version AS "inForceVersion", created_at AS "createdAt"
           FROM agreements a
          WHERE id = $1 AND EXISTS (SELECT 1 FROM agreement_versions v WHERE v.agreement_id = a.id AND v.parties @> ARRAY[$2::uuid])
          ${lock ? 'FOR UPDATE' : ''}`,
        [id, agencyId],
        firstRowAs<AgreementRow>(),
      ),
    );
  }

  async exists(manager: EntityManager, id: string): Promise<boolean> {
    return (await run(manager, statement('SELECT 1 FROM agreements WHERE id = $1', [id], rowsAs<unknown>()))).length > 0;
  }

  /** Agreements any version of which names the agency as a party, newest first. */
  listVisible(manager: EntityManager, agencyId: string): Promise<AgreementRow[]> {
    return run(
      manager,
      statement(
        `SELECT id, latest_version AS "latestVersion", in_force_version AS "inForceVersion", created_at AS "createdAt"
           FROM agreements a
          WHERE EXISTS (SELECT 1 FROM agreement_versions v WHERE v.agreement_id = a.id AND v.parties @> ARRAY[$1::uuid])
          ORDER BY created_at DESC, id
          LIMIT 500`,
        [agencyId],
        rowsAs<AgreementRow>(),
      ),
    );
  }

  async insertAgreement(manager: EntityManager, id: string): Promise<void> {
    await run(manager, statement('INSERT INTO agreements (id, latest_version, in_force_version) VALUES ($1, 1, NULL)', [id], rowsAs<unknown>()));
  }

  async insertVersion(manager: EntityManager, agreementId: string, version: number, terms: AgreementTermsV1, proposedByAgencyId: string): Promise<void> {
    await run(
      manager,
      statement(
        `INSERT INTO agreement_versions (agreement_id, version, terms, parties, proposed_by_agency_id) VALUES ($1, $2, $3::jsonb, $4::uuid[], $5)`,
        [agreementId, version, JSON.stringify(terms), terms.parties, proposedByAgencyId],
        rowsAs<unknown>(),
      ),
    );
    await run(manager, statement('UPDATE agreements SET latest_version = $2 WHERE id = $1', [agreementId, version], rowsAs<unknown>()));
  }

  async insertSignature(manager: EntityManager, signature: NewSignature): Promise<void> {
    await run(
      manager,
      statement(
        `INSERT INTO agreement_signatures (agreement_id, version, agency_id, signer_epoch, signature, signed_by_principal_id) VALUES ($1, $2, $3, $4, $5, $6)`,
        [signature.agreementId, signature.version, signature.agencyId, signature.signerEpoch, signature.signature, signature.signedByPrincipalId],
        rowsAs<unknown>(),
      ),
    );
  }

  /** Puts `version` in force and supersedes the one it replaces, in the caller's transaction. */
  async putInForce(manager: EntityManager, agreementId: string, version: number, previous: number | null): Promise<void> {
    await run(manager, statement('UPDATE agreement_versions SET in_force_at = now() WHERE agreement_id = $1 AND version = $2', [agreementId, version], rowsAs<unknown>()));
    if (previous !== null) {
      await run(manager, statement('UPDATE agreement_versions SET superseded_at = now() WHERE agreement_id = $1 AND version = $2', [agreementId, previous], rowsAs<unknown>()));
    }
    await run(manager, statement('UPDATE agreements SET in_force_version = $2 WHERE id = $1', [agreementId, version], rowsAs<unknown>()));
  }

  versions(manager: EntityManager, agreementIds: readonly string[]): Promise<AgreementVersionRow[]> {
    return run(
      manager,
      statement(`SELECT ${VERSION_COLUMNS} FROM agreement_versions WHERE agreement_id = ANY($1::uuid[]) ORDER BY agreement_id, version`, [agreementIds], rowsAs<AgreementVersionRow>()),
    );
  }

  signatures(manager: EntityManager, agreementIds: readonly string[]): Promise<AgreementSignatureRow[]> {
    return run(
      manager,
      statement(
        `SELECT ${SIGNATURE_COLUMNS} FROM agreement_signatures WHERE agreement_id = ANY($1::uuid[]) ORDER BY agreement_id, version, signed_at, agency_id`,
        [agreementIds],
        rowsAs<AgreementSignatureRow>(),
      ),
    );
  }

  /**
   * The versions in force that name both agencies as parties, with each agency's kind: what a
   * referral between them is timed by. Prepared for the referral's pipeline (in its transaction).
   */
  inForceBetweenStatement(fromAgencyId: string, toAgencyId: string): Statement<InForceBetween> {
    return statement(
      // The kinds come back even when no version is in force: the referral's log entry names them (decision 0128).
      `SELECT v.agreement_id AS "agreementId", v.version, v.in_force_at AS "inForceAt", v.terms, k."fromKind", k."toKind"
         FROM (SELECT (SELECT kind FROM agencies WHERE id = $1) AS "fromKind", (SELECT kind FROM agencies WHERE id = $2) AS "toKind") k
         LEFT JOIN agreement_versions v
           ON v.parties @> ARRAY[$1::uuid, $2::uuid] AND v.in_force_at IS NOT NULL AND v.superseded_at IS NULL`,
      [fromAgencyId, toAgencyId],
      (rows) => {
        const typed = rows as unknown as (Omit<InForceVersion, 'agreementId'> & { agreementId: string | null; fromKind: string | null; toKind: string | null })[];
        const versions = typed.filter((row) => row.agreementId !== null).map(({ fromKind: _f, toKind: _t, ...version }) => version as InForceVersion);
        return { versions, fromKind: typed[0]?.fromKind ?? '', toKind: typed[0]?.toKind ?? '' };
      },
    );
  }

  /** Kind of each named agency that exists (agency directory metadata, shared by every member). */
  async agencyKinds(manager: EntityManager, agencyIds: readonly string[]): Promise<Map<string, string>> {
    const rows = await run(manager, statement('SELECT id, kind FROM agencies WHERE id = ANY($1::uuid[])', [agencyIds], rowsAs<{ id: string; kind: string }>()));
    return new Map(rows.map((row) => [row.id, row.kind]));
  }
}
