import { type Location } from '../../ledger/verifier';
/**
 * The disclosure log (or an accounting, or a witness's view of it) failed verification: exit 6.
 * The report has already been printed; the message says what failed first.
 */
export class LedgerVerificationFailed extends Error {
  override readonly name = 'LedgerVerificationFailed';

  constructor(
    message: string,
    readonly details: { firstBadIndex?: number | null; location?: Location | null; codes?: string[]; reason?: string },
  ) {
    super(message);
  }
}
