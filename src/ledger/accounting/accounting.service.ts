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
import { CheckpointPublisher } from '../log/checkpoint-publisher';
import { type CosignedCheckpoint, CheckpointsService } from '../log/checkpoints.service';
import { type StoredEntry } from '../log/log-tree.repository';
import { ProofsService } from '../log/proofs.service';
import { ReadLogger } from '../read-logger';
import { buildAccounting, type VerifiedLink } from './accounting-builder';
import { AccountingRepository } from './accounting.repository';
import { type AccountingDto, type AccountingFormat } from './dto/accounting.dto';

/**
 * The survivor's accounting of disclosures (HIPAA 164.528, DESIGN §5): produced for an advocate of
 * the custodian agency, from the case's chain verified here first, every entry proved against the
 * latest checkpoint (the receipt), and itself logged (`accounting_provided`) in the same
 * transaction as the reads it is built from.
 */
@Injectable()
export class AccountingService {
  constructor(
    private readonly logger: PinoLogger,
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly accounting: AccountingRepository,
    private readonly checkpoints: CheckpointsService,
    private readonly publisher: CheckpointPublisher,
    private readonly proofs: ProofsService,
    private readonly reads: ReadLogger,
  ) {
    this.logger.setContext(AccountingService.name);
  }

  async produce(caller: CallerContext, caseId: string, format: AccountingFormat, since: number | undefined): Promise<AccountingDto> {
    const receipt = await this.receipt();
    if (since !== undefined && since > (receipt?.checkpoint.treeSize ?? 0)) {
      throw new LogRangeError('since', 'since is beyond the latest checkpoint: that receipt is not from this log, or the log went backwards');
    }
    return inTransaction(this.dataSource, async (manager) => {
      const kase = await this.accounting.findCase(manager, caseId, caller.principal.agencyId);
      if (!kase) throw new CaseNotFoundError();
      const links = this.verifiedChain(caseId, await this.accounting.caseEntries(manager, caseId));
      const consistency = await this.prove(links, receipt, since, manager);
      const consents = await this.accounting.consentHistory(manager, caseId);
      const mandates = await this.accounting.mandates(manager, caseId);
      const linked = await this.accounting.linkedCases(manager, caseId, kase.linkedFromCaseId);
      const agencyIds = [kase.custodianAgencyId, ...links.flatMap((link) => [link.entry.actor?.agency, link.entry.discloser, link.entry.recipient])];
      agencyIds.push(...consents.map((row) => row.recipientAgencyId), ...mandates.map((row) => row.recipientAgencyId));
      agencyIds.push(...[linked.from, ...linked.to].flatMap((row) => (row ? [row.custodianAgencyId] : [])));
      const names = await this.accounting.agencyNames(manager, [...new Set(agencyIds.filter(isUuid))]);
      // Last, so the log's lock is held briefly: HIPAA 164.528(d) documentation of the accounting given.
      const accountingEntryIndex = await this.reads.record(manager, caller, 'accounting_provided', {
        case: caseId,
        detail: { format, entries: links.length, checkpoint: receipt?.checkpoint.treeSize ?? 0, since: since ?? null },
      });
      return buildAccounting({ kase, generatedAt: new Date(), links, receipt, origin: this.config.ledger.origin, consistency, consents, mandates, linked, names, accountingEntryIndex });
    });
  }

  /** The latest checkpoint; on a log that never had one, one is signed now so proofs exist. */
  private async receipt(): Promise<CosignedCheckpoint | null> {
    const existing = await this.checkpoints.latest().catch((error: unknown) => {
      if (error instanceof CheckpointNotFoundError) return null;
      throw error;
    });
    if (existing) return existing;
    return (await this.publisher.publish()) ? this.checkpoints.latest() : null;
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

  /** Inclusion proofs of every entry the receipt covers, and the consistency proof, from one node query. */
  private async prove(links: VerifiedLink[], receipt: CosignedCheckpoint | null, since: number | undefined, manager: EntityManager) {
    if (!receipt) return null;
    const { treeSize, root } = receipt.checkpoint;
    const covered = links.filter((link) => link.index < treeSize);
    const plans = covered.map((link) => planInclusionProof(link.index, treeSize));
    const [proofs] = await this.proofs.build([...plans, planConsistencyProof(since ?? 0, treeSize)], [], manager);
    covered.forEach((link, i) => {
      if (!verifyInclusion(link.leafHash, link.index, treeSize, proofs[i], root)) this.integrityFailure(link.index, 'inclusion proof does not verify against the receipt');
      link.proof = proofs[i];
    });
    return since === undefined ? null : { from: since, to: treeSize, proof: proofs[plans.length] };
  }

  private integrityFailure(index: number, reason: string): never {
    // Index and reason only: enough for operators to find the damage, nothing about the survivor.
    this.logger.error(`disclosure log integrity failure at index ${index}: ${reason}`);
    throw new LedgerIntegrityError(index);
  }
}
