/** Messages between the verify screen and the verify worker. */
export type VerifyRequest = { type: 'verify'; origin: string; trustPolicy: string | null; pageSize?: number };

export interface VerifySummary {
  ok: boolean;
  treeSize: number | null;
  entriesChecked: number;
  checkpointsChecked: number;
  witnesses: string[];
  firstBadIndex: number | null;
  failures: { code: string; message: string }[];
  trustedServedKey: boolean;
}

export type VerifyReply =
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; summary: VerifySummary }
  | { type: 'error'; message: string };
