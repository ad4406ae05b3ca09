import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type CallerContext } from '../auth/caller-context';
import { onDuplicate } from '../cases/duplicates';
import { canonicalJson } from '../crypto';
import { inTransaction } from '../database/transactions';
import { actorOf, LedgerWriter } from '../ledger/ledger-writer';
import { agreementTermsProblems } from './agreement-rules';
import { AgreementSignatures } from './agreement-signatures';
import { type AgreementTermsInput, type AgreementTermsV1, agreementTermsV1 } from './agreement-terms';
import { type AgreementView, awaitingSignatures, versionStatus } from './agreement-views';
import {
  AgreementAlreadyExistsError,
  AgreementNotFoundError,
  AgreementTermsError,
  AgreementVersionConflictError,
  AlreadySignedError,
} from './agreements.errors';
import { type AgreementRow, AgreementsRepository } from './agreements.repository';

export interface SignatureInput {
  signerEpoch: number;
  signature: string;
}

export interface Proposal extends SignatureInput {
  terms: AgreementTermsInput;
}

/**
 * Working agreements (decision 0068): a party proposes a version, signed with its agency key;
 * every other party signs it; the version comes into force when the last party signs, and
 * supersedes the one in force before. Each step is a log entry. The server checks every
 * signature against the key directory and can alter no terms: each party's SDK verifies them too.
 */
