import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type CallerContext } from '../auth/caller-context';
import { inTransaction } from '../database/transactions';
import { actorOf, LedgerWriter } from '../ledger/ledger-writer';
import { type HighRiskReason } from '../risk/risk.vocabulary';
import { type CaseRow, CasesRepository } from './cases.repository';
import { CasesService } from './cases.service';

/**
 * The custodian's high-risk flag (decision 0097): the one server-visible risk value, set for
 * routing a case to the high-risk team. Only the custodian sees or changes it (another agency's
 * case answers 404); every set, change of reason and clear is a log entry in the same transaction.
 * A repeat that changes nothing writes nothing, so a lost answer can be sent again.
 */
@Injectable()
export class HighRiskFlagService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CasesService,
    private readonly repository: CasesRepository,
    private readonly ledger: LedgerWriter,
  ) {}

  set(caller: CallerContext, caseId: string, reason: HighRiskReason): Promise<CaseRow> {
    return this.change(caller, caseId, reason);
  }

  clear(caller: CallerContext, caseId: string): Promise<CaseRow> {
    return this.change(caller, caseId, null);
  }

  private change(caller: CallerContext, caseId: string, reason: HighRiskReason | null): Promise<CaseRow> {
    return inTransaction(this.dataSource, async (manager) => {
      const row = await this.cases.getIn(manager, caller, caseId, true);
      if (row.highRiskReason === reason) return row;
      await this.repository.setHighRisk(manager, caseId, reason);
      await this.ledger.record(manager, reason === null ? 'high_risk_flag_cleared' : 'high_risk_flag_set', {
        actor: actorOf(caller),
        case: caseId,
        requestId: caller.requestId,
        detail: { reason, previousReason: row.highRiskReason },
      });
      return this.cases.getIn(manager, caller, caseId);
    });
  }
}
