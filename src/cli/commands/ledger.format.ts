import { describeFailures, type AccountingReport, type LogReport } from '../../ledger/verifier';
import type { CommandOutput } from '../cli-context';

export function logReportOutput(report: LogReport): CommandOutput {
  const { checkpointNote: _note, ...json } = report;
  const head = report.ok
    ? [
        `OK: the log of ${report.treeSize} entries verifies against the trust policy.`,
        `root ${report.rootHash}`,
        witnessLine(report),
        `entries recomputed: ${report.entriesChecked}; signed checkpoints matched: ${report.checkpointsChecked}`,
        report.logKeys.length > 1
          ? `log keys: the root key, then ${report.logKeys.length - 1} signed key transition(s), in force from size ${report.logKeys.slice(1).map((key) => key.from).join(', ')}`
          : 'log keys: the root key of the trust policy signed every checkpoint',
      ]
    : ['FAILED: the disclosure log does not verify.', ...describeFailures(report.failures)];
  return { json, text: head.join('\n') };
}

function witnessLine(report: LogReport): string {
  const cosigners = report.witnesses.map((each) => `${each.name} (${new Date(each.timestamp * 1000).toISOString()})`).join(', ');
  if (report.witnessedSize === null) return `witnesses: ${report.witnesses.length === 0 ? 'none required' : cosigners}`;
  return `witnesses: the checkpoint of size ${report.witnessedSize} is cosigned by ${cosigners}; the entries from ${report.witnessedSize} on are signed by the log and not yet cosigned (run verify again once the witnesses have caught up)`;
}

export function accountingReportOutput(report: AccountingReport, caseId: string, summary: unknown): CommandOutput {
  const head = report.ok
    ? [
        `OK: the accounting of case ${caseId} verifies.`,
        `entries: ${report.entries} (${report.proved} proved against the receipt of size ${report.treeSize}, ${report.pending} newer than it)`,
        report.witnessedSize === null
          ? `witnesses on the receipt: ${report.witnesses.map((each) => each.name).join(', ') || 'none'}`
          : `the receipt was signed for this accounting; it extends the checkpoint of size ${report.witnessedSize} witnessed by ${report.witnesses.map((each) => each.name).join(', ')}`,
      ]
    : [`FAILED: the accounting of case ${caseId} does not verify.`, ...describeFailures(report.failures)];
  return { json: { verification: report, summary }, text: head.join('\n') };
}