@Injectable()
export class AgreementsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly agreements: AgreementsRepository,
    private readonly signatures: AgreementSignatures,
    private readonly ledger: LedgerWriter,
  ) {}

  /** Version 1 of a new agreement, with the proposer's signature. A concurrent twin id loses on the key: 409. */
  propose(caller: CallerContext, agreementId: string, proposal: Proposal): Promise<AgreementView> {
    return onDuplicate(
      () =>
        inTransaction(this.dataSource, async (manager) => {
          if (await this.agreements.exists(manager, agreementId)) throw new AgreementAlreadyExistsError();
          const terms = await this.checkedTerms(manager, caller, proposal.terms);
          const signature = await this.signatures.verify(manager, { agencyId: caller.principal.agencyId, ...proposal }, agreementId, 1, terms);
          await this.agreements.insertAgreement(manager, agreementId);
          await this.storeProposal(manager, caller, agreementId, 1, terms, { ...proposal, bytes: signature });
          return this.viewIn(manager, caller, agreementId);
        }),
      () => new AgreementAlreadyExistsError(),
    );
  }

  /** Version n+1, proposed by a party to the agreement (or to the new version's terms). */
  proposeVersion(caller: CallerContext, agreementId: string, version: number, proposal: Proposal): Promise<AgreementView> {
    return inTransaction(this.dataSource, async (manager) => {
      const agreement = await this.visible(manager, caller, agreementId, true);
      if (version !== agreement.latestVersion + 1) {
        throw new AgreementVersionConflictError(`The next version of this agreement is ${agreement.latestVersion + 1}.`, agreement.latestVersion);
      }
      const terms = await this.checkedTerms(manager, caller, proposal.terms);
      const signature = await this.signatures.verify(manager, { agencyId: caller.principal.agencyId, ...proposal }, agreementId, version, terms);
      await this.storeProposal(manager, caller, agreementId, version, terms, { ...proposal, bytes: signature });
      return this.viewIn(manager, caller, agreementId);
    });
  }

  /** A party's signature on the latest proposed version; the last one puts it in force. */
  sign(caller: CallerContext, agreementId: string, version: number, input: SignatureInput): Promise<AgreementView> {
    return inTransaction(this.dataSource, async (manager) => {
      const agreement = await this.visible(manager, caller, agreementId, true);
      const view = await this.viewOf(manager, agreement);
      const target = view.versions.find((each) => each.version === version);
      if (!target || !target.terms.parties.includes(caller.principal.agencyId)) throw new AgreementNotFoundError('agreement version');
      if (versionStatus(agreement, target) !== 'proposed') {
        throw new AgreementVersionConflictError(`Version ${version} is no longer open for signature; the latest is ${agreement.latestVersion}.`, agreement.latestVersion);
      }
      if (!awaitingSignatures(target, view.signatures).includes(caller.principal.agencyId)) throw new AlreadySignedError();
      const bytes = await this.signatures.verify(manager, { agencyId: caller.principal.agencyId, ...input }, agreementId, version, target.terms);
      await this.storeSignature(manager, caller, agreementId, version, target.terms, { ...input, bytes }, 'agreement_signed');
      await this.putInForceIfComplete(manager, caller, agreement, version, target.terms);
      return this.viewIn(manager, caller, agreementId);
    });
  }

  async get(caller: CallerContext, agreementId: string): Promise<AgreementView> {
    return this.viewIn(this.dataSource.manager, caller, agreementId);
  }

  /** Every agreement the caller's agency is a party to (to any version of), newest first. */
  async list(caller: CallerContext): Promise<AgreementView[]> {
    const manager = this.dataSource.manager;
    const rows = await this.agreements.listVisible(manager, caller.principal.agencyId);
    const ids = rows.map((row) => row.id);
    const [versions, signatures] = await Promise.all([this.agreements.versions(manager, ids), this.agreements.signatures(manager, ids)]);
    return rows.map((agreement) => ({
      agreement,
      versions: versions.filter((each) => each.agreementId === agreement.id),
      signatures: signatures.filter((each) => each.agreementId === agreement.id),
    }));
  }

  private async checkedTerms(manager: EntityManager, caller: CallerContext, input: AgreementTermsInput): Promise<AgreementTermsV1> {
    // The DTO is a class instance: sign and store the plain members only.
    const terms = agreementTermsV1(JSON.parse(JSON.stringify(input)) as AgreementTermsInput);
    const kinds = await this.agreements.agencyKinds(manager, terms.parties);
    const problems = agreementTermsProblems(terms, kinds, caller.principal.agencyId);
    if (problems.length > 0) throw new AgreementTermsError(problems);
    return terms;
  }

  private async storeProposal(
    manager: EntityManager,
    caller: CallerContext,
    agreementId: string,
    version: number,
    terms: AgreementTermsV1,
    signed: SignatureInput & { bytes: Buffer },
  ): Promise<void> {
    await this.agreements.insertVersion(manager, agreementId, version, terms, caller.principal.agencyId);
    await this.storeSignature(manager, caller, agreementId, version, terms, signed, 'agreement_proposed');
  }

  private async storeSignature(
    manager: EntityManager,
    caller: CallerContext,
    agreementId: string,
    version: number,
    terms: AgreementTermsV1,
    signed: SignatureInput & { bytes: Buffer },
    kind: 'agreement_proposed' | 'agreement_signed',
  ): Promise<void> {
    const agencyId = caller.principal.agencyId;
    await this.agreements.insertSignature(manager, { agreementId, version, agencyId, signerEpoch: signed.signerEpoch, signature: signed.bytes, signedByPrincipalId: caller.principal.id });
    await this.ledger.record(manager, kind, {
      actor: actorOf(caller),
      requestId: caller.requestId,
      detail: { agreement: agreementId, version, parties: terms.parties, termsSha256: termsDigest(terms), signerEpoch: signed.signerEpoch },
    });
  }

  private async putInForceIfComplete(manager: EntityManager, caller: CallerContext, agreement: AgreementRow, version: number, terms: AgreementTermsV1): Promise<void> {
    const signed = await this.agreements.signatures(manager, [agreement.id]);
    const missing = terms.parties.filter((party) => !signed.some((each) => each.version === version && each.agencyId === party));
    if (missing.length > 0) return;
    await this.agreements.putInForce(manager, agreement.id, version, agreement.inForceVersion);
    await this.ledger.record(manager, 'agreement_in_force', {
      actor: actorOf(caller),
      requestId: caller.requestId,
      detail: { agreement: agreement.id, version, supersedes: agreement.inForceVersion, parties: terms.parties, termsSha256: termsDigest(terms) },
    });
  }

  private async visible(manager: EntityManager, caller: CallerContext, agreementId: string, lock = false): Promise<AgreementRow> {
    const agreement = await this.agreements.findVisible(manager, agreementId, caller.principal.agencyId, lock);
    if (!agreement) throw new AgreementNotFoundError();
    return agreement;
  }

  private async viewIn(manager: EntityManager, caller: CallerContext, agreementId: string): Promise<AgreementView> {
    return this.viewOf(manager, await this.visible(manager, caller, agreementId));
  }

  private async viewOf(manager: EntityManager, agreement: AgreementRow): Promise<AgreementView> {
    const versions = await this.agreements.versions(manager, [agreement.id]);
    const signatures = await this.agreements.signatures(manager, [agreement.id]);
    return { agreement, versions, signatures };
  }
}

/** Names the exact terms in the log without copying them there. */
function termsDigest(terms: AgreementTermsV1): string {
  return createHash('sha256').update(canonicalJson(terms)).digest('hex');
}
