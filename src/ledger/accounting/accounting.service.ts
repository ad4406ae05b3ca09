import { Inject, Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { DataSource, type EntityManager } from 'typeorm';
import { type CallerContext } from '../../auth/caller-context';
import { CONFIG } from '../../config/config';
import { type AppConfig } from '../../config/config.types';
import { isUuid } from '../../crypto/identifiers';
import { inTransaction } from '../../database/transactions';
import { checkCaseChain, describeChainBreak } from '../case-chain';
import { EntryFormatError, parseEntry } from '../entry-format';
import { CaseNotFoundError, CheckpointNotFoundError, LedgerIntegrityError, LogRangeError } from '../ledger.errors';
import { hashesEqual, leafHash, planConsistencyProof, planInclusionProof, verifyInclusion } from '../merkle';
import { type CosignedCheckpoint, CheckpointsService } from '../log/checkpoints.service';
import { LogKeysService } from '../log/log-keys.service';
import { type StoredEntry } from '../log/log-tree.repository';
import { ProofsService } from '../log/proofs.service';
import { ReadLogger } from '../read-logger';
import { buildAccounting, type VerifiedLink } from './accounting-builder';
import { AccountingRepository } from './accounting.repository';
import { type AccountingDto, type AccountingFormat } from './dto/accounting.dto';

/**
 * The survivor's accounting of disclosures (HIPAA 164.528, DESIGN §5): produced for an advocate of
 * the custodian agency, from the case's chain verified here first, every entry proved against a
 * checkpoint signed to cover them all (the receipt), and itself logged (`accounting_provided`) in
 * the same transaction as the reads it is built from.
 */
@Injectable()
export class AccountingService {
  constructor(
    private readonly logger: PinoLogger,
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly accounting: AccountingRepository,
    private readonly checkpoints: CheckpointsService,
    private readonly proofs: ProofsService,
    private readonly reads: ReadLogger,
    private readonly logKeys: LogKeysService,
  ) {
    this.logger.setContext(AccountingService.name);
  }

  async produce(caller: CallerContext, caseId: string, format: AccountingFormat, since: number | undefined): Promise<AccountingDto> {
    return inTransaction(this.dataSource, async (manager) => {
      const kase = await this.accounting.findCase(manager, caseId, caller.principal.agencyId);
      if (!kase) throw new CaseNotFoundError();
      const links = this.verifiedChain(caseId, await this.accounting.caseEntries(manager, caseId));
      const receipt = await this.receipt(links);
      if (since !== undefined && since > (receipt?.checkpoint.treeSize ?? 0)) {
        throw new LogRangeError('since', 'since is beyond the latest checkpoint: that receipt is not from this log, or the log went backwards');
      }
      const witnessed = receipt ? await this.witnessedBelow(receipt) : null;
      const { consistency, anchor } = await this.prove(links, receipt, since, witnessed, manager);
      const keyTransitions = await this.logKeys.transitions(manager);
      const consents = await this.accounting.consentHistory(manager, caseId);
      const mandates = await this.accounting.mandates(manager, caseId);
      const linked = await this.accounting.linkedCases(manager, caseId, kase.linkedFromCaseId);
      const agencyIds = [kase.custodianAgencyId, ...links.flatMap((link) => [link.entry.actor?.agency, link.entry.discloser, link.entry.recipient])];
      agencyIds.push(...consents.flatMap((row) => [row.recipientAgencyId, ...row.denyAgencyIds]), ...mandates.map((row) => row.recipientAgencyId));
      agencyIds.push(...[linked.from, ...linked.to].flatMap((row) => (row ? [row.custodianAgencyId] : [])));
      const names = await this.accounting.agencyNames(manager, [...new Set(agencyIds.filter(isUuid))]);
      // Last, so the log's lock is held briefly: HIPAA 164.528(d) documentation of the accounting given.
      const accountingEntryIndex = await this.reads.record(manager, caller, 'accounting_provided', {
        case: caseId,
        detail: { format, entries: links.length, checkpoint: receipt?.checkpoint.treeSize ?? 0, since: since ?? null },
      });
      const witnessedAnchor = witnessed && anchor ? { checkpoint: witnessed, consistency: anchor } : null;
      return buildAccounting({ kase, generatedAt: new Date(), links, receipt, witnessed: witnessedAnchor, origin: this.config.ledger.origin, consistency, keyTransitions, consents, mandates, linked, names, accountingEntryIndex });
    });
  }

  /**
   * A checkpoint signed for this accounting: one covering every listed entry (decision 0045), so
   * each entry's inclusion proof is in the accounting itself and none waits for the next one. The
   * latest checkpoint when it already covers them; otherwise one is signed now.
   */
  private async receipt(links: VerifiedLink[]): Promise<CosignedCheckpoint | null> {
    const needed = links.length === 0 ? 1 : links[links.length - 1].index + 1;
    return this.checkpoints.covering(needed).catch((error: unknown) => {
      if (error instanceof CheckpointNotFoundError) return null;
      throw error;
    });
  }

  /**
   * A freshly signed receipt has no witness cosignature yet. The newest witnessed checkpoint below
   * it, with a consistency proof up to the receipt, lets a verifier hold the receipt to its witness
   * quorum now: the receipt extends what the witnesses saw.
   */
  private async witnessedBelow(receipt: CosignedCheckpoint): Promise<CosignedCheckpoint | null> {
    if (receipt.cosignatures.length > 0) return null;
    const witnessed = await this.checkpoints.latestWitnessed();
    return witnessed && witnessed.checkpoint.treeSize < receipt.checkpoint.treeSize ? witnessed : null;
  }

  /** Parses each entry, recomputes its leaf hash and follows the chain: any break fails loudly. */
  private verifiedChain(caseId: string, stored: StoredEntry[]): VerifiedLink[] {
    const links = stored.map((row) => {
      const recomputed = leafHash(row.entry);
      if (!hashesEqual(recomputed, row.leafHash)) this.integrityFailure(row.index, 'stored leaf hash differs from the entry');
      try {
        return { index: row.index, leafHash: recomputed, bytes: row.entry, entry: parseEntry(row.entry), proof: null as Buffer[] | null };
      } catch (error) {
        if (error instanceof EntryFormatError) this.integrityFailure(row.index, error.message);
        throw error;
      }
    });
    const broken = checkCaseChain(caseId, links);
    if (broken) this.integrityFailure(broken.index, describeChainBreak(broken));
    return links;
  }

  /** Inclusion proofs of every entry the receipt covers and the consistency proofs, from one node query. */
  private async prove(links: VerifiedLink[], receipt: CosignedCheckpoint | null, since: number | undefined, witnessed: CosignedCheckpoint | null, manager: EntityManager) {
    if (!receipt) return { consistency: null, anchor: null };
    const { treeSize, root } = receipt.checkpoint;
    const covered = links.filter((link) => link.index < treeSize);
    const plans = covered.map((link) => planInclusionProof(link.index, treeSize));
    const anchorFrom = witnessed?.checkpoint.treeSize ?? treeSize;
    const [proofs] = await this.proofs.build([...plans, planConsistencyProof(since ?? 0, treeSize), planConsistencyProof(anchorFrom, treeSize)], [], manager);
    covered.forEach((link, i) => {
      if (!verifyInclusion(link.leafHash, link.index, treeSize, proofs[i], root)) this.integrityFailure(link.index, 'inclusion proof does not verify against the receipt');
      link.proof = proofs[i];
    });
    return {
      consistency: since === undefined ? null : { from: since, to: treeSize, proof: proofs[plans.length] },
      anchor: witnessed ? { from: anchorFrom, to: treeSize, proof: proofs[plans.length + 1] } : null,
    };
  }

  private integrityFailure(index: number, reason: string): never {
    // Index and reason only: enough for operators to find the damage, nothing about the survivor.
    this.logger.error(`disclosure log integrity failure at index ${index}: ${reason}`);
    throw new LedgerIntegrityError(index);
  }
}
