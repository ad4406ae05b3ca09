import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { type CallerContext } from '../auth/caller-context';
import { type VerifiedRecordV1 } from '../crypto';
import { EnvelopeVerifier } from '../keys/envelope-verifier';
import { EnvelopeRejectedError } from '../records/records.errors';
import { type DeliveredRecord, RecordsService } from '../records/records.service';

export interface CustodianRecordExpectations {
  caseId: string;
  category: 'profile' | 'consent_terms' | 'mandate_details';
  /** The caller's agency: the author, and the only agency the record may be wrapped for. */
  agencyId: string;
  /** The request member holding the envelope (`profile`, `terms`, `details`), for field names. */
  field: string;
}

/**
 * Sealed records that never leave the custodian (the survivor profile, the survivor's own words
 * in a release, a mandate's citation and docket): verified like every upload, and refused unless
 * the author's own agency is the one and only recipient. Stored with the custodian basis.
 */
@Injectable()
export class CustodianRecords {
  constructor(
    private readonly verifier: EnvelopeVerifier,
    private readonly records: RecordsService,
  ) {}

  /** Call inside the storing transaction: the key rows relied on stay locked until it commits. */
  async verify(manager: EntityManager, envelope: unknown, expected: CustodianRecordExpectations): Promise<VerifiedRecordV1> {
    const verified = await renamingField(expected.field, () =>
      this.verifier.verifyUpload(envelope, { caseId: expected.caseId, category: expected.category, authorAgencyId: expected.agencyId }, manager),
    );
    const onlyOwnAgency = verified.wraps.length === 1 && verified.wraps[0].agencyId === expected.agencyId && verified.wraps[0].consentId === null;
    if (!onlyOwnAgency) {
      throw new EnvelopeRejectedError(
        'not_custodian_only',
        `a ${expected.category} record is wrapped for the author's own agency only, without a consent`,
        `${expected.field}.wraps`,
      );
    }
    return verified;
  }

  /** The custodian's own read of such a record (an `access` entry in the log). */
  read(caller: CallerContext, recordId: string, caseId: string, category: CustodianRecordExpectations['category']): Promise<DeliveredRecord> {
    const agencyId = caller.principal.agencyId;
    return this.records.deliver(caller, recordId, 'custodian_case_work', { case: caseId, discloser: agencyId, recipient: agencyId, categories: [category], purpose: 'custodian_case_work' });
  }

  store(manager: EntityManager, caller: CallerContext, verified: VerifiedRecordV1): Promise<void> {
    return this.records.store(manager, caller, verified, () => ({ kind: 'custodian', id: null }));
  }
}

/** The verifier names fields of a bare `envelope`; here the envelope is one member of the body. */
async function renamingField<T>(field: string, verify: () => Promise<T>): Promise<T> {
  try {
    return await verify();
  } catch (error) {
    if (!(error instanceof EnvelopeRejectedError)) throw error;
    const errors = (error.extensions.errors ?? []).map((problem) => ({ ...problem, field: problem.field.replace(/^envelope/, field) }));
    throw new EnvelopeRejectedError(error.reason, error.detail, errors[0]?.field ?? field);
  }
}
