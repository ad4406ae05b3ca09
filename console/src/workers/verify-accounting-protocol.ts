import { type AccountingView } from '../api/accounting-rules';

/** Messages between the accounting screen and its worker (fetch the accounting, verify it against the trust policy). */
export type AccountingRequest = { type: 'accounting'; origin: string; csrf: string | null; caseId: string; trustPolicy: string | null };

export interface AccountingCheck {
  ok: boolean;
  treeSize: number | null;
  entries: number;
  proved: number;
  witnesses: string[];
  failures: { code: string; message: string }[];
  trustedServedKey: boolean;
}

export type AccountingReply = { type: 'done'; accounting: AccountingView; check: AccountingCheck } | { type: 'error'; message: string };
